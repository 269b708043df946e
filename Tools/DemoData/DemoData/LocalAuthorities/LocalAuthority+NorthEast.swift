extension LocalAuthority {
  /// The 12 local authorities of the North East in 2010.
  static let northEast: [LocalAuthority] = inRegion(
    .northEast,
    [
      entry(
        390, "Gateshead", county: "Tyne and Wear", 54.930, -1.660, radius: 6, weight: 85,
        postcodes: "NE8-11,16,21,39-40 DH3",
        towns: ["Gateshead", "Felling", "Whickham", "Birtley", "Blaydon", "Ryton"]),
      entry(
        391, "Newcastle upon Tyne", county: "Tyne and Wear", 55.000, -1.650, radius: 6, weight: 95,
        postcodes: "NE1-7,12-13,15",
        towns: ["Newcastle upon Tyne", "Gosforth", "Walker", "Benwell", "Fenham", "Kenton"]),
      entry(
        392, "North Tyneside", county: "Tyne and Wear", 55.030, -1.500, radius: 5, weight: 80,
        postcodes: "NE12,25-30",
        towns: [
          "North Shields", "Wallsend", "Whitley Bay", "Tynemouth", "Killingworth", "Longbenton",
        ]),
      entry(
        393, "South Tyneside", county: "Tyne and Wear", 54.970, -1.430, radius: 4, weight: 60,
        postcodes: "NE31-36",
        towns: ["South Shields", "Jarrow", "Hebburn", "Boldon", "Cleadon", "Whitburn"]),
      entry(
        394, "Sunderland", county: "Tyne and Wear", 54.880, -1.440, radius: 7, weight: 120,
        postcodes: "SR1-6 DH4-5 NE37-38",
        towns: ["Sunderland", "Washington", "Houghton-le-Spring", "Hetton-le-Hole", "Southwick"]),
      entry(
        805, "Hartlepool", county: "County Durham", 54.680, -1.230, radius: 5, weight: 40,
        postcodes: "TS24-27",
        towns: ["Hartlepool", "Seaton Carew", "Greatham"]),
      entry(
        806, "Middlesbrough", county: "North Yorkshire", 54.555, -1.230, radius: 4, weight: 55,
        postcodes: "TS1-8",
        towns: ["Middlesbrough", "Linthorpe", "Acklam", "Hemlington", "Berwick Hills"]),
      entry(
        807, "Redcar and Cleveland", county: "North Yorkshire", 54.560, -1.020, radius: 8,
        weight: 65,
        postcodes: "TS6,10-14",
        towns: [
          "Redcar", "Guisborough", "Saltburn-by-the-Sea", "Eston", "Marske-by-the-Sea", "Skelton",
        ]),
      entry(
        808, "Stockton-on-Tees", county: "County Durham", 54.560, -1.340, radius: 7, weight: 80,
        postcodes: "TS15-23",
        towns: ["Stockton-on-Tees", "Billingham", "Thornaby", "Yarm", "Norton", "Ingleby Barwick"]),
      entry(
        840, "Durham", county: "County Durham", 54.700, -1.750, radius: 30, weight: 300,
        postcodes: "DH1-3,6-9 DL4-5,12-17 SR7-8 TS21,27-29",
        towns: [
          "Durham", "Chester-le-Street", "Consett", "Stanley", "Bishop Auckland", "Newton Aycliffe",
          "Peterlee", "Seaham", "Barnard Castle", "Spennymoor",
        ]),
      entry(
        841, "Darlington", county: "County Durham", 54.530, -1.560, radius: 7, weight: 45,
        postcodes: "DL1-3",
        towns: ["Darlington", "Hurworth", "Heighington", "Middleton St George"]),
      entry(
        929, "Northumberland", county: "Northumberland",
        55.200, -2.000, radius: 45, weight: 175, middleSchools: true,
        postcodes: "NE19-20,22-24,41-49,61-71 TD15",
        towns: [
          "Morpeth", "Hexham", "Alnwick", "Berwick-upon-Tweed", "Blyth", "Cramlington", "Ashington",
          "Bedlington", "Prudhoe", "Ponteland", "Rothbury", "Amble",
        ]),
    ])
}
