extension LocalAuthority {
  /// The 15 local authorities of the Yorkshire and the Humber in 2010.
  static let yorkshireAndTheHumber: [LocalAuthority] = inRegion(
    .yorkshireAndTheHumber,
    [
      entry(
        370, "Barnsley", county: "South Yorkshire", 53.530, -1.550, radius: 9, weight: 95,
        postcodes: "S36,70-75",
        towns: ["Barnsley", "Penistone", "Wombwell", "Hoyland", "Cudworth", "Goldthorpe"]),
      entry(
        371, "Doncaster", county: "South Yorkshire", 53.520, -1.100, radius: 11, weight: 140,
        postcodes: "DN1-12",
        towns: [
          "Doncaster", "Bentley", "Mexborough", "Thorne", "Armthorpe", "Conisbrough",
          "Adwick le Street",
        ]),
      entry(
        372, "Rotherham", county: "South Yorkshire", 53.410, -1.320, radius: 9, weight: 130,
        postcodes: "S25-26,60-66",
        towns: ["Rotherham", "Rawmarsh", "Maltby", "Wath upon Dearne", "Dinnington", "Swinton"]),
      entry(
        373, "Sheffield", county: "South Yorkshire", 53.390, -1.500, radius: 9, weight: 175,
        postcodes: "S1-14,17,20-21,35",
        towns: [
          "Sheffield", "Hillsborough", "Darnall", "Firth Park", "Stocksbridge", "Chapeltown",
          "Gleadless",
        ]),
      entry(
        380, "Bradford", county: "West Yorkshire", 53.820, -1.850, radius: 10, weight: 210,
        postcodes: "BD1-22 LS29",
        towns: ["Bradford", "Keighley", "Shipley", "Bingley", "Ilkley", "Thornton", "Queensbury"]),
      entry(
        381, "Calderdale", county: "West Yorkshire", 53.720, -1.960, radius: 9, weight: 110,
        postcodes: "HX1-7 HD6 OL14",
        towns: ["Halifax", "Brighouse", "Elland", "Sowerby Bridge", "Todmorden", "Hebden Bridge"]),
      entry(
        382, "Kirklees", county: "West Yorkshire",
        53.630, -1.750, radius: 9, weight: 190, middleSchools: true,
        postcodes: "HD1-5,7-9 WF12-17",
        towns: [
          "Huddersfield", "Dewsbury", "Batley", "Holmfirth", "Mirfield", "Cleckheaton",
          "Heckmondwike",
        ]),
      entry(
        383, "Leeds", county: "West Yorkshire", 53.810, -1.520, radius: 11, weight: 280,
        postcodes: "LS1-28 WF3,10",
        towns: [
          "Leeds", "Morley", "Pudsey", "Horsforth", "Garforth", "Otley", "Wetherby", "Rothwell",
        ]),
      entry(
        384, "Wakefield", county: "West Yorkshire", 53.660, -1.420, radius: 9, weight: 160,
        postcodes: "WF1-11",
        towns: [
          "Wakefield", "Castleford", "Pontefract", "Normanton", "Ossett", "Featherstone",
          "Hemsworth",
        ]),
      entry(
        810, "Kingston upon Hull, City of", county: "East Riding of Yorkshire",
        53.760, -0.350, radius: 5, weight: 95,
        postcodes: "HU1-9",
        towns: ["Hull", "Bransholme", "Orchard Park", "Sutton-on-Hull", "Marfleet"]),
      entry(
        811, "East Riding of Yorkshire", county: "East Riding of Yorkshire",
        53.870, -0.550, radius: 25, weight: 165,
        postcodes: "HU10-20 YO15-16,25,42-43 DN14",
        towns: [
          "Beverley", "Bridlington", "Goole", "Driffield", "Hornsea", "Pocklington", "Cottingham",
          "Withernsea",
        ]),
      entry(
        812, "North East Lincolnshire", county: "Lincolnshire", 53.540, -0.090, radius: 7,
        weight: 70,
        postcodes: "DN31-37,40",
        towns: ["Grimsby", "Cleethorpes", "Immingham", "Laceby", "Waltham"]),
      entry(
        813, "North Lincolnshire", county: "Lincolnshire", 53.590, -0.650, radius: 14, weight: 75,
        postcodes: "DN9,15-20",
        towns: ["Scunthorpe", "Brigg", "Barton-upon-Humber", "Epworth", "Bottesford", "Crowle"]),
      entry(
        815, "North Yorkshire", county: "North Yorkshire", 54.150, -1.450, radius: 55, weight: 390,
        postcodes: "YO7-8,11-14,17-18,21-22,60-62 HG1-5 DL6-11 BD23-24 LS24-25 TS9",
        towns: [
          "Harrogate", "Scarborough", "Northallerton", "Skipton", "Selby", "Ripon", "Richmond",
          "Whitby", "Thirsk", "Malton",
        ]),
      entry(
        816, "York", county: "North Yorkshire", 53.960, -1.080, radius: 7, weight: 65,
        postcodes: "YO1,10,19,23-24,26,30-32,41",
        towns: ["York", "Acomb", "Haxby", "Heworth", "Huntington"]),
    ])
}
