extension LocalAuthority {
  /// The 33 local authorities of London in 2010.
  static let london: [LocalAuthority] = inRegion(
    .london,
    [
      entry(
        201, "City of London", county: "City of London", 51.515, -0.092, radius: 1.2, weight: 2,
        postcodes: "EC1-4",
        towns: ["City of London"]),
      entry(
        202, "Camden", county: "Greater London", 51.549, -0.160, radius: 3.5, weight: 60,
        postcodes: "NW1,3,5-6,8 WC1-2 N6-7,19",
        towns: ["Camden Town", "Hampstead", "Kentish Town", "Holborn", "Kilburn", "Highgate"]),
      entry(
        203, "Greenwich", county: "Greater London", 51.475, 0.045, radius: 5, weight: 90,
        postcodes: "SE2-3,7-10,18,28",
        towns: ["Greenwich", "Woolwich", "Eltham", "Charlton", "Thamesmead", "Plumstead"]),
      entry(
        204, "Hackney", county: "Greater London", 51.548, -0.058, radius: 3, weight: 80,
        postcodes: "E2,5,8-9 N1,4,16",
        towns: ["Hackney", "Stoke Newington", "Dalston", "Homerton", "Shoreditch", "Clapton"]),
      entry(
        205, "Hammersmith and Fulham", county: "Greater London",
        51.495, -0.220, radius: 3, weight: 55,
        postcodes: "W6,12,14 SW6",
        towns: ["Hammersmith", "Fulham", "Shepherd's Bush", "White City"]),
      entry(
        206, "Islington", county: "Greater London", 51.546, -0.106, radius: 2.7, weight: 65,
        postcodes: "N1,4-5,7,19 EC1",
        towns: ["Islington", "Holloway", "Highbury", "Finsbury", "Archway", "Canonbury"]),
      entry(
        207, "Kensington and Chelsea", county: "Greater London",
        51.500, -0.190, radius: 2.5, weight: 40,
        postcodes: "W8,10-11,14 SW3,5,7,10",
        towns: ["Kensington", "Chelsea", "Notting Hill", "North Kensington", "Earl's Court"]),
      entry(
        208, "Lambeth", county: "Greater London", 51.460, -0.117, radius: 3.5, weight: 85,
        postcodes: "SE1,11,21,24,27 SW2,4,8-9,16",
        towns: [
          "Brixton", "Clapham", "Streatham", "Stockwell", "Vauxhall", "West Norwood", "Kennington",
        ]),
      entry(
        209, "Lewisham", county: "Greater London", 51.445, -0.020, radius: 4, weight: 90,
        postcodes: "SE4,6,12-14,23,26",
        towns: ["Lewisham", "Catford", "Deptford", "Forest Hill", "Sydenham", "Brockley", "Lee"]),
      entry(
        210, "Southwark", county: "Greater London", 51.470, -0.075, radius: 4, weight: 100,
        postcodes: "SE1,5,11,15-17,21-22",
        towns: [
          "Southwark", "Peckham", "Camberwell", "Bermondsey", "Dulwich", "Walworth", "Rotherhithe",
        ]),
      entry(
        211, "Tower Hamlets", county: "Greater London", 51.515, -0.035, radius: 3, weight: 100,
        postcodes: "E1-3,14",
        towns: [
          "Bethnal Green", "Stepney", "Poplar", "Bow", "Whitechapel", "Limehouse", "Isle of Dogs",
        ]),
      entry(
        212, "Wandsworth", county: "Greater London", 51.452, -0.190, radius: 4, weight: 90,
        postcodes: "SW8,11-12,15,17-18",
        towns: [
          "Wandsworth", "Battersea", "Putney", "Tooting", "Balham", "Roehampton", "Earlsfield",
        ]),
      entry(
        213, "Westminster", county: "Greater London", 51.512, -0.155, radius: 3, weight: 55,
        postcodes: "W1-2,9 NW1,8 SW1",
        towns: [
          "Westminster", "Paddington", "Marylebone", "Pimlico", "St John's Wood", "Maida Vale",
          "Soho",
        ]),
      entry(
        301, "Barking and Dagenham", county: "Greater London", 51.547, 0.130, radius: 3.5,
        weight: 60,
        postcodes: "IG11 RM6,8-10",
        towns: ["Barking", "Dagenham", "Chadwell Heath", "Becontree"]),
      entry(
        302, "Barnet", county: "Greater London", 51.615, -0.210, radius: 6, weight: 130,
        postcodes: "N2-3,11-12,14,20 NW4,7,9,11 EN4-5 HA8",
        towns: [
          "Barnet", "Finchley", "Hendon", "Edgware", "Mill Hill", "Golders Green", "Whetstone",
        ]),
      entry(
        303, "Bexley", county: "Greater London", 51.455, 0.140, radius: 4.5, weight: 80,
        postcodes: "DA1,5-8,14-17",
        towns: ["Bexleyheath", "Sidcup", "Erith", "Welling", "Bexley", "Crayford"]),
      entry(
        304, "Brent", county: "Greater London", 51.560, -0.270, radius: 4, weight: 85,
        postcodes: "NW2,6,10 HA0,3,9",
        towns: ["Wembley", "Willesden", "Kilburn", "Harlesden", "Kingsbury", "Neasden"]),
      entry(
        305, "Bromley", county: "Greater London", 51.370, 0.050, radius: 7.5, weight: 100,
        postcodes: "BR1-7 SE20 TN16",
        towns: [
          "Bromley", "Orpington", "Beckenham", "Penge", "West Wickham", "Chislehurst",
          "Biggin Hill",
        ]),
      entry(
        306, "Croydon", county: "Greater London", 51.370, -0.090, radius: 5.5, weight: 120,
        postcodes: "CR0,2,5,7-8 SE19-20,25",
        towns: [
          "Croydon", "Purley", "Coulsdon", "Thornton Heath", "Norbury", "South Norwood",
          "New Addington",
        ]),
      entry(
        307, "Ealing", county: "Greater London", 51.520, -0.320, radius: 4.5, weight: 95,
        postcodes: "W3,5,7,13 UB1-2,5-6",
        towns: ["Ealing", "Acton", "Southall", "Greenford", "Hanwell", "Northolt"]),
      entry(
        308, "Enfield", county: "Greater London", 51.650, -0.080, radius: 5, weight: 95,
        postcodes: "EN1-3 N9,13-14,18,21",
        towns: [
          "Enfield", "Edmonton", "Southgate", "Palmers Green", "Ponders End", "Winchmore Hill",
        ]),
      entry(
        309, "Haringey", county: "Greater London", 51.590, -0.110, radius: 3.5, weight: 80,
        postcodes: "N4,6,8,10,15,17,22",
        towns: ["Tottenham", "Wood Green", "Hornsey", "Muswell Hill", "Crouch End"]),
      entry(
        310, "Harrow", county: "Greater London", 51.590, -0.340, radius: 3.5, weight: 60,
        postcodes: "HA1-3,5,7",
        towns: ["Harrow", "Pinner", "Stanmore", "Wealdstone", "Rayners Lane"]),
      entry(
        311, "Havering", county: "Greater London", 51.560, 0.220, radius: 6, weight: 85,
        postcodes: "RM1-5,7,11-14",
        towns: ["Romford", "Hornchurch", "Upminster", "Rainham", "Harold Hill", "Collier Row"]),
      entry(
        312, "Hillingdon", county: "Greater London", 51.535, -0.450, radius: 7, weight: 95,
        postcodes: "UB3-4,7-10 HA4-6",
        towns: ["Uxbridge", "Hayes", "Ruislip", "West Drayton", "Northwood", "Ickenham"]),
      entry(
        313, "Hounslow", county: "Greater London", 51.470, -0.370, radius: 4.5, weight: 75,
        postcodes: "TW3-5,7-8,13-14 W4",
        towns: ["Hounslow", "Feltham", "Brentford", "Chiswick", "Isleworth", "Heston"]),
      entry(
        314, "Kingston upon Thames", county: "Greater London",
        51.390, -0.290, radius: 3.5, weight: 45,
        postcodes: "KT1-6,9",
        towns: ["Kingston upon Thames", "Surbiton", "New Malden", "Chessington", "Tolworth"]),
      entry(
        315, "Merton", county: "Greater London", 51.410, -0.190, radius: 3.5, weight: 55,
        postcodes: "SW19-20 SM4 CR4",
        towns: ["Wimbledon", "Mitcham", "Morden", "Raynes Park", "Colliers Wood"]),
      entry(
        316, "Newham", county: "Greater London", 51.525, 0.035, radius: 4, weight: 95,
        postcodes: "E6-7,12-13,15-16,20",
        towns: [
          "Stratford", "East Ham", "West Ham", "Canning Town", "Plaistow", "Forest Gate", "Beckton",
        ]),
      entry(
        317, "Redbridge", county: "Greater London", 51.580, 0.080, radius: 4.5, weight: 75,
        postcodes: "IG1-2,4-6,8 E11,18",
        towns: ["Ilford", "Woodford", "Wanstead", "Seven Kings", "Barkingside", "Hainault"]),
      entry(
        318, "Richmond upon Thames", county: "Greater London", 51.440, -0.320, radius: 5,
        weight: 55,
        postcodes: "TW1-2,9-12 SW13-14",
        towns: ["Richmond", "Twickenham", "Teddington", "Hampton", "Barnes", "Whitton"]),
      entry(
        319, "Sutton", county: "Greater London", 51.360, -0.190, radius: 3.5, weight: 55,
        postcodes: "SM1-3,5-6 KT4 CR4",
        towns: ["Sutton", "Cheam", "Carshalton", "Wallington", "Worcester Park"]),
      entry(
        320, "Waltham Forest", county: "Greater London", 51.590, -0.015, radius: 4, weight: 80,
        postcodes: "E4,10-11,17",
        towns: ["Walthamstow", "Leyton", "Leytonstone", "Chingford"]),
    ])
}
