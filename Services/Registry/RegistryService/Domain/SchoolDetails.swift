public import Contracts

/// A school's details as the registry accepts them: every field checked and normalised, so
/// the store only ever holds valid data.
public struct SchoolDetails: Sendable, Hashable {
  public var urn: String
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
  /// - Throws: ``RegistryError/invalidField(field:reason:)`` naming the first bad field.
  public init(_ request: Registry.RegisterSchoolRequest) throws(RegistryError) {
    urn = try Self.urn(request.urn)
    name = try Self.text(request.name, field: "name", max: 200)
    let address = request.address ?? Common.PostalAddress()
    (addressLines, town, county, postcode) = try Self.address(address)
    phase = try Self.phase(request.phase)
    (localAuthorityCode, localAuthorityName) = try Self.localAuthority(request.localAuthority)
    numberOnRoll = try Self.numberOnRoll(request.numberOnRoll)
    location = try Self.location(request.location)
  }

  static func urn(_ text: String, field: String = "urn") throws(RegistryError) -> String {
    let trimmed = text.trimmingWhitespace
    guard trimmed.count == 6, trimmed.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
      throw .invalidField(field: field, reason: "must be six digits, got \"\(text)\"")
    }
    return trimmed
  }

  static func text(_ value: String, field: String, max: Int, required: Bool = true) throws(RegistryError) -> String {
    let trimmed = value.trimmingWhitespace
    if required, trimmed.isEmpty { throw .invalidField(field: field, reason: "is required") }
    guard trimmed.count <= max else { throw .invalidField(field: field, reason: "is longer than \(max) characters") }
    guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
      throw .invalidField(field: field, reason: "contains control characters")
    }
    return trimmed
  }

  static func address(_ address: Common.PostalAddress) throws(RegistryError) -> ([String], String, String, Postcode) {
    guard address.lines.count <= 4 else { throw .invalidField(field: "address.lines", reason: "at most 4 lines") }
    var lines: [String] = []
    for (i, line) in address.lines.enumerated() {
      let cleaned = try text(line, field: "address.lines[\(i)]", max: 120, required: false)
      if !cleaned.isEmpty { lines.append(cleaned) }
    }
    let town = try text(address.town, field: "address.town", max: 80, required: false)
    let county = try text(address.county, field: "address.county", max: 80, required: false)
    guard !address.postcode.trimmingWhitespace.isEmpty else {
      throw .invalidField(field: "address.postcode", reason: "is required")
    }
    return (lines, town, county, try Postcode(address.postcode))
  }

  static func phase(_ phase: Common.SchoolPhase) throws(RegistryError) -> Common.SchoolPhase {
    switch phase {
    case .unspecified, .unrecognized:
      throw .invalidField(
        field: "phase", reason: "must be one of nursery, primary, middle, secondary, all-through, special, PRU")
    default:
      return phase
    }
  }

  static func localAuthority(_ la: Common.LocalAuthority?) throws(RegistryError) -> (String, String) {
    let code = (la?.code ?? "").trimmingWhitespace
    guard code.count == 3, code.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
      throw .invalidField(field: "local_authority.code", reason: "must be the three-digit DfE code, got \"\(code)\"")
    }
    return (code, try text(la?.name ?? "", field: "local_authority.name", max: 100))
  }

  static func numberOnRoll(_ n: Int32) throws(RegistryError) -> Int {
    guard (0...10_000).contains(n) else {
      throw .invalidField(field: "number_on_roll", reason: "must be between 0 and 10000")
    }
    return Int(n)
  }

  static func location(_ point: Common.GeoPoint?) throws(RegistryError) -> Common.GeoPoint? {
    guard let point else { return nil }
    guard point.latitude.isFinite, (-90...90).contains(point.latitude) else {
      throw .invalidField(field: "location.latitude", reason: "must be between -90 and 90")
    }
    guard point.longitude.isFinite, (-180...180).contains(point.longitude) else {
      throw .invalidField(field: "location.longitude", reason: "must be between -180 and 180")
    }
    return point
  }
}

extension String {
  var trimmingWhitespace: String {
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return String(s)
  }
}
