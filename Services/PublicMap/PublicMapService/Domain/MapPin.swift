public import CharterValues
public import Contracts
public import RegistryReplica

/// A public honour shown with a pin: an Excellence Award result ("ICT Excellence Award 2009",
/// "Winner, Best whole school").
public struct PinBadge: Sendable, Hashable, Comparable {
  public var year: Int
  public var title: String
  public var detail: String

  public init(year: Int, title: String, detail: String) {
    self.year = year
    self.title = title
    self.detail = detail
  }

  /// The badge an award result earns; `nil` for results that are not public honours (entered,
  /// not shortlisted).
  public init?(year: Int, result: Accreditation.AwardResult, category: String, subCategory: String) {
    let word: String
    switch result {
    case .winner: word = "Winner"
    case .runnerUp: word = "Runner-up"
    case .highlyCommended: word = "Highly commended"
    case .shortlisted: word = "Shortlisted"
    default: return nil
    }
    let detail = [word, [category, subCategory].filter { !$0.isEmpty }.joined(separator: " – ")]
      .filter { !$0.isEmpty }.joined(separator: ", ")
    self.init(year: year, title: "ICT Excellence Award \(year)", detail: detail)
  }

  /// Newest first, then by text.
  public static func < (a: PinBadge, b: PinBadge) -> Bool {
    (b.year, a.title, a.detail) < (a.year, b.title, b.detail)
  }

  public var message: PublicMap.MapBadge { PublicMap.MapBadge(title: title, detail: detail, year: Int32(year)) }
}

/// A school's Charter standing as accreditation's feed last gave it.
public struct MapStanding: Sendable, Hashable {
  public var level: Common.CharterLevel
  public var since: UTCTime
  public init(level: Common.CharterLevel, since: UTCTime) {
    self.level = level
    self.since = since
  }
}

/// One school as the public map shows it: only what the public may see (no people, no who did
/// what), derived by one rule from the registry's record, accreditation's standing and badges.
public struct MapPin: Sendable, Hashable {
  public var urn: SchoolURN
  public var name: String
  public var phase: Common.SchoolPhase
  public var localAuthorityCode: String
  public var localAuthorityName: String
  public var town: String
  public var postcode: String
  public var latitude: Double
  public var longitude: Double
  public var placement: PublicMap.Placement
  public var level: Common.CharterLevel
  public var levelSince: UTCTime
  public var badges: [PinBadge]
  /// When a fact the pin shows last changed at its source.
  public var updateTime: UTCTime

  public var isApproximate: Bool { placement != .schoolLocation }

  public init(
    urn: SchoolURN, name: String, phase: Common.SchoolPhase, localAuthorityCode: String, localAuthorityName: String,
    town: String, postcode: String, latitude: Double, longitude: Double, placement: PublicMap.Placement,
    level: Common.CharterLevel, levelSince: UTCTime, badges: [PinBadge], updateTime: UTCTime
  ) {
    self.urn = urn
    self.name = name
    self.phase = phase
    self.localAuthorityCode = localAuthorityCode
    self.localAuthorityName = localAuthorityName
    self.town = town
    self.postcode = postcode
    self.latitude = latitude
    self.longitude = longitude
    self.placement = placement
    self.level = level
    self.levelSince = levelSince
    self.badges = badges
    self.updateTime = updateTime
  }

  /// Why a school is not on the map, when it is not.
  public enum Absence: Error, Sendable, Hashable {
    case notCommitted, unlisted, withdrawn, noLocation

    public var reason: PublicMap.PinRemovalReason {
      switch self {
      case .notCommitted, .unlisted: .unlisted
      case .withdrawn: .withdrawn
      case .noLocation: .noLocation
      }
    }
  }

  /// The rule: a school is on the map when it is committed to the Charter, chose to be listed,
  /// is not withdrawn (by the registry or by accreditation) and can be placed, exactly or
  /// approximately. Its level is accreditation's, else Committed from the day it committed; a
  /// standing without a date of its own (accreditation's first word, that the school is
  /// committed) also counts from that day.
  public static func derive(
    school: RegistrySchool, standing: MapStanding?, badges: [PinBadge], centroids: CentroidTable,
    updateTime: UTCTime
  ) -> Result<MapPin, Absence> {
    guard !school.isWithdrawn else { return .failure(.withdrawn) }
    guard let committedAt = school.committedAt else { return .failure(.notCommitted) }
    guard school.publiclyListed else { return .failure(.unlisted) }
    let level = standing?.level ?? .committed
    switch level {
    case .withdrawn: return .failure(.withdrawn)
    case .notCommitted, .unspecified, .unrecognized: return .failure(.notCommitted)
    case .committed, .recognised, .ictMark, .excellence: break
    }
    let latitude: Double
    let longitude: Double
    let placement: PublicMap.Placement
    if let location = school.location, location.latitude != 0 || location.longitude != 0 {
      (latitude, longitude, placement) = (location.latitude, location.longitude, .schoolLocation)
    } else if let (point, byDistrict) = centroids.place(
      postcode: school.postcode, localAuthorityCode: school.localAuthorityCode)
    {
      (latitude, longitude) = (point.latitude, point.longitude)
      placement = byDistrict ? .postcodeDistrict : .localAuthority
    } else {
      return .failure(.noLocation)
    }
    return .success(
      MapPin(
        urn: school.urn, name: school.name, phase: school.phase, localAuthorityCode: school.localAuthorityCode,
        localAuthorityName: school.localAuthorityName, town: school.town, postcode: school.postcode,
        latitude: latitude, longitude: longitude, placement: placement, level: level,
        levelSince: standing.flatMap { $0.since.millisecondsSince1970 > 0 ? $0.since : nil } ?? committedAt,
        badges: badges.sorted(), updateTime: updateTime))
  }

  /// The contract's fields that differ between two versions of a pin, by proto field name.
  public func changedFields(from old: MapPin) -> [String] {
    var fields: [String] = []
    if name != old.name { fields.append("name") }
    if latitude != old.latitude || longitude != old.longitude { fields.append("location") }
    if level != old.level { fields.append("level") }
    if levelSince != old.levelSince { fields.append("level_since") }
    if phase != old.phase { fields.append("phase") }
    if localAuthorityCode != old.localAuthorityCode || localAuthorityName != old.localAuthorityName {
      fields.append("local_authority")
    }
    if town != old.town { fields.append("town") }
    if postcode != old.postcode { fields.append("postcode") }
    if placement != old.placement { fields.append("placement") }
    if badges != old.badges { fields.append("badges") }
    if updateTime != old.updateTime { fields.append("update_time") }
    return fields
  }

  public var message: PublicMap.MapSchool {
    PublicMap.MapSchool(
      urn: urn.rawValue, name: name, location: Common.GeoPoint(latitude: latitude, longitude: longitude),
      level: level, levelSince: Protobuf.Timestamp(levelSince), phase: phase,
      localAuthority: Common.LocalAuthority(code: localAuthorityCode, name: localAuthorityName), town: town,
      postcode: postcode, updateTime: Protobuf.Timestamp(updateTime), placement: placement,
      approximate: isApproximate, badges: badges.map(\.message))
  }
}
