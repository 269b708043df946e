public import Contracts

/// The query parameters of the map API, read and checked in one place: each bad one is a 400
/// problem naming it. `bbox` is `west,south,east,north` in degrees (GeoJSON's order).
public struct MapQuery: Sendable {
  public var bounds: PublicMap.BoundingBox?
  public var levels: [Common.CharterLevel] = []
  public var phases: [Common.SchoolPhase] = []
  public var localAuthorityCodes: [String] = []
  public var text = ""
  public var placement: PublicMap.PlacementFilter = .unspecified
  public var limit: Int32 = 0
  public var pageToken = ""
  public var zoom: Int32?
  public var geoJSON = false

  /// The largest page the API serves.
  public static let maximumLimit = 1000

  /// The phases by their API names.
  public static let phaseNames: [String: Common.SchoolPhase] = [
    "nursery": .nursery, "primary": .primary, "middle": .middle, "secondary": .secondary,
    "all-through": .allThrough, "special": .special, "pupil-referral-unit": .pupilReferralUnit,
  ]
  /// The levels by their API names (and numbers 1 to 4).
  public static let levelNames: [String: Common.CharterLevel] = [
    "1": .committed, "2": .recognised, "3": .ictMark, "4": .excellence, "committed": .committed,
    "recognised": .recognised, "ict-mark": .ictMark, "excellence": .excellence,
  ]

  /// Reads `parameters` (name → value; a repeated parameter's values joined by commas).
  /// - Parameter allowed: the parameters this route takes; any other is refused.
  /// - Throws: ``APIProblem`` (400) naming the first bad parameter.
  public init(_ parameters: [(String, String)], allowed: Set<String>) throws(APIProblem) {
    for (name, value) in parameters {
      guard allowed.contains(name) else { throw .badParameter(name, "is not a parameter of this resource") }
      switch name {
      case "bbox": bounds = try Self.bbox(value)
      case "level":
        levels = try Self.list(value).map { (word) throws(APIProblem) in
          guard let level = Self.levelNames[word.lowercased()] else {
            throw .badParameter(
              "level", "\"\(word)\" is not a level (1 to 4, or committed, recognised, ict-mark, excellence)")
          }
          return level
        }
      case "phase":
        phases = try Self.list(value).map { (word) throws(APIProblem) in
          guard let phase = Self.phaseNames[word.lowercased()] else {
            throw .badParameter(
              "phase", "\"\(word)\" is not a phase (\(Self.phaseNames.keys.sorted().joined(separator: ", ")))")
          }
          return phase
        }
      case "la":
        localAuthorityCodes = try Self.list(value).map { (code) throws(APIProblem) in
          guard code.count == 3, code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber) else {
            throw .badParameter("la", "\"\(code)\" is not a three-digit local authority code")
          }
          return code
        }
      case "q":
        guard value.count <= 200 else { throw .badParameter("q", "is longer than 200 characters") }
        text = value
      case "approximate":
        switch value {
        case "true": placement = .approximate
        case "false": placement = .exact
        default: throw .badParameter("approximate", "must be true or false")
        }
      case "limit":
        guard let limit = Int(value), (1...Self.maximumLimit).contains(limit) else {
          throw .badParameter("limit", "must be a whole number from 1 to \(Self.maximumLimit)")
        }
        self.limit = Int32(limit)
      case "page_token": pageToken = value
      case "zoom":
        guard let zoom = Int32(value), (0...20).contains(zoom) else {
          throw .badParameter("zoom", "must be a whole number from 0 to 20")
        }
        self.zoom = zoom
      case "format":
        switch value {
        case "geojson": geoJSON = true
        case "json": geoJSON = false
        default: throw .badParameter("format", "must be json or geojson")
        }
      default: break
      }
    }
  }

  static func list(_ value: String) throws(APIProblem) -> [String] {
    value.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
  }

  /// `west,south,east,north`.
  static func bbox(_ value: String) throws(APIProblem) -> PublicMap.BoundingBox {
    let parts = value.split(separator: ",", omittingEmptySubsequences: false).map { Double(String($0).trimmingSpaces) }
    guard parts.count == 4, let west = parts[0], let south = parts[1], let east = parts[2], let north = parts[3],
      [west, south, east, north].allSatisfy(\.isFinite)
    else { throw .badParameter("bbox", "must be four numbers: west,south,east,north") }
    guard abs(south) <= 90, abs(north) <= 90, abs(west) <= 180, abs(east) <= 180 else {
      throw .badParameter("bbox", "latitudes must be within ±90 and longitudes within ±180")
    }
    guard south <= north, west <= east else {
      throw .badParameter("bbox", "is inverted: west must not exceed east, nor south north")
    }
    return PublicMap.BoundingBox(
      southWest: Common.GeoPoint(latitude: south, longitude: west),
      northEast: Common.GeoPoint(latitude: north, longitude: east))
  }
}

extension String {
  var trimmingSpaces: String { String(self.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }
}
