/// One page of a listing, as every Charter list call asks for it: a size and where the
/// previous page ended.
///
/// One rule for every service: a size of 0 means ``defaultSize``, sizes above ``maximumSize``
/// are capped, a negative size is refused. Pages are keyset pages: the token carries the key
/// of the last item returned (never an offset), so a listing stays stable while items are
/// added, and tokens are opaque to callers.
public struct PageRequest: Sendable, Hashable {
  /// The page size when a request gives none.
  public static let defaultSize = 100
  /// The largest page a request gets; larger sizes are capped to it.
  public static let maximumSize = 1000

  /// How many items to return.
  public var size: Int
  /// The key of the last item of the previous page; `nil` for the first page.
  public var afterKey: String?

  public init(size: Int = PageRequest.defaultSize, afterKey: String? = nil) {
    self.size = size
    self.afterKey = afterKey
  }

  /// Reads a request's `page_size` and `page_token`.
  /// - Throws: ``InvalidField`` for a negative size (`page_size`) or a token this platform did
  ///   not make (`page_token`).
  public init(size: Int32, token: String) throws(InvalidField) {
    guard size >= 0 else { throw InvalidField(field: "page_size", reason: "must not be negative") }
    self.size = size == 0 ? Self.defaultSize : min(Int(size), Self.maximumSize)
    self.afterKey = try PageToken.key(in: token)
  }

  /// The token for the page after `items`: empty when this page was not full (so there is no
  /// next page), else the token of the last item's key.
  public func nextToken<Item>(after items: [Item], key: (Item) -> String) -> String {
    guard items.count == size, let last = items.last else { return "" }
    return PageToken.token(afterKey: key(last))
  }
}

/// The opaque `next_page_token` of a listing: a version and the last key, in base64url.
public enum PageToken {
  private static let prefix = "v1:"

  /// The token for the page that starts after `key`.
  public static func token(afterKey key: String) -> String { Base64URL.encode(Array((prefix + key).utf8)) }

  /// The key a token carries; `nil` for the empty token (the first page).
  /// - Throws: ``InvalidField`` (`page_token`) when the token was not made by ``token(afterKey:)``.
  public static func key(in token: String) throws(InvalidField) -> String? {
    guard !token.isEmpty else { return nil }
    guard let bytes = Base64URL.decode(token), let text = String(validating: bytes, as: UTF8.self),
      text.hasPrefix(prefix), text.count > prefix.count
    else { throw InvalidField(field: "page_token", reason: "is not a token from a previous page") }
    return String(text.dropFirst(prefix.count))
  }
}
