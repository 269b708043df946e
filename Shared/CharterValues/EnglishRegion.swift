/// One of the nine English regions (the former Government Office regions), and which local
/// authorities lie in each, for the services that decide by region.
///
/// ICT Mark assessors say which regions they cover on their pen portrait, so evaluation needs
/// to know the region of a school's authority. The map is England's 152 local authorities as
/// they stood in 2010, the years the Charter ran; the demo data's authority table
/// (`DemoData.LocalAuthority`) agrees with it, which its tests check.
public enum EnglishRegion: String, CaseIterable, Sendable, Hashable, Codable {
  case northEast = "North East"
  case northWest = "North West"
  case yorkshireAndTheHumber = "Yorkshire and the Humber"
  case eastMidlands = "East Midlands"
  case westMidlands = "West Midlands"
  case eastOfEngland = "East of England"
  case london = "London"
  case southEast = "South East"
  case southWest = "South West"

  /// The region's name as published, such as "Yorkshire and the Humber".
  public var name: String { rawValue }

  /// The region a name stands for, ignoring case and surrounding white space ("london",
  /// "Yorkshire and the Humber").
  public init?(name: some StringProtocol) {
    let wanted = String(name).trimmingWhiteSpace.lowercased()
    guard let region = Self.allCases.first(where: { $0.rawValue.lowercased() == wanted }) else { return nil }
    self = region
  }

  /// The region a local authority lies in; `nil` for a code that is not one of England's 152
  /// authorities of 2010.
  public init?(containing authority: LocalAuthorityCode) {
    guard let region = Self.byAuthority[authority.rawValue] else { return nil }
    self = region
  }

  /// The DfE codes of the region's local authorities, in code order.
  public var localAuthorityCodes: [String] { Self.codes[self] ?? [] }

  private static let codes: [EnglishRegion: [String]] = [
    .northEast: ["390", "391", "392", "393", "394", "805", "806", "807", "808", "840", "841", "929"],
    .northWest: [
      "340", "341", "342", "343", "344", "350", "351", "352", "353", "354", "355", "356", "357", "358", "359", "876",
      "877", "888", "889", "890", "895", "896", "909",
    ],
    .yorkshireAndTheHumber: [
      "370", "371", "372", "373", "380", "381", "382", "383", "384", "810", "811", "812", "813", "815", "816",
    ],
    .eastMidlands: ["830", "831", "855", "856", "857", "891", "892", "925", "928"],
    .westMidlands: ["330", "331", "332", "333", "334", "335", "336", "860", "861", "884", "885", "893", "894", "937"],
    .eastOfEngland: ["821", "822", "823", "873", "874", "881", "882", "883", "919", "926", "935"],
    .london: [
      "201", "202", "203", "204", "205", "206", "207", "208", "209", "210", "211", "212", "213", "301", "302", "303",
      "304", "305", "306", "307", "308", "309", "310", "311", "312", "313", "314", "315", "316", "317", "318", "319",
      "320",
    ],
    .southEast: [
      "825", "826", "845", "846", "850", "851", "852", "867", "868", "869", "870", "871", "872", "886", "887", "921",
      "931", "936", "938",
    ],
    .southWest: [
      "420", "800", "801", "802", "803", "835", "836", "837", "865", "866", "878", "879", "880", "908", "916", "933",
    ],
  ]

  private static let byAuthority: [String: EnglishRegion] = {
    var map: [String: EnglishRegion] = [:]
    for (region, codes) in codes {
      for code in codes { map[code] = region }
    }
    return map
  }()
}
