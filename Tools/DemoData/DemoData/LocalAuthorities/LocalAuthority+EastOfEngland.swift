extension LocalAuthority {
  /// The 11 local authorities of the East of England in 2010.
  static let eastOfEngland: [LocalAuthority] = inRegion(
    .eastOfEngland,
    [
      entry(
        821, "Luton", county: "Bedfordshire", 51.880, -0.420, radius: 4, weight: 85,
        postcodes: "LU1-4",
        towns: ["Luton", "Leagrave", "Stopsley", "Lewsey"]),
      entry(
        822, "Bedford", county: "Bedfordshire",
        52.160, -0.470, radius: 12, weight: 85, middleSchools: true,
        postcodes: "MK40-42,44 MK43",
        towns: ["Bedford", "Kempston", "Bromham", "Sharnbrook", "Wootton"]),
      entry(
        823, "Central Bedfordshire", county: "Bedfordshire",
        51.990, -0.470, radius: 18, weight: 135, middleSchools: true,
        postcodes: "LU5-7 SG15-19 MK17,43,45",
        towns: [
          "Dunstable", "Leighton Buzzard", "Houghton Regis", "Biggleswade", "Flitwick", "Sandy",
          "Ampthill", "Shefford",
        ]),
      entry(
        873, "Cambridgeshire", county: "Cambridgeshire", 52.350, 0.050, radius: 30, weight: 250,
        postcodes: "CB1-7,21-25 PE13-16,19,26-29 SG8",
        towns: [
          "Cambridge", "Ely", "Huntingdon", "St Neots", "Wisbech", "March", "St Ives", "Whittlesey",
          "Chatteris", "Soham",
        ]),
      entry(
        874, "Peterborough", county: "Cambridgeshire", 52.580, -0.250, radius: 8, weight: 75,
        postcodes: "PE1-8",
        towns: ["Peterborough", "Orton", "Werrington", "Bretton", "Hampton", "Thorney"]),
      entry(
        881, "Essex", county: "Essex", 51.780, 0.550, radius: 38, weight: 560,
        postcodes: "CM0-9,11-20,22,24,77 CO1-9,11-16 SS4-8,11-16 IG7,9-10 EN9 CB10-11",
        towns: [
          "Chelmsford", "Colchester", "Basildon", "Harlow", "Braintree", "Brentwood",
          "Clacton-on-Sea", "Billericay", "Loughton", "Maldon", "Witham", "Saffron Walden",
          "Rayleigh", "Canvey Island", "Harwich", "Epping",
        ]),
      entry(
        882, "Southend-on-Sea", county: "Essex", 51.545, 0.700, radius: 5, weight: 50,
        postcodes: "SS0-3,9",
        towns: ["Southend-on-Sea", "Leigh-on-Sea", "Westcliff-on-Sea", "Shoeburyness", "Eastwood"]),
      entry(
        883, "Thurrock", county: "Essex", 51.495, 0.350, radius: 7, weight: 55,
        postcodes: "RM15-20 SS17",
        towns: [
          "Grays", "Tilbury", "Stanford-le-Hope", "South Ockendon", "Purfleet", "Corringham",
        ]),
      entry(
        919, "Hertfordshire", county: "Hertfordshire", 51.810, -0.240, radius: 25, weight: 520,
        postcodes: "AL1-10 SG1-14 WD3-7,17-19,23-25 EN6-8,10-11 HP1-4,23 CM21,23",
        towns: [
          "St Albans", "Watford", "Stevenage", "Hemel Hempstead", "Hatfield", "Welwyn Garden City",
          "Hitchin", "Hertford", "Bishop's Stortford", "Letchworth Garden City", "Hoddesdon",
          "Harpenden", "Berkhamsted", "Cheshunt", "Borehamwood", "Royston",
        ]),
      entry(
        926, "Norfolk", county: "Norfolk", 52.650, 0.950, radius: 45, weight: 440,
        postcodes: "NR1-31 PE30-38 IP20-22,24-26",
        towns: [
          "Norwich", "King's Lynn", "Great Yarmouth", "Thetford", "Dereham", "Cromer", "Wymondham",
          "North Walsham", "Swaffham", "Downham Market", "Fakenham", "Diss", "Attleborough",
          "Sheringham", "Aylsham",
        ]),
      entry(
        935, "Suffolk", county: "Suffolk",
        52.200, 1.000, radius: 35, weight: 330, middleSchools: true,
        postcodes: "IP1-19,23,27-33 CB8-9 CO10 NR32-35",
        towns: [
          "Ipswich", "Bury St Edmunds", "Lowestoft", "Felixstowe", "Sudbury", "Haverhill",
          "Newmarket", "Stowmarket", "Beccles", "Woodbridge", "Mildenhall", "Halesworth", "Leiston",
        ]),
    ])
}
