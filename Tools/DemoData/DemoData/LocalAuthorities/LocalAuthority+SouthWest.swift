extension LocalAuthority {
  /// The 16 local authorities of the South West in 2010.
  static let southWest: [LocalAuthority] = inRegion(
    .southWest,
    [
      entry(
        420, "Isles of Scilly", county: "Cornwall", 49.935, -6.305, radius: 4, weight: 1,
        postcodes: "TR21-25",
        towns: ["St Mary's", "Tresco", "St Martin's", "St Agnes"]),
      entry(
        800, "Bath and North East Somerset", county: "Somerset",
        51.355, -2.490, radius: 9, weight: 80,
        postcodes: "BA1-3 BS31,39-40",
        towns: ["Bath", "Keynsham", "Midsomer Norton", "Radstock", "Paulton", "Peasedown St John"]),
      entry(
        801, "Bristol, City of", county: "Bristol", 51.455, -2.590, radius: 6, weight: 150,
        postcodes: "BS1-11,13-16,34",
        towns: [
          "Bristol", "Bedminster", "Clifton", "Hartcliffe", "Southmead", "Fishponds", "Henbury",
        ]),
      entry(
        802, "North Somerset", county: "Somerset", 51.390, -2.800, radius: 10, weight: 80,
        postcodes: "BS20-25,29,40,48-49",
        towns: ["Weston-super-Mare", "Clevedon", "Portishead", "Nailsea", "Yatton", "Backwell"]),
      entry(
        803, "South Gloucestershire", county: "Gloucestershire",
        51.530, -2.470, radius: 10, weight: 115,
        postcodes: "BS15-16,30,32,34-37 GL12",
        towns: [
          "Yate", "Thornbury", "Filton", "Kingswood", "Bradley Stoke", "Chipping Sodbury",
          "Patchway",
        ]),
      entry(
        835, "Dorset", county: "Dorset", 50.800, -2.330, radius: 30, weight: 170,
        middleSchools: true,
        postcodes: "DT1-11 BH16,19-23,31 SP7-8",
        towns: [
          "Dorchester", "Weymouth", "Bridport", "Sherborne", "Blandford Forum", "Wimborne Minster",
          "Shaftesbury", "Swanage", "Gillingham", "Ferndown",
        ]),
      entry(
        836, "Poole", county: "Dorset", 50.725, -1.980, radius: 5, weight: 40,
        postcodes: "BH12-15,17-18",
        towns: ["Poole", "Parkstone", "Broadstone", "Canford Heath", "Hamworthy"]),
      entry(
        837, "Bournemouth", county: "Dorset", 50.735, -1.860, radius: 5, weight: 40,
        postcodes: "BH1-11",
        towns: ["Bournemouth", "Boscombe", "Kinson", "Southbourne", "Winton"]),
      entry(
        865, "Wiltshire", county: "Wiltshire", 51.320, -1.950, radius: 30, weight: 240,
        postcodes: "SN8-16 SP1-5,9 BA12-15",
        towns: [
          "Salisbury", "Chippenham", "Trowbridge", "Devizes", "Marlborough", "Warminster",
          "Melksham",
          "Calne", "Corsham", "Malmesbury", "Westbury", "Amesbury",
        ]),
      entry(
        866, "Swindon", county: "Wiltshire", 51.560, -1.780, radius: 7, weight: 80,
        postcodes: "SN1-6,25-26",
        towns: ["Swindon", "Highworth", "Wroughton", "Stratton St Margaret", "Penhill"]),
      entry(
        878, "Devon", county: "Devon", 50.750, -3.800, radius: 50, weight: 380,
        postcodes: "EX1-22,24,31-39 TQ6-7,9-14 PL8,16,19-21",
        towns: [
          "Exeter", "Barnstaple", "Newton Abbot", "Exmouth", "Tiverton", "Bideford", "Sidmouth",
          "Okehampton", "Totnes", "Tavistock", "Honiton", "Dartmouth", "Ilfracombe", "Crediton",
        ]),
      entry(
        879, "Plymouth", county: "Devon", 50.390, -4.120, radius: 6, weight: 100,
        postcodes: "PL1-7,9",
        towns: ["Plymouth", "Devonport", "Plympton", "Plymstock", "Estover", "Stoke"]),
      entry(
        880, "Torbay", county: "Devon", 50.450, -3.550, radius: 6, weight: 40,
        postcodes: "TQ1-5",
        towns: ["Torquay", "Paignton", "Brixham", "Babbacombe", "Preston"]),
      entry(
        908, "Cornwall", county: "Cornwall", 50.450, -4.850, radius: 55, weight: 290,
        postcodes: "TR1-20,26-27 PL10-15,17-18,22-35 EX23",
        towns: [
          "Truro", "Falmouth", "Penzance", "St Austell", "Newquay", "Camborne", "Redruth", "Bodmin",
          "Liskeard", "Launceston", "Saltash", "Helston", "St Ives", "Bude", "Wadebridge",
        ]),
      entry(
        916, "Gloucestershire", county: "Gloucestershire", 51.830, -2.200, radius: 28, weight: 300,
        postcodes: "GL1-20,50-56",
        towns: [
          "Gloucester", "Cheltenham", "Stroud", "Cirencester", "Tewkesbury", "Cinderford", "Lydney",
          "Stow-on-the-Wold", "Dursley", "Coleford",
        ]),
      entry(
        933, "Somerset", county: "Somerset",
        51.100, -2.950, radius: 32, weight: 270, middleSchools: true,
        postcodes: "TA1-24 BA4-11,16,22 BS26-28",
        towns: [
          "Taunton", "Yeovil", "Bridgwater", "Frome", "Wellington", "Street", "Glastonbury",
          "Wells",
          "Chard", "Minehead", "Shepton Mallet", "Burnham-on-Sea", "Crewkerne", "Ilminster",
        ]),
    ])
}
