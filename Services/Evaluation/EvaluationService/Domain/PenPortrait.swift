public import CharterValues
public import Contracts

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What an assessor declares on their pen portrait form (CHARTER-DOMAIN.md §3): the phases and
/// areas they cover, where they are based, and which local authority they work for. Schools
/// choose assessors from it, and allocation checks coverage and conflicts against it.
public struct PenPortrait: Sendable, Hashable {
  /// Local authorities they assess in, by DfE code.
  public var localAuthorityCodes: Set<String>
  /// Regions they cover whole.
  public var regions: Set<EnglishRegion>
  /// Phases they assess.
  public var phases: Set<Common.SchoolPhase>
  /// A short biography for schools.
  public var biography: String
  /// Where they are based, if they said.
  public var baseLocation: GeoLocation?
  /// The local authority they work for, if any: its schools are a conflict of interest.
  public var worksInLocalAuthority: String?

  public init(
    localAuthorityCodes: Set<String> = [], regions: Set<EnglishRegion> = [], phases: Set<Common.SchoolPhase> = [],
    biography: String = "", baseLocation: GeoLocation? = nil, worksInLocalAuthority: String? = nil
  ) {
    self.localAuthorityCodes = localAuthorityCodes
    self.regions = regions
    self.phases = phases
    self.biography = biography
    self.baseLocation = baseLocation
    self.worksInLocalAuthority = worksInLocalAuthority
  }

  /// How the pen portrait covers a school's local authority: by naming it, through its
  /// region, or not at all.
  public func coverage(of localAuthority: String) -> AreaCoverage {
    if localAuthorityCodes.contains(localAuthority) { return .localAuthority }
    if let code = LocalAuthorityCode(localAuthority), let region = EnglishRegion(containing: code),
      regions.contains(region)
    {
      return .region(region)
    }
    return .none
  }
}

/// How an assessor's pen portrait covers a school's area.
public enum AreaCoverage: Sendable, Hashable {
  /// It names the school's local authority.
  case localAuthority
  /// It covers the authority's whole region.
  case region(EnglishRegion)
  /// Neither.
  case none
}

/// A point on the Earth in degrees, and the distance between two (for ranking nearby
/// assessors).
public struct GeoLocation: Sendable, Hashable {
  public var latitude: Double
  public var longitude: Double

  public init(latitude: Double, longitude: Double) {
    self.latitude = latitude
    self.longitude = longitude
  }

  /// Great-circle distance in kilometres (haversine, mean Earth radius).
  public func kilometres(to other: GeoLocation) -> Double {
    let radians = Double.pi / 180
    let dLat = (other.latitude - latitude) * radians
    let dLon = (other.longitude - longitude) * radians
    let a =
      sin(dLat / 2) * sin(dLat / 2) + cos(latitude * radians) * cos(other.latitude * radians) * sin(dLon / 2)
      * sin(dLon / 2)
    return 2 * 6371.0 * asin(min(1, a.squareRoot()))
  }
}
