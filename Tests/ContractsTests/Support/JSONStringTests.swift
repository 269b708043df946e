import Contracts
import Testing

/// The one JSON string escaper that messages, log lines and the CLI share.
@Suite("JSON string literals")
struct JSONStringTests {
  @Test("Quote, backslash and control characters are escaped; short forms where JSON has them")
  func escapes() {
    #expect(JSONString.quoted("a\"b\\c\nd\u{1}") == #""a\"b\\c\nd\u0001""#)
    #expect(JSONString.quoted("\t\r\u{8}\u{C}\u{1F}") == #""\t\r\b\f\u001f""#)
  }

  @Test("Non-ASCII text and the empty string pass through as they are")
  func passThrough() {
    #expect(JSONString.quoted("") == #""""#)
    #expect(JSONString.quoted("Ysgol Gymraeg Llundain — ✓ 👩‍🏫") == "\"Ysgol Gymraeg Llundain — ✓ 👩‍🏫\"")
  }
}
