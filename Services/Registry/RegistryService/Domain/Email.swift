import CharterValues

/// Email addresses as people are known by: trimmed, lower-cased, roughly checked.
enum Email {
  static func normalise(_ text: String) throws(InvalidField) -> String {
    let email = text.trimmingWhiteSpace.lowercased()
    let parts = email.split(separator: "@", omittingEmptySubsequences: false)
    guard email.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
      !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !email.contains(where: { $0.isWhitespace })
    else { throw InvalidField(field: "email", reason: "\"\(text)\" is not an email address") }
    return email
  }
}
