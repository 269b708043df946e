/// A school's Unique Reference Number: the key every Charter service knows a school by.
///
/// The DfE gives each school six digits. This is the one place that rule is written: services,
/// the CLI and the demo data parse URNs here, trimming surrounding white space once at the edge,
/// and pass the parsed value on, so a URN further in is always valid and never needs checking
/// again.
public struct SchoolURN: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// The six digits.
  public let rawValue: String

  /// Parses a URN as a person or a request wrote it: surrounding white space is ignored.
  ///
  /// - Parameter field: The request field the text came from, for the error.
  /// - Throws: ``InvalidField`` unless what remains is exactly six ASCII digits.
  public init(parsing text: some StringProtocol, field: String = "urn") throws(InvalidField) {
    guard let urn = SchoolURN(String(text).trimmingWhiteSpace) else {
      throw InvalidField(field: field, reason: "must be six digits, got \"\(text)\"")
    }
    self = urn
  }

  /// The URN, if `text` is exactly six ASCII digits (nothing trimmed).
  public init?(_ text: some StringProtocol) {
    guard text.utf8.count == 6, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
      return nil
    }
    rawValue = String(text)
  }

  /// The URN `number`, if it has six digits (100000 through 999999).
  public init?(number: Int) {
    guard (100_000...999_999).contains(number) else { return nil }
    rawValue = String(number)
  }

  public var description: String { rawValue }

  public static func < (lhs: SchoolURN, rhs: SchoolURN) -> Bool { lhs.rawValue < rhs.rawValue }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let urn = SchoolURN(text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "\"\(text)\" is not a six-digit URN"))
    }
    self = urn
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
}

/// A local authority's three-digit DfE code ("383" is Leeds): how advisers' scopes, benchmarks
/// and the public map group schools.
public struct LocalAuthorityCode: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// The three digits.
  public let rawValue: String

  /// Parses a code as written, ignoring surrounding white space.
  /// - Throws: ``InvalidField`` unless what remains is exactly three ASCII digits.
  public init(parsing text: some StringProtocol, field: String = "local_authority.code") throws(InvalidField) {
    guard let code = LocalAuthorityCode(String(text).trimmingWhiteSpace) else {
      throw InvalidField(field: field, reason: "must be the three-digit DfE code, got \"\(text)\"")
    }
    self = code
  }

  /// The code, if `text` is exactly three ASCII digits.
  public init?(_ text: some StringProtocol) {
    guard text.utf8.count == 3, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
      return nil
    }
    rawValue = String(text)
  }

  public var description: String { rawValue }

  public static func < (lhs: LocalAuthorityCode, rhs: LocalAuthorityCode) -> Bool { lhs.rawValue < rhs.rawValue }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let code = LocalAuthorityCode(text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "\"\(text)\" is not a three-digit LA code"))
    }
    self = code
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
}
