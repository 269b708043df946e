public import CharterValues
public import Contracts

/// A school's details as the registry accepts them: every field checked and normalised, so
/// the store only ever holds valid data.
public struct SchoolDetails: Sendable, Hashable {
  public var urn: SchoolURN
  public var name: String
  public var addressLines: [String]
  public var town: String
  public var county: String
  public var postcode: Postcode
  public var phase: Common.SchoolPhase
  public var localAuthorityCode: String
  public var localAuthorityName: String
  public var numberOnRoll: Int
  public var location: Common.GeoPoint?

  /// Validates a registration.
  /// - Throws: ``InvalidField`` naming the first bad field.
  public init(_ request: Registry.RegisterSchoolRequest) throws(InvalidField) {
    urn = try SchoolURN(parsing: request.urn)
    name = try TextField.required(request.name, field: "name", max: 200)
    let address = request.address ?? Common.PostalAddress()
    (addressLines, town, county, postcode) = try Self.address(address)
    phase = try Self.phase(request.phase)
    (localAuthorityCode, localAuthorityName) = try Self.localAuthority(request.localAuthority)
    numberOnRoll = try Self.numberOnRoll(request.numberOnRoll)
    location = try Self.location(request.location)
  }

  static func address(_ address: Common.PostalAddress) throws(InvalidField) -> ([String], String, String, Postcode) {
    guard address.lines.count <= 4 else { throw InvalidField(field: "address.lines", reason: "at most 4 lines") }
    var lines: [String] = []
    for (i, line) in address.lines.enumerated() {
      let cleaned = try TextField.optional(line, field: "address.lines[\(i)]", max: 120)
      if !cleaned.isEmpty { lines.append(cleaned) }
    }
    let town = try TextField.optional(address.town, field: "address.town", max: 80)
    let county = try TextField.optional(address.county, field: "address.county", max: 80)
    guard !address.postcode.trimmingWhiteSpace.isEmpty else {
      throw InvalidField(field: "address.postcode", reason: "is required")
    }
    return (lines, town, county, try Postcode(address.postcode))
  }

  static func phase(_ phase: Common.SchoolPhase) throws(InvalidField) -> Common.SchoolPhase {
    switch phase {
    case .unspecified, .unrecognized:
      throw InvalidField(
        field: "phase", reason: "must be one of nursery, primary, middle, secondary, all-through, special, PRU")
    default:
      return phase
    }
  }

  static func localAuthority(_ la: Common.LocalAuthority?) throws(InvalidField) -> (String, String) {
    let code = try LocalAuthorityCode(parsing: la?.code ?? "")
    return (code.rawValue, try TextField.required(la?.name ?? "", field: "local_authority.name", max: 100))
  }

  static func numberOnRoll(_ n: Int32) throws(InvalidField) -> Int {
    guard (0...10_000).contains(n) else {
      throw InvalidField(field: "number_on_roll", reason: "must be between 0 and 10000")
    }
    return Int(n)
  }

  static func location(_ point: Common.GeoPoint?) throws(InvalidField) -> Common.GeoPoint? {
    guard let point else { return nil }
    guard point.latitude.isFinite, (-90...90).contains(point.latitude) else {
      throw InvalidField(field: "location.latitude", reason: "must be between -90 and 90")
    }
    guard point.longitude.isFinite, (-180...180).contains(point.longitude) else {
      throw InvalidField(field: "location.longitude", reason: "must be between -180 and 180")
    }
    return point
  }
}
