import RPCCore

/// The router's methods indexed by the bytes of their `:path` (open addressing, FNV-1a), so a
/// request's path is matched without creating a String for it.
struct RouteTable {
  private var slots: [(path: [UInt8], method: ServerMethod)?]
  private let mask: Int

  init(_ router: RPCRouter) {
    let methods = router.registeredMethods
    var size = 16
    while size < methods.count * 4 { size <<= 1 }
    slots = Array(repeating: nil, count: size)
    mask = size - 1
    for descriptor in methods {
      let bytes = Array(descriptor.path.utf8)
      var i = Int(truncatingIfNeeded: Self.hash(bytes)) & mask
      while slots[i] != nil { i = (i + 1) & mask }
      slots[i] = (bytes, router.method(forPath: descriptor.path)!)
    }
  }

  func method(forPath path: UnsafeRawBufferPointer) -> ServerMethod? {
    var i = Int(truncatingIfNeeded: Self.hash(path)) & mask
    while let slot = slots[i] {
      if slot.path.count == path.count, slot.path.withUnsafeBytes({ $0.elementsEqual(path) }) {
        return slot.method
      }
      i = (i + 1) & mask
    }
    return nil
  }

  /// FNV-1a.
  static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    return h
  }
}
