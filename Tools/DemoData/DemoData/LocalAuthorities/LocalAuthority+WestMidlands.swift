extension LocalAuthority {
  /// The 14 local authorities of the West Midlands in 2010.
  static let westMidlands: [LocalAuthority] = inRegion(
    .westMidlands,
    [
      entry(
        330, "Birmingham", county: "West Midlands", 52.470, -1.890, radius: 10, weight: 430,
        postcodes: "B1-38,42-48,72-76",
        towns: [
          "Birmingham", "Sutton Coldfield", "Erdington", "Edgbaston", "Selly Oak", "Handsworth",
          "Kings Norton", "Yardley",
        ]),
      entry(
        331, "Coventry", county: "West Midlands", 52.408, -1.510, radius: 6, weight: 130,
        postcodes: "CV1-6",
        towns: ["Coventry", "Tile Hill", "Foleshill", "Canley", "Bell Green", "Earlsdon"]),
      entry(
        332, "Dudley", county: "West Midlands", 52.480, -2.110, radius: 6, weight: 110,
        postcodes: "DY1-3,5-9 B62-63",
        towns: ["Dudley", "Stourbridge", "Halesowen", "Brierley Hill", "Sedgley", "Kingswinford"]),
      entry(
        333, "Sandwell", county: "West Midlands", 52.510, -2.010, radius: 5, weight: 120,
        postcodes: "B64-71 WS10 DY4",
        towns: ["West Bromwich", "Smethwick", "Oldbury", "Tipton", "Wednesbury", "Rowley Regis"]),
      entry(
        334, "Solihull", county: "West Midlands", 52.420, -1.720, radius: 8, weight: 80,
        postcodes: "B26-27,33,36-37,90-94 CV7",
        towns: ["Solihull", "Shirley", "Chelmsley Wood", "Knowle", "Dorridge", "Balsall Common"]),
      entry(
        335, "Walsall", county: "West Midlands", 52.590, -1.970, radius: 6, weight: 120,
        postcodes: "WS1-9 WV12-13",
        towns: ["Walsall", "Bloxwich", "Willenhall", "Darlaston", "Aldridge", "Brownhills"]),
      entry(
        336, "Wolverhampton", county: "West Midlands", 52.590, -2.120, radius: 5, weight: 110,
        postcodes: "WV1-4,6,9-11,14",
        towns: ["Wolverhampton", "Bilston", "Wednesfield", "Tettenhall", "Penn"]),
      entry(
        860, "Staffordshire", county: "Staffordshire",
        52.800, -2.050, radius: 32, weight: 430, middleSchools: true,
        postcodes: "ST5,7-21 WS6-7,11-15 DE13-15 B77-79 WV5-8",
        towns: [
          "Stafford", "Cannock", "Burton upon Trent", "Tamworth", "Lichfield",
          "Newcastle-under-Lyme",
          "Leek", "Stone", "Uttoxeter", "Rugeley", "Kidsgrove", "Biddulph",
        ]),
      entry(
        861, "Stoke-on-Trent", county: "Staffordshire", 53.010, -2.180, radius: 6, weight: 110,
        postcodes: "ST1-4,6",
        towns: ["Stoke-on-Trent", "Hanley", "Burslem", "Longton", "Tunstall", "Fenton", "Meir"]),
      entry(
        884, "Herefordshire", county: "Herefordshire", 52.080, -2.750, radius: 22, weight: 100,
        postcodes: "HR1-9",
        towns: ["Hereford", "Leominster", "Ross-on-Wye", "Ledbury", "Kington", "Bromyard"]),
      entry(
        885, "Worcestershire", county: "Worcestershire",
        52.200, -2.200, radius: 22, weight: 250, middleSchools: true,
        postcodes: "WR1-15 DY10-14 B60-61,96-98",
        towns: [
          "Worcester", "Kidderminster", "Redditch", "Bromsgrove", "Malvern", "Evesham",
          "Droitwich Spa", "Pershore", "Stourport-on-Severn", "Tenbury Wells",
        ]),
      entry(
        893, "Shropshire", county: "Shropshire", 52.650, -2.750, radius: 30, weight: 160,
        postcodes: "SY1-13 TF9,11-13 WV15-16",
        towns: [
          "Shrewsbury", "Oswestry", "Bridgnorth", "Ludlow", "Market Drayton", "Whitchurch",
          "Church Stretton", "Wem", "Much Wenlock", "Shifnal",
        ]),
      entry(
        894, "Telford and Wrekin", county: "Shropshire", 52.700, -2.470, radius: 8, weight: 80,
        postcodes: "TF1-8,10",
        towns: ["Telford", "Wellington", "Newport", "Madeley", "Oakengates", "Donnington"]),
      entry(
        937, "Warwickshire", county: "Warwickshire", 52.300, -1.550, radius: 25, weight: 240,
        postcodes: "CV8-12,21-23,31-37,47 B46,49-50,78,80",
        towns: [
          "Warwick", "Leamington Spa", "Nuneaton", "Rugby", "Stratford-upon-Avon", "Bedworth",
          "Kenilworth", "Atherstone", "Coleshill", "Alcester", "Southam", "Shipston-on-Stour",
        ]),
    ])
}
