/// The text a pin is found by, and a searcher's words turned into an FTS5 query, by one rule:
/// lower case, apostrophes dropped (so "st marys" finds "St Mary's"), other punctuation a word
/// break, and every word of the query a prefix ("leed" finds Leeds). Postcodes are indexed
/// with and without their space ("ls14ap" and "LS1 4AP" both match).
public enum SearchText {
  /// The words of `text` by the rule above.
  public static func words(_ text: String) -> [String] {
    var words: [String] = []
    var current = ""
    for character in text.lowercased() {
      if character == "'" || character == "\u{2019}" || character == "\u{2018}" { continue }
      if character.isLetter || character.isNumber {
        current.append(character)
      } else if !current.isEmpty {
        words.append(current)
        current = ""
      }
    }
    if !current.isEmpty { words.append(current) }
    return words
  }

  /// The indexed form of a name or town.
  public static func indexed(_ text: String) -> String { words(text).joined(separator: " ") }

  /// The indexed form of a postcode: its words and its compact form.
  public static func indexed(postcode: String) -> String {
    let parts = words(postcode)
    return parts.count > 1 ? (parts + [parts.joined()]).joined(separator: " ") : parts.joined(separator: " ")
  }

  /// The FTS5 MATCH expression for a searcher's text: every word as a quoted prefix; `nil` when
  /// the text has no words.
  public static func matchExpression(_ query: String) -> String? {
    let words = words(query)
    guard !words.isEmpty else { return nil }
    return words.map { "\"\($0)\"*" }.joined(separator: " ")
  }
}
