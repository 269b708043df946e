extension LocalAuthority {
  /// The 23 local authorities of the North West in 2010.
  static let northWest: [LocalAuthority] = inRegion(
    .northWest,
    [
      entry(
        340, "Knowsley", county: "Merseyside", 53.440, -2.850, radius: 6, weight: 65,
        postcodes: "L26,28,32-36",
        towns: ["Huyton", "Kirkby", "Prescot", "Halewood", "Whiston"]),
      entry(
        341, "Liverpool", county: "Merseyside", 53.410, -2.950, radius: 6, weight: 180,
        postcodes: "L1-25,27",
        towns: [
          "Liverpool", "Everton", "Anfield", "Toxteth", "Speke", "Garston", "Walton", "Croxteth",
        ]),
      entry(
        342, "St. Helens", county: "Merseyside", 53.455, -2.735, radius: 5, weight: 75,
        postcodes: "WA9-12 L35",
        towns: ["St Helens", "Newton-le-Willows", "Rainhill", "Haydock", "Eccleston"]),
      entry(
        343, "Sefton", county: "Merseyside", 53.540, -3.010, radius: 11, weight: 110,
        postcodes: "L20-23,29-31,37-38 PR8-9",
        towns: ["Southport", "Bootle", "Crosby", "Formby", "Maghull", "Litherland"]),
      entry(
        344, "Wirral", county: "Merseyside", 53.370, -3.070, radius: 9, weight: 130,
        postcodes: "CH41-49,60-63",
        towns: ["Birkenhead", "Wallasey", "Bebington", "Heswall", "West Kirby", "Moreton"]),
      entry(
        350, "Bolton", county: "Greater Manchester", 53.580, -2.430, radius: 6, weight: 130,
        postcodes: "BL1-7",
        towns: ["Bolton", "Farnworth", "Horwich", "Westhoughton", "Little Lever", "Blackrod"]),
      entry(
        351, "Bury", county: "Greater Manchester", 53.590, -2.300, radius: 5, weight: 80,
        postcodes: "BL0,8-9 M25-26,45",
        towns: ["Bury", "Ramsbottom", "Radcliffe", "Prestwich", "Whitefield", "Tottington"]),
      entry(
        352, "Manchester", county: "Greater Manchester", 53.450, -2.230, radius: 8, weight: 200,
        postcodes: "M1-4,8-9,11-16,18-23,40",
        towns: [
          "Manchester", "Wythenshawe", "Moss Side", "Gorton", "Blackley", "Didsbury",
          "Cheetham Hill",
          "Longsight",
        ]),
      entry(
        353, "Oldham", county: "Greater Manchester", 53.550, -2.080, radius: 6, weight: 115,
        postcodes: "OL1-4,8-9 M35",
        towns: ["Oldham", "Chadderton", "Royton", "Failsworth", "Shaw", "Saddleworth"]),
      entry(
        354, "Rochdale", county: "Greater Manchester", 53.600, -2.160, radius: 6, weight: 95,
        postcodes: "OL10-12,16 M24",
        towns: ["Rochdale", "Heywood", "Middleton", "Littleborough", "Milnrow"]),
      entry(
        355, "Salford", county: "Greater Manchester", 53.490, -2.350, radius: 6, weight: 100,
        postcodes: "M5-7,27-28,30,38,44,50",
        towns: ["Salford", "Eccles", "Swinton", "Walkden", "Irlam", "Worsley"]),
      entry(
        356, "Stockport", county: "Greater Manchester", 53.400, -2.130, radius: 6, weight: 120,
        postcodes: "SK1-8,12",
        towns: ["Stockport", "Cheadle", "Bramhall", "Marple", "Hazel Grove", "Reddish"]),
      entry(
        357, "Tameside", county: "Greater Manchester", 53.480, -2.060, radius: 6, weight: 100,
        postcodes: "OL5-7 SK14-16 M34,43",
        towns: ["Ashton-under-Lyne", "Hyde", "Stalybridge", "Denton", "Droylsden", "Mossley"]),
      entry(
        358, "Trafford", county: "Greater Manchester", 53.430, -2.340, radius: 6, weight: 95,
        postcodes: "M16,32-33,41 WA14-15",
        towns: ["Sale", "Altrincham", "Stretford", "Urmston", "Partington", "Old Trafford"]),
      entry(
        359, "Wigan", county: "Greater Manchester", 53.530, -2.590, radius: 7, weight: 135,
        postcodes: "WN1-7 M29,46 WA3",
        towns: [
          "Wigan", "Leigh", "Ashton-in-Makerfield", "Hindley", "Atherton", "Standish", "Golborne",
        ]),
      entry(
        876, "Halton", county: "Cheshire", 53.345, -2.720, radius: 6, weight: 70,
        postcodes: "WA7-8",
        towns: ["Runcorn", "Widnes", "Hale", "Halton"]),
      entry(
        877, "Warrington", county: "Cheshire", 53.395, -2.590, radius: 8, weight: 90,
        postcodes: "WA1-5,13",
        towns: ["Warrington", "Great Sankey", "Birchwood", "Lymm", "Culcheth", "Penketh"]),
      entry(
        888, "Lancashire", county: "Lancashire", 53.850, -2.600, radius: 35, weight: 630,
        postcodes: "PR1-7,25-26 LA1-5 BB4-12,18 FY5-8 L39-40 WN8 OL13",
        towns: [
          "Preston", "Lancaster", "Burnley", "Chorley", "Accrington", "Morecambe", "Leyland",
          "Nelson", "Ormskirk", "Skelmersdale", "Fleetwood", "Lytham St Annes", "Clitheroe",
          "Colne",
          "Rawtenstall", "Poulton-le-Fylde",
        ]),
      entry(
        889, "Blackburn with Darwen", county: "Lancashire", 53.720, -2.480, radius: 6, weight: 80,
        postcodes: "BB1-3",
        towns: ["Blackburn", "Darwen", "Mill Hill", "Audley", "Feniscowles"]),
      entry(
        890, "Blackpool", county: "Lancashire", 53.815, -3.030, radius: 4, weight: 45,
        postcodes: "FY1-4",
        towns: ["Blackpool", "Bispham", "South Shore", "Layton", "Marton", "Grange Park"]),
      entry(
        895, "Cheshire East", county: "Cheshire", 53.160, -2.270, radius: 20, weight: 160,
        postcodes: "CW1-4,10-12 SK9-12 ST7 WA16",
        towns: [
          "Crewe", "Macclesfield", "Congleton", "Wilmslow", "Sandbach", "Nantwich", "Knutsford",
          "Alsager", "Poynton", "Middlewich",
        ]),
      entry(
        896, "Cheshire West and Chester", county: "Cheshire", 53.180, -2.750, radius: 18,
        weight: 160,
        postcodes: "CH1-4,64-66 CW6-9 WA6",
        towns: [
          "Chester", "Ellesmere Port", "Northwich", "Winsford", "Neston", "Frodsham", "Tarporley",
          "Helsby",
        ]),
      entry(
        909, "Cumbria", county: "Cumbria", 54.550, -3.050, radius: 50, weight: 350,
        postcodes: "CA1-28 LA6-23",
        towns: [
          "Carlisle", "Kendal", "Barrow-in-Furness", "Workington", "Whitehaven", "Penrith",
          "Keswick",
          "Ulverston", "Cockermouth", "Maryport", "Windermere", "Appleby-in-Westmorland",
        ]),
    ])
}
