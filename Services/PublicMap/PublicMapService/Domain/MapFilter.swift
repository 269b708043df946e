public import CharterValues
public import Contracts

/// What a map query keeps: schools in a box, of some levels, phases and authorities, placed
/// exactly or approximately. Empty sets mean any. Every query (search, clusters, statistics)
/// reads the same filter, so the page's counts and pins always agree.
public struct MapFilter: Sendable, Hashable {
  public var box: MapBox?
  public var levels: Set<Common.CharterLevel> = []
  public var phases: Set<Common.SchoolPhase> = []
  public var localAuthorityCodes: Set<String> = []
  public var placement: PublicMap.PlacementFilter = .unspecified

  public init(
    box: MapBox? = nil, levels: Set<Common.CharterLevel> = [], phases: Set<Common.SchoolPhase> = [],
    localAuthorityCodes: Set<String> = [], placement: PublicMap.PlacementFilter = .unspecified
  ) {
    self.box = box
    self.levels = levels
    self.phases = phases
    self.localAuthorityCodes = localAuthorityCodes
    self.placement = placement
  }

  /// The levels the map shows (a school at any other level is not on it).
  public static let mappedLevels: [Common.CharterLevel] = [.committed, .recognised, .ictMark, .excellence]

  /// Reads a request's filter fields.
  /// - Throws: ``InvalidField`` for a level the map does not show, an unknown phase, a malformed
  ///   authority code or placement filter.
  public init(
    box: MapBox?, levels: [Common.CharterLevel], phases: [Common.SchoolPhase], localAuthorityCodes: [String],
    placement: PublicMap.PlacementFilter
  ) throws(InvalidField) {
    for level in levels where !Self.mappedLevels.contains(level) {
      throw InvalidField(field: "levels", reason: "\(level.protoName) is not a level the map shows (1 to 4)")
    }
    for phase in phases where !phase.isRecognized || phase == .unspecified {
      throw InvalidField(field: "phases", reason: "\(phase.protoName) is not a school phase")
    }
    for code in localAuthorityCodes where code.count != 3 || !code.allSatisfy(\.isNumber) {
      throw InvalidField(field: "local_authority_codes", reason: "\"\(code)\" is not a three-digit authority code")
    }
    guard placement.isRecognized else {
      throw InvalidField(field: "placement", reason: "\(placement.protoName) is not known")
    }
    self.init(
      box: box, levels: Set(levels), phases: Set(phases), localAuthorityCodes: Set(localAuthorityCodes),
      placement: placement)
  }

  public func keeps(_ pin: MapPin) -> Bool {
    if let box, !box.contains(latitude: pin.latitude, longitude: pin.longitude) { return false }
    if !levels.isEmpty, !levels.contains(pin.level) { return false }
    if !phases.isEmpty, !phases.contains(pin.phase) { return false }
    if !localAuthorityCodes.isEmpty, !localAuthorityCodes.contains(pin.localAuthorityCode) { return false }
    switch placement {
    case .exact: return !pin.isApproximate
    case .approximate: return pin.isApproximate
    default: return true
    }
  }
}
