/// Builds protobuf wire bytes by hand, to feed decoders exactly the (often invalid) input a
/// test needs, independent of the code under test.
struct WireBuilder {
  private(set) var bytes: [UInt8] = []

  enum WireType: UInt64 {
    case varint = 0
    case fixed64 = 1
    case lengthDelimited = 2
    case startGroup = 3
    case endGroup = 4
    case fixed32 = 5
  }

  mutating func tag(_ field: UInt64, _ type: WireType) {
    varint(field << 3 | type.rawValue)
  }

  mutating func raw(_ data: [UInt8]) {
    bytes += data
  }

  mutating func varint(_ value: UInt64) {
    var value = value
    while value >= 0x80 {
      bytes.append(UInt8(value & 0x7F) | 0x80)
      value >>= 7
    }
    bytes.append(UInt8(value))
  }

  /// A length-delimited field with raw payload bytes.
  mutating func lengthDelimited(_ field: UInt64, _ payload: [UInt8]) {
    tag(field, .lengthDelimited)
    varint(UInt64(payload.count))
    bytes += payload
  }

  mutating func string(_ field: UInt64, _ text: String) {
    lengthDelimited(field, Array(text.utf8))
  }

  mutating func varintField(_ field: UInt64, _ value: UInt64) {
    tag(field, .varint)
    varint(value)
  }

  static func build(_ body: (inout WireBuilder) -> Void) -> [UInt8] {
    var builder = WireBuilder()
    body(&builder)
    return builder.bytes
  }
}
