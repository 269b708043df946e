// Small text checks shared by the parsers: trimming, digit runs.

extension Character {
  var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension StringProtocol {
  /// The text without leading and trailing spaces, tabs and line breaks.
  var trimmingSpaces: String {
    let isSpace: (Character) -> Bool = {
      $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r\n" || $0 == "\r"
    }
    guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
    let end = lastIndex(where: { !isSpace($0) })!
    return String(self[start...end])
  }

  /// Whether the text is exactly `count` ASCII digits.
  func isDigits(count: Int) -> Bool {
    self.count == count && allSatisfy(\.isASCIIDigit)
  }
}
