import CharterValues

/// Builds the proto3 JSON text of generated messages (see ``ProtoJSONEncodable``).
///
/// Generated `writeProtoJSON(to:)` methods call `key` before each present field and one value
/// writer per value; arrays call `arrayElement()` before each element. The writer only tracks
/// where commas go, so nesting costs nothing.
struct ProtoJSONWriter {
  private var bytes: [UInt8] = []
  private var needsComma = false

  init() { bytes.reserveCapacity(256) }

  /// The JSON text written so far.
  var text: String { String(decoding: bytes, as: UTF8.self) }

  // MARK: structure

  mutating func beginObject() {
    bytes.append(UInt8(ascii: "{"))
    needsComma = false
  }

  mutating func endObject() {
    bytes.append(UInt8(ascii: "}"))
    needsComma = true
  }

  mutating func beginArray() {
    bytes.append(UInt8(ascii: "["))
    needsComma = false
  }

  mutating func endArray() {
    bytes.append(UInt8(ascii: "]"))
    needsComma = true
  }

  /// Starts a member: a comma if needed, then `"key":`.
  mutating func key(_ key: StaticString) {
    if needsComma { bytes.append(UInt8(ascii: ",")) }
    bytes.append(UInt8(ascii: "\""))
    key.withUTF8Buffer { bytes.append(contentsOf: $0) }
    bytes.append(UInt8(ascii: "\""))
    bytes.append(UInt8(ascii: ":"))
    needsComma = false
  }

  /// Starts an array element (a comma if needed).
  mutating func arrayElement() {
    if needsComma { bytes.append(UInt8(ascii: ",")) }
    needsComma = false
  }

  // MARK: values

  mutating func bool(_ value: Bool) {
    appendASCII(value ? "true" : "false")
  }

  mutating func int32(_ value: Int32) { appendASCII(String(value)) }
  mutating func uint32(_ value: UInt32) { appendASCII(String(value)) }

  /// 64-bit integers are JSON strings in proto3 JSON (they exceed a double's precision).
  mutating func int64(_ value: Int64) { appendQuotedASCII(String(value)) }
  mutating func uint64(_ value: UInt64) { appendQuotedASCII(String(value)) }

  mutating func double(_ value: Double) {
    if value.isNaN {
      appendQuotedASCII("NaN")
    } else if value.isInfinite {
      appendQuotedASCII(value < 0 ? "-Infinity" : "Infinity")
    } else {
      appendASCII(value.description)
    }
  }

  mutating func float(_ value: Float) {
    if value.isNaN {
      appendQuotedASCII("NaN")
    } else if value.isInfinite {
      appendQuotedASCII(value < 0 ? "-Infinity" : "Infinity")
    } else {
      // Float's description is the shortest decimal that reads back as the same Float.
      appendASCII(value.description)
    }
  }

  mutating func string(_ value: String) {
    JSONString.appendQuoted(value, to: &bytes)
    needsComma = true
  }

  /// Bytes are standard base64 with padding (RFC 4648 §4).
  mutating func bytes(_ value: [UInt8]) {
    bytes.append(UInt8(ascii: "\""))
    var index = 0
    while index + 3 <= value.count {
      let chunk = UInt32(value[index]) << 16 | UInt32(value[index + 1]) << 8 | UInt32(value[index + 2])
      appendBase64(chunk, significant: 4)
      index += 3
    }
    switch value.count - index {
    case 1:
      appendBase64(UInt32(value[index]) << 16, significant: 2)
      appendASCII("==")
    case 2:
      appendBase64(UInt32(value[index]) << 16 | UInt32(value[index + 1]) << 8, significant: 3)
      appendASCII("=")
    default:
      break
    }
    bytes.append(UInt8(ascii: "\""))
    needsComma = true
  }

  /// Enums are their proto value name; values the proto does not declare are their number.
  mutating func enumValue<E: ContractEnum>(_ value: E) {
    if value.isRecognized {
      appendQuotedASCII(value.protoName)
    } else {
      int32(value.rawValue)
    }
  }

  /// A `google.protobuf.Timestamp` as RFC 3339 in UTC with 0, 3, 6 or 9 fractional digits.
  mutating func timestamp(seconds: Int64, nanos: Int32) {
    appendQuotedASCII(UTCTime(secondsSince1970: seconds, nanoseconds: Int64(nanos)).description)
  }

  // MARK: helpers

  private static let base64Alphabet: [UInt8] = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  private mutating func appendBase64(_ chunk: UInt32, significant: Int) {
    for position in 0..<significant {
      let shift = UInt32(18 - 6 * position)
      bytes.append(Self.base64Alphabet[Int((chunk >> shift) & 0x3F)])
    }
  }

  private mutating func appendASCII(_ text: String) {
    bytes.append(contentsOf: text.utf8)
    needsComma = true
  }

  private mutating func appendQuotedASCII(_ text: String) {
    bytes.append(UInt8(ascii: "\""))
    bytes.append(contentsOf: text.utf8)
    bytes.append(UInt8(ascii: "\""))
    needsComma = true
  }
}
