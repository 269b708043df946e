extension StringProtocol {
  /// Whether the text is empty or only whitespace (spaces, tabs, newlines and the like).
  var isBlank: Bool { allSatisfy(\.isWhitespace) }
}
