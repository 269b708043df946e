import Testing

@testable import RPCHTTP2

@Suite("base64 for -bin metadata")
struct Base64Tests {
  @Test("values are sent without padding")
  func unpadded() {
    #expect(String(decoding: Base64.encode([0x0A, 0x0B, 0x0A, 0x0B, 0x0A, 0x0B]), as: UTF8.self) == "CgsKCwoL")
    #expect(String(decoding: Base64.encode([0xFF]), as: UTF8.self) == "/w")
    #expect(String(decoding: Base64.encode([0xFF, 0xEE]), as: UTF8.self) == "/+4")
  }

  @Test("padded and unpadded values both decode", arguments: ["/w==", "/w", "/+4=", "/+4"])
  func acceptsPadding(text: String) {
    #expect(Base64.decode(Array(text.utf8)) != nil)
  }

  @Test("every byte pattern round-trips")
  func roundTrip() {
    for length in 0..<40 {
      let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
      #expect(Base64.decode(Base64.encode(bytes)) == bytes)
    }
  }

  @Test("invalid characters are rejected", arguments: ["a*b", "ab=c", "a b"])
  func rejects(text: String) {
    #expect(Base64.decode(Array(text.utf8)) == nil)
  }
}
