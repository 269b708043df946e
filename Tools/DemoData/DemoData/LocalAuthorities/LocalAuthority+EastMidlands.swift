extension LocalAuthority {
  /// The 9 local authorities of the East Midlands in 2010.
  static let eastMidlands: [LocalAuthority] = inRegion(
    .eastMidlands,
    [
      entry(
        830, "Derbyshire", county: "Derbyshire", 53.100, -1.550, radius: 30, weight: 430,
        postcodes: "DE4-7,11-12,21-24,45,55-56,65,72-75 S18,21,32-33,40-45 SK13,17,22-23",
        towns: [
          "Chesterfield", "Matlock", "Buxton", "Ilkeston", "Swadlincote", "Glossop", "Belper",
          "Ripley", "Long Eaton", "Ashbourne",
        ]),
      entry(
        831, "Derby", county: "Derbyshire", 52.920, -1.475, radius: 6, weight: 100,
        postcodes: "DE1-3,21-24",
        towns: ["Derby", "Allenton", "Chaddesden", "Mickleover", "Alvaston", "Littleover"]),
      entry(
        855, "Leicestershire", county: "Leicestershire", 52.680, -1.200, radius: 25, weight: 280,
        postcodes: "LE2-3,6-14,16-19,65,67 DE12,74",
        towns: [
          "Loughborough", "Hinckley", "Melton Mowbray", "Market Harborough", "Coalville",
          "Lutterworth", "Ashby-de-la-Zouch", "Wigston", "Oadby", "Shepshed",
        ]),
      entry(
        856, "Leicester", county: "Leicestershire", 52.635, -1.130, radius: 5, weight: 115,
        postcodes: "LE1-5",
        towns: ["Leicester", "Belgrave", "Braunstone", "Beaumont Leys", "Evington", "Highfields"]),
      entry(
        857, "Rutland", county: "Rutland", 52.660, -0.640, radius: 10, weight: 20,
        postcodes: "LE15 PE9",
        towns: ["Oakham", "Uppingham", "Cottesmore", "Ketton", "Empingham"]),
      entry(
        891, "Nottinghamshire", county: "Nottinghamshire", 53.130, -1.000, radius: 25, weight: 350,
        postcodes: "NG4-5,9,11-25 S80-81 DN10-11,22",
        towns: [
          "Mansfield", "Newark-on-Trent", "Worksop", "Retford", "Sutton-in-Ashfield",
          "Kirkby-in-Ashfield", "Hucknall", "Beeston", "West Bridgford", "Arnold", "Southwell",
          "Carlton",
        ]),
      entry(
        892, "Nottingham", county: "Nottinghamshire", 52.955, -1.160, radius: 5, weight: 100,
        postcodes: "NG1-3,5-8,11",
        towns: ["Nottingham", "Bulwell", "Clifton", "Sneinton", "Radford", "Bestwood", "Basford"]),
      entry(
        925, "Lincolnshire", county: "Lincolnshire", 53.100, -0.200, radius: 45, weight: 370,
        postcodes: "LN1-13 PE9-12,20-25 NG31-34 DN21",
        towns: [
          "Lincoln", "Boston", "Grantham", "Spalding", "Skegness", "Louth", "Gainsborough",
          "Stamford", "Sleaford", "Bourne", "Mablethorpe", "Horncastle", "Market Rasen",
        ]),
      entry(
        928, "Northamptonshire", county: "Northamptonshire", 52.300, -0.880, radius: 28,
        weight: 300,
        postcodes: "NN1-18,29",
        towns: [
          "Northampton", "Kettering", "Corby", "Wellingborough", "Daventry", "Rushden", "Brackley",
          "Towcester", "Oundle", "Desborough", "Raunds",
        ]),
    ])
}
