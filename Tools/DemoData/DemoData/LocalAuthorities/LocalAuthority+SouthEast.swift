extension LocalAuthority {
  /// The 19 local authorities of the South East in 2010.
  static let southEast: [LocalAuthority] = inRegion(
    .southEast,
    [
      entry(
        825, "Buckinghamshire", county: "Buckinghamshire", 51.780, -0.800, radius: 25, weight: 250,
        postcodes: "HP5-22,27 SL0,7-9 MK18",
        towns: [
          "Aylesbury", "High Wycombe", "Amersham", "Chesham", "Beaconsfield", "Buckingham",
          "Marlow",
          "Princes Risborough",
        ]),
      entry(
        826, "Milton Keynes", county: "Buckinghamshire", 52.040, -0.760, radius: 10, weight: 110,
        postcodes: "MK1-17,19,46",
        towns: [
          "Milton Keynes", "Bletchley", "Newport Pagnell", "Wolverton", "Olney", "Stony Stratford",
        ]),
      entry(
        845, "East Sussex", county: "East Sussex", 50.920, 0.250, radius: 25, weight: 190,
        postcodes: "BN7-10,20-27 TN5-7,19-22,31-40",
        towns: [
          "Eastbourne", "Hastings", "Lewes", "Bexhill-on-Sea", "Crowborough", "Uckfield", "Seaford",
          "Newhaven", "Hailsham", "Rye",
        ]),
      entry(
        846, "Brighton and Hove", county: "East Sussex", 50.840, -0.140, radius: 6, weight: 80,
        postcodes: "BN1-3,41",
        towns: ["Brighton", "Hove", "Portslade", "Whitehawk", "Patcham", "Moulsecoomb"]),
      entry(
        850, "Hampshire", county: "Hampshire", 51.050, -1.250, radius: 35, weight: 530,
        postcodes: "SO20-24,30-32,40-43,45,50-53 PO7-9,11-17 GU11-14,17,30-35,46,51-52 RG21-29 "
          + "SP6,10-11 BH24-25",
        towns: [
          "Winchester", "Basingstoke", "Andover", "Eastleigh", "Fareham", "Gosport", "Aldershot",
          "Farnborough", "Havant", "Petersfield", "Romsey", "Alton", "Fleet", "Lymington",
        ]),
      entry(
        851, "Portsmouth", county: "Hampshire", 50.810, -1.070, radius: 4, weight: 70,
        postcodes: "PO1-6",
        towns: ["Portsmouth", "Southsea", "Cosham", "Fratton", "Paulsgrove", "Drayton"]),
      entry(
        852, "Southampton", county: "Hampshire", 50.915, -1.400, radius: 5, weight: 80,
        postcodes: "SO14-19",
        towns: ["Southampton", "Shirley", "Woolston", "Bitterne", "Millbrook", "Portswood"]),
      entry(
        867, "Bracknell Forest", county: "Berkshire", 51.410, -0.750, radius: 6, weight: 40,
        postcodes: "RG12,40-42 SL5 GU47",
        towns: ["Bracknell", "Crowthorne", "Sandhurst", "Binfield", "Warfield"]),
      entry(
        868, "Windsor and Maidenhead", county: "Berkshire", 51.490, -0.680, radius: 8, weight: 65,
        postcodes: "SL4-6",
        towns: ["Windsor", "Maidenhead", "Ascot", "Sunninghill", "Cookham", "Datchet"]),
      entry(
        869, "West Berkshire", county: "Berkshire", 51.430, -1.250, radius: 16, weight: 80,
        postcodes: "RG7-8,14,17-20,31",
        towns: ["Newbury", "Thatcham", "Hungerford", "Theale", "Pangbourne", "Lambourn"]),
      entry(
        870, "Reading", county: "Berkshire", 51.455, -0.975, radius: 4, weight: 50,
        postcodes: "RG1-2,4,6,30",
        towns: ["Reading", "Caversham", "Tilehurst", "Whitley", "Southcote"]),
      entry(
        871, "Slough", county: "Berkshire", 51.510, -0.595, radius: 4, weight: 45,
        postcodes: "SL1-3",
        towns: ["Slough", "Langley", "Cippenham", "Britwell", "Chalvey"]),
      entry(
        872, "Wokingham", county: "Berkshire", 51.410, -0.880, radius: 8, weight: 65,
        postcodes: "RG5-6,10,40-41",
        towns: ["Wokingham", "Woodley", "Earley", "Twyford", "Finchampstead", "Winnersh"]),
      entry(
        886, "Kent", county: "Kent", 51.200, 0.750, radius: 40, weight: 600,
        postcodes: "CT1-21 ME6,9-20 TN1-4,8-18,23-30 DA1-4,9-13 BR8",
        towns: [
          "Maidstone", "Canterbury", "Ashford", "Tunbridge Wells", "Sevenoaks", "Dover",
          "Folkestone",
          "Margate", "Ramsgate", "Dartford", "Gravesend", "Tonbridge", "Sittingbourne", "Faversham",
          "Deal", "Herne Bay", "Whitstable", "Swanley",
        ]),
      entry(
        887, "Medway", county: "Kent", 51.390, 0.550, radius: 7, weight: 100,
        postcodes: "ME1-5,7-8",
        towns: ["Chatham", "Gillingham", "Rochester", "Strood", "Rainham", "Hoo St Werburgh"]),
      entry(
        921, "Isle of Wight", county: "Isle of Wight",
        50.675, -1.300, radius: 12, weight: 60, middleSchools: true,
        postcodes: "PO30-41",
        towns: ["Newport", "Ryde", "Cowes", "Sandown", "Shanklin", "Ventnor", "Freshwater"]),
      entry(
        931, "Oxfordshire", county: "Oxfordshire", 51.780, -1.280, radius: 25, weight: 290,
        postcodes: "OX1-18,20,25-29,33,39,44,49 RG9",
        towns: [
          "Oxford", "Banbury", "Abingdon", "Bicester", "Witney", "Didcot", "Wantage",
          "Henley-on-Thames", "Thame", "Wallingford", "Chipping Norton", "Kidlington",
        ]),
      entry(
        936, "Surrey", county: "Surrey", 51.250, -0.400, radius: 25, weight: 400,
        postcodes: "GU1-10,15-16,18-27 KT7-8,10-24 RH1-9 TW15-20 CR3,6 SM7",
        towns: [
          "Guildford", "Woking", "Epsom", "Camberley", "Reigate", "Redhill", "Farnham",
          "Staines-upon-Thames", "Leatherhead", "Dorking", "Godalming", "Caterham", "Weybridge",
          "Esher", "Haslemere", "Oxted",
        ]),
      entry(
        938, "West Sussex", county: "West Sussex", 50.950, -0.450, radius: 28, weight: 290,
        postcodes: "RH10-17,19-20 BN5-6,11-18,43-45 PO18-22 GU28-29",
        towns: [
          "Chichester", "Crawley", "Horsham", "Worthing", "Bognor Regis", "Littlehampton",
          "Haywards Heath", "Burgess Hill", "East Grinstead", "Shoreham-by-Sea", "Midhurst",
          "Petworth", "Lancing", "Arundel",
        ]),
    ])
}
