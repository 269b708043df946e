import Testing

@testable import RPCHTTP2

@Suite("grpc-message percent-encoding")
struct PercentEncodingTests {
  @Test("printable ASCII passes through; %, controls and non-ASCII are escaped")
  func encodesAsTheSpecSays() {
    #expect(
      String(decoding: PercentEncoding.encode("50% done ☺\n\t"), as: UTF8.self)
        == "50%25 done %E2%98%BA%0A%09")
    #expect(String(decoding: PercentEncoding.encode("plain text"), as: UTF8.self) == "plain text")
  }

  @Test(
    "decoding inverts encoding for any text",
    arguments: ["", "é ü ñ", "\t\r\n\0", "100%", "%%", "emoji 👍🏽 and 中文", "\u{202E}rtl"])
  func roundTrips(text: String) {
    let encoded = PercentEncoding.encode(text)
    #expect(encoded.allSatisfy { $0 >= 0x20 && $0 <= 0x7E })
    #expect(encoded.withUnsafeBytes { PercentEncoding.decode($0) } == text)
  }

  @Test("decoding never fails on malformed input")
  func toleratesGarbage() {
    for raw in ["%", "%4", "%zz", "abc%", "%E2%98"] {
      let decoded = Array(raw.utf8).withUnsafeBytes { PercentEncoding.decode($0) }
      #expect(!decoded.isEmpty)
    }
    #expect(Array("%zz".utf8).withUnsafeBytes { PercentEncoding.decode($0) } == "%zz")
  }
}
