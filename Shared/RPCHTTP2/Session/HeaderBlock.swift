/// An ordered list of HTTP/2 header fields kept in one contiguous byte store, ready to be
/// handed to nghttp2 without an allocation per field.
struct HeaderBlock {
  private(set) var storage: [UInt8] = []
  /// (name offset, name length, value offset, value length) per field.
  private(set) var fields: [(Int, Int, Int, Int)] = []

  init() {}

  init(_ pairs: [(String, String)]) {
    for (n, v) in pairs { add(n, v) }
  }

  var count: Int { fields.count }

  /// Empties the block, keeping its storage for the next one.
  mutating func removeAll() {
    storage.removeAll(keepingCapacity: true)
    fields.removeAll(keepingCapacity: true)
  }

  /// Visits every field as raw bytes (valid only inside `body`).
  func forEachField(_ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void) {
    storage.withUnsafeBytes { raw in
      for (no, nl, vo, vl) in fields {
        body(
          UnsafeRawBufferPointer(rebasing: raw[no..<(no + nl)]),
          UnsafeRawBufferPointer(rebasing: raw[vo..<(vo + vl)]))
      }
    }
  }

  mutating func add(name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
    let nameOffset = storage.count
    storage.append(contentsOf: name)
    let valueOffset = storage.count
    storage.append(contentsOf: value)
    fields.append((nameOffset, name.count, valueOffset, value.count))
  }

  mutating func add(_ name: String, _ value: String) {
    add(name: Array(name.utf8), value: Array(value.utf8))
  }

  mutating func add(name: some Collection<UInt8>, value: some Collection<UInt8>) {
    let nameOffset = storage.count
    storage.append(contentsOf: name)
    let valueOffset = storage.count
    storage.append(contentsOf: value)
    fields.append((nameOffset, name.count, valueOffset, value.count))
  }

  mutating func append(contentsOf other: HeaderBlock) {
    let base = storage.count
    storage.append(contentsOf: other.storage)
    for (no, nl, vo, vl) in other.fields { fields.append((no + base, nl, vo + base, vl)) }
  }

  /// The fields as (name, value) strings, for logs and tests.
  var pairs: [(String, String)] {
    fields.map { (no, nl, vo, vl) in
      (
        String(decoding: storage[no..<(no + nl)], as: UTF8.self),
        String(decoding: storage[vo..<(vo + vl)], as: UTF8.self)
      )
    }
  }
}
