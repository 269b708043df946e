// Small text checks shared by the parsers: trimming, digit runs. They work on UTF-8 bytes,
// since every import row goes through them a few dozen times.

extension Character {
  var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension StringProtocol {
  /// The text without leading and trailing spaces, tabs and line breaks.
  var trimmingSpaces: String {
    let bytes = utf8
    var first: UTF8View.Index?
    var end = bytes.startIndex
    var index = bytes.startIndex
    while index != bytes.endIndex {
      let current = index
      let byte = bytes[current]
      bytes.formIndex(after: &index)
      // Space, tab, line feed, carriage return.
      if byte != 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D {
        if first == nil { first = current }
        end = index
      }
    }
    guard let first else { return "" }
    return String(decoding: bytes[first..<end], as: UTF8.self)
  }

  /// Whether the text is exactly `count` ASCII digits.
  func isDigits(count: Int) -> Bool {
    utf8.count == count && utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
  }
}
