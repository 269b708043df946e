/// Streams of one connection by HTTP/2 stream id: an open-addressing table with a trivial
/// hash, because stream ids are small, unique and looked up several times per frame.
struct StreamTable<Stream: AnyObject> {
  private var keys: [Int32]
  private var values: [Stream?]
  private var mask: Int
  private(set) var count = 0
  private var tombstones = 0

  private static var empty: Int32 { 0 }  // stream 0 is the connection itself: never a key
  private static var deleted: Int32 { -1 }

  init(capacity: Int = 64) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    keys = Array(repeating: Self.empty, count: size)
    values = Array(repeating: nil, count: size)
    mask = size - 1
  }

  var isEmpty: Bool { count == 0 }

  subscript(id: Int32) -> Stream? {
    var i = Int(id >> 1) & mask
    while true {
      let k = keys[i]
      if k == id { return values[i] }
      if k == Self.empty { return nil }
      i = (i + 1) & mask
    }
  }

  mutating func insert(_ stream: Stream, for id: Int32) {
    precondition(id > 0)
    if (count + tombstones + 1) * 2 > keys.count { rehash(to: count * 2 + 2) }
    var i = Int(id >> 1) & mask
    var firstDeleted = -1
    while true {
      let k = keys[i]
      if k == id {
        values[i] = stream
        return
      }
      if k == Self.deleted, firstDeleted < 0 { firstDeleted = i }
      if k == Self.empty { break }
      i = (i + 1) & mask
    }
    if firstDeleted >= 0 {
      i = firstDeleted
      tombstones -= 1
    }
    keys[i] = id
    values[i] = stream
    count += 1
  }

  @discardableResult
  mutating func remove(_ id: Int32) -> Stream? {
    var i = Int(id >> 1) & mask
    while true {
      let k = keys[i]
      if k == id {
        let v = values[i]
        keys[i] = Self.deleted
        values[i] = nil
        count -= 1
        tombstones += 1
        if count == 0 { clearTombstones() }
        return v
      }
      if k == Self.empty { return nil }
      i = (i + 1) & mask
    }
  }

  mutating func removeAll() {
    for i in keys.indices {
      keys[i] = Self.empty
      values[i] = nil
    }
    count = 0
    tombstones = 0
  }

  /// Every stream, in no particular order.
  var all: [Stream] { values.compactMap { $0 } }

  /// Every (id, stream) pair.
  var entries: [(Int32, Stream)] {
    keys.indices.compactMap { i in values[i].map { (keys[i], $0) } }
  }

  private mutating func clearTombstones() {
    guard tombstones > 0 else { return }
    for i in keys.indices where keys[i] == Self.deleted { keys[i] = Self.empty }
    tombstones = 0
  }

  private mutating func rehash(to capacity: Int) {
    let old = entries
    self = StreamTable(capacity: max(capacity, 16))
    for (id, stream) in old { insert(stream, for: id) }
  }
}
