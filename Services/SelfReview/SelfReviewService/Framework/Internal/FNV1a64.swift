/// The 64-bit FNV-1a hash (Fowler–Noll–Vo), as specified in draft-eastlake-fnv.
struct FNV1a64 {
  static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
  static let prime: UInt64 = 0x0000_0100_0000_01b3

  private(set) var value: UInt64 = FNV1a64.offsetBasis

  mutating func add(_ bytes: some Sequence<UInt8>) {
    for byte in bytes {
      value ^= UInt64(byte)
      value &*= FNV1a64.prime
    }
  }
}
