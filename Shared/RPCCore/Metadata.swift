/// Key-value pairs sent alongside messages: request headers, response headers and trailers.
///
/// gRPC metadata is an ordered multimap. Keys are lower-case ASCII (`0-9 a-z _ - .`); keys ending
/// in `-bin` carry binary values (base64 on the wire), all others printable ASCII strings. Keys
/// starting with `grpc-` are reserved for the protocol and are never exposed here.
///
/// ```swift
/// var metadata: Metadata = ["x-request-id": "42"]
/// metadata.append("trace-bin", .binary([0x01, 0x02]))
/// let id = metadata.firstString(forKey: "x-request-id")
/// ```
public struct Metadata: Sendable, Hashable, ExpressibleByDictionaryLiteral, Sequence {
  /// One metadata value: text for ordinary keys, raw bytes for `-bin` keys.
  public enum Value: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    case string(String)
    case binary([UInt8])

    public init(stringLiteral value: String) { self = .string(value) }

    public var description: String {
      switch self {
      case .string(let s): s
      case .binary(let b): "<\(b.count) bytes>"
      }
    }
  }

  public typealias Element = (key: String, value: Value)

  @usableFromInline var storage: [Element]

  public init() { storage = [] }

  public init(dictionaryLiteral elements: (String, Value)...) {
    storage = []
    storage.reserveCapacity(elements.count)
    for (k, v) in elements { append(k, v) }
  }

  public var count: Int { storage.count }
  public var isEmpty: Bool { storage.isEmpty }

  /// Appends a value, keeping any earlier values for the same key. The key is lower-cased.
  public mutating func append(_ key: String, _ value: Value) {
    storage.append((Metadata.normalise(key), value))
  }

  /// Appends a value whose key the caller knows is already lower-case (HTTP/2 guarantees it
  /// for received headers), skipping normalisation.
  public mutating func append(lowercasedKey key: String, _ value: Value) {
    storage.append((key, value))
  }

  /// Replaces every value of `key` with a single value.
  public mutating func replace(_ key: String, _ value: Value) {
    removeAll(key)
    append(key, value)
  }

  public mutating func removeAll(_ key: String) {
    let k = Metadata.normalise(key)
    storage.removeAll { $0.key == k }
  }

  /// All values of `key`, in the order they were added.
  public subscript(key: String) -> [Value] {
    let k = Metadata.normalise(key)
    return storage.compactMap { $0.key == k ? $0.value : nil }
  }

  public func firstString(forKey key: String) -> String? {
    for value in self[key] { if case .string(let s) = value { return s } }
    return nil
  }

  public func firstBinary(forKey key: String) -> [UInt8]? {
    for value in self[key] { if case .binary(let b) = value { return b } }
    return nil
  }

  public mutating func merge(_ other: Metadata) {
    storage.append(contentsOf: other.storage)
  }

  public func makeIterator() -> IndexingIterator<[Element]> { storage.makeIterator() }

  public static func == (lhs: Metadata, rhs: Metadata) -> Bool {
    lhs.storage.count == rhs.storage.count
      && zip(lhs.storage, rhs.storage).allSatisfy { $0.key == $1.key && $0.value == $1.value }
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(storage.count)
    for (k, v) in storage {
      hasher.combine(k)
      hasher.combine(v)
    }
  }

  /// Whether `key` is a syntactically valid metadata key: non-empty, lower-case `0-9 a-z _ - .`.
  public static func isValidKey(_ key: String) -> Bool {
    !key.isEmpty
      && key.utf8.allSatisfy { c in
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z"))
          || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
          || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
      }
  }

  /// Whether a key names a binary (`-bin`) value.
  public static func isBinaryKey(_ key: String) -> Bool { key.hasSuffix("-bin") }

  static func normalise(_ key: String) -> String {
    key.utf8.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") } ? key.lowercased() : key
  }
}
