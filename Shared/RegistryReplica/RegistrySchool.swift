public import CharterValues
public import Contracts
public import Storage

/// A school as the registry last described it on its event feed: the facts other services
/// decide with (is it committed, public, withdrawn; where is it; which phase and authority;
/// how big), and nothing personal.
public struct RegistrySchool: Sendable, Hashable, FetchableRecord {
  public var urn: SchoolURN
  public var name: String
  public var phase: Common.SchoolPhase
  public var localAuthorityCode: String
  public var localAuthorityName: String
  public var town: String
  public var postcode: String
  public var numberOnRoll: Int
  /// Where the registry places it, if it does.
  public var location: Common.GeoPoint?
  /// When it committed to the Charter (Level 1); `nil` while not committed.
  public var committedAt: UTCTime?
  /// Whether it chose to be on the public map.
  public var publiclyListed: Bool
  /// When it was withdrawn from the register; `nil` while active.
  public var withdrawnAt: UTCTime?

  /// Whether it has committed to the Charter.
  public var isCommitted: Bool { committedAt != nil }
  /// Whether it has been withdrawn.
  public var isWithdrawn: Bool { withdrawnAt != nil }

  public init(
    urn: SchoolURN, name: String, phase: Common.SchoolPhase, localAuthorityCode: String, localAuthorityName: String,
    town: String = "", postcode: String = "", numberOnRoll: Int = 0, location: Common.GeoPoint? = nil,
    committedAt: UTCTime? = nil, publiclyListed: Bool = false, withdrawnAt: UTCTime? = nil
  ) {
    self.urn = urn
    self.name = name
    self.phase = phase
    self.localAuthorityCode = localAuthorityCode
    self.localAuthorityName = localAuthorityName
    self.town = town
    self.postcode = postcode
    self.numberOnRoll = numberOnRoll
    self.location = location
    self.committedAt = committedAt
    self.publiclyListed = publiclyListed
    self.withdrawnAt = withdrawnAt
  }

  /// The school a registry message describes.
  /// - Throws: ``InvalidField`` when the message's URN is not a URN (the registry never sends one).
  public init(_ school: Registry.School) throws(InvalidField) {
    self.init(
      urn: try SchoolURN(parsing: school.urn), name: school.name, phase: school.phase,
      localAuthorityCode: school.localAuthority?.code ?? "", localAuthorityName: school.localAuthority?.name ?? "",
      town: school.address?.town ?? "", postcode: school.address?.postcode ?? "",
      numberOnRoll: Int(school.numberOnRoll),
      location: school.location,
      committedAt: (school.commitment?.committed ?? false)
        ? (school.commitment?.committedAt?.utcTime ?? UTCTime(secondsSince1970: 0)) : nil,
      publiclyListed: school.publicListing?.publiclyListed ?? false,
      withdrawnAt: school.withdrawal.map { $0.withdrawnAt?.utcTime ?? UTCTime(secondsSince1970: 0) })
  }

  public init(row: Row) throws {
    let urn: String = try row["urn"]
    guard let parsed = SchoolURN(urn) else {
      throw RowDecodingError(code: .typeMismatch, column: "urn", expectedType: "SchoolURN", foundStorageClass: "text")
    }
    self.urn = parsed
    name = try row["name"]
    phase = Common.SchoolPhase(rawValue: try row["phase"])
    localAuthorityCode = try row["la_code"]
    localAuthorityName = try row["la_name"]
    town = try row["town"]
    postcode = try row["postcode"]
    numberOnRoll = try row["number_on_roll"]
    let latitude: Double? = try row["latitude"]
    let longitude: Double? = try row["longitude"]
    if let latitude, let longitude { location = Common.GeoPoint(latitude: latitude, longitude: longitude) }
    committedAt = (try row["committed_at"] as Int64?).map(UTCTime.init(millisecondsSince1970:))
    publiclyListed = try row["publicly_listed"]
    withdrawnAt = (try row["withdrawn_at"] as Int64?).map(UTCTime.init(millisecondsSince1970:))
    // Rows kept before the replica recorded dates carry only the flags.
    if committedAt == nil, try row["committed"] as Bool { committedAt = UTCTime(secondsSince1970: 0) }
    if withdrawnAt == nil, try row["withdrawn"] as Bool { withdrawnAt = UTCTime(secondsSince1970: 0) }
  }
}
