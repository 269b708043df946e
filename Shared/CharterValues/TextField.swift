/// The rule for free-text request fields (names, towns, commentary): trimmed, within a length,
/// and free of control characters, so what is stored prints the same everywhere it is shown.
///
/// ```swift
/// let name = try TextField.required(request.name, field: "name", max: 200)
/// let county = try TextField.optional(request.address.county, field: "address.county", max: 80)
/// let note = try TextField.required(request.commentary, field: "commentary", max: 4000, lines: .many)
/// ```
public enum TextField {
  /// Whether a field may span lines.
  public enum Lines: Sendable {
    /// One line: line breaks and tabs are control characters like any other.
    case one
    /// Several lines: `\n`, `\r` and `\t` are allowed; other control characters are not.
    case many
  }

  /// A field that must not be blank.
  /// - Returns: The text without surrounding white space.
  /// - Throws: ``InvalidField``: "is required", "is longer than N characters", or "contains
  ///   control characters".
  public static func required(
    _ value: String, field: String, max: Int, lines: Lines = .one
  ) throws(InvalidField) -> String {
    let text = try optional(value, field: field, max: max, lines: lines)
    if text.isEmpty { throw InvalidField(field: field, reason: "is required") }
    return text
  }

  /// A field that may be blank (the result is then empty).
  /// - Throws: ``InvalidField`` as ``required(_:field:max:lines:)`` does, but never "is required".
  public static func optional(
    _ value: String, field: String, max: Int, lines: Lines = .one
  ) throws(InvalidField) -> String {
    let text = value.trimmingWhiteSpace
    guard text.count <= max else { throw InvalidField(field: field, reason: "is longer than \(max) characters") }
    let allowed: Set<Unicode.Scalar> = lines == .many ? ["\n", "\r", "\t"] : []
    if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !allowed.contains($0) }) {
      throw InvalidField(field: field, reason: "contains control characters")
    }
    return text
  }
}

extension StringProtocol {
  /// The text without leading and trailing white space (Unicode's definition, as `Character`
  /// has it), with no Foundation.
  public var trimmingWhiteSpace: String {
    guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace })
    else { return "" }
    return String(self[first...last])
  }
}
