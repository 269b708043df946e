/// Percent-encoding of `grpc-message` (gRPC PROTOCOL-HTTP2): the UTF-8 bytes of the message,
/// with every byte outside 0x20–0x7E, and `%` itself, sent as `%XX`.
enum PercentEncoding {
  private static let hex: [UInt8] = Array("0123456789ABCDEF".utf8)

  static func encode(_ message: String) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(message.utf8.count)
    for byte in message.utf8 {
      if byte >= 0x20, byte <= 0x7E, byte != UInt8(ascii: "%") {
        out.append(byte)
      } else {
        out.append(UInt8(ascii: "%"))
        out.append(hex[Int(byte >> 4)])
        out.append(hex[Int(byte & 0x0F)])
      }
    }
    return out
  }

  /// Decodes a received value. Never fails: a `%` not followed by two hex digits is kept as
  /// is, and bytes that are not valid UTF-8 become U+FFFD.
  static func decode(_ value: UnsafeRawBufferPointer) -> String {
    guard value.contains(UInt8(ascii: "%")) else { return String(decoding: value, as: UTF8.self) }
    var out: [UInt8] = []
    out.reserveCapacity(value.count)
    var i = 0
    while i < value.count {
      let c = value[i]
      if c == UInt8(ascii: "%"), i + 2 < value.count,
        let hi = hexValue(value[i + 1]), let lo = hexValue(value[i + 2])
      {
        out.append(hi << 4 | lo)
        i += 3
      } else {
        out.append(c)
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  private static func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
