import CharterValues
import Foundation
import Testing

@Suite("Postcodes")
struct PostcodeTests {
  @Test(
    "valid postcodes are normalised",
    arguments: [
      ("b152tt", "B15 2TT"), ("  NR1 3QU ", "NR1 3QU"), ("sw1a1aa", "SW1A 1AA"), ("M1 1AE", "M1 1AE"),
      ("ec1a 1bb", "EC1A 1BB"), ("W1A0AX", "W1A 0AX"),
    ])
  func normalised(text: String, expected: String) throws {
    #expect(try Postcode(text).value == expected)
    #expect(try Postcode(text).compact == expected.replacingOccurrences(of: " ", with: ""))
  }

  @Test("invalid postcodes are refused", arguments: ["", "B15", "123 456", "B15 22T", "QQQ1 1AA", "B15 2T", "1B5 2TT"])
  func refused(text: String) {
    #expect(throws: InvalidField.self) { _ = try Postcode(text) }
  }
}
