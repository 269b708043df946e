/// The URL- and filename-safe base64 alphabet without padding (RFC 4648 §5), as JWTs, JWKs,
/// one-time codes and page tokens use it.
///
/// Decoding is strict: only the canonical encoding of some bytes is accepted. Base64 leaves
/// 2 or 4 bits unused in a final partial group; a lenient decoder ignores them, so several
/// texts decode to the same bytes. A token part that is not the one canonical text of its
/// bytes is therefore refused rather than silently accepted as another spelling of a valid one.
public enum Base64URL {
  private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

  /// Each ASCII byte's 6-bit value, or 0xFF for a byte outside the alphabet.
  private static let values: [UInt8] = {
    var table = [UInt8](repeating: 0xFF, count: 256)
    for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
    return table
  }()

  /// The encoding of `bytes`, without padding.
  public static func encode(_ bytes: some Collection<UInt8>) -> String {
    var out: [UInt8] = []
    out.reserveCapacity((bytes.count * 4 + 2) / 3)
    var iterator = bytes.makeIterator()
    while let b0 = iterator.next() {
      let b1 = iterator.next()
      let b2 = iterator.next()
      out.append(alphabet[Int(b0 >> 2)])
      out.append(alphabet[Int((b0 & 0x03) << 4 | (b1 ?? 0) >> 4)])
      if let b1 { out.append(alphabet[Int((b1 & 0x0F) << 2 | (b2 ?? 0) >> 6)]) }
      if let b2 { out.append(alphabet[Int(b2 & 0x3F)]) }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The bytes `text` encodes, or `nil` unless `text` is canonical unpadded base64url: only
  /// alphabet characters, no `=`, a length that is not 1 more than a multiple of 4, and zero
  /// unused bits in the last character.
  public static func decode(_ text: some StringProtocol) -> [UInt8]? {
    let input = Array(text.utf8)
    guard input.count % 4 != 1 else { return nil }
    var out: [UInt8] = []
    out.reserveCapacity(input.count * 3 / 4)
    var accumulator: UInt32 = 0
    var bits = 0
    for byte in input {
      let value = values[Int(byte)]
      guard value != 0xFF else { return nil }
      accumulator = accumulator << 6 | UInt32(value)
      bits += 6
      if bits >= 8 {
        bits -= 8
        out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
        accumulator &= (1 << UInt32(bits)) - 1
      }
    }
    // Leftover bits (2 or 4) must be zero, or another text would decode to the same bytes.
    guard accumulator == 0 else { return nil }
    return out
  }

  /// Whether `text` is the canonical unpadded base64url encoding of some bytes.
  public static func isCanonical(_ text: some StringProtocol) -> Bool { decode(text) != nil }
}
