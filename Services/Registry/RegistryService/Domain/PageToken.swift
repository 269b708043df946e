import FoundationEssentials

/// Opaque paging tokens: the key of the last item returned, base64 with a version prefix, so
/// pages stay stable while items are added (keyset paging, not offsets).
enum PageToken {
  static let defaultSize = 50
  static let maxSize = 1000

  static func encode(_ lastKey: String) -> String {
    Data("v1:\(lastKey)".utf8).base64EncodedString()
  }

  /// - Throws: INVALID_ARGUMENT naming `page_token` when the token was not made here.
  static func decode(_ token: String) throws(RegistryError) -> String? {
    guard !token.isEmpty else { return nil }
    guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
      text.hasPrefix("v1:"), text.count > 3
    else { throw .invalidField(field: "page_token", reason: "is not a token from a previous page") }
    return String(text.dropFirst(3))
  }

  /// The page size to use: the default for 0, capped at the maximum.
  static func size(_ requested: Int32) throws(RegistryError) -> Int {
    guard requested >= 0 else { throw .invalidField(field: "page_size", reason: "must not be negative") }
    return requested == 0 ? defaultSize : min(Int(requested), maxSize)
  }
}

/// Email addresses as people are known by: trimmed, lower-cased, roughly checked.
enum Email {
  static func normalise(_ text: String) throws(RegistryError) -> String {
    let email = text.trimmingWhitespace.lowercased()
    let parts = email.split(separator: "@", omittingEmptySubsequences: false)
    guard email.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
      !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !email.contains(where: { $0.isWhitespace })
    else { throw .invalidField(field: "email", reason: "\"\(text)\" is not an email address") }
    return email
  }
}
