extension PageFooter {
  /// The footer for listings that do not say how many results there are in all (rating
  /// history, action items): `showing N`, plus `; next page: --page-token TOKEN` when there
  /// is one.
  public static func text(shown: Int, nextPageToken: String) -> String {
    var text = "showing \(shown)"
    if !nextPageToken.isEmpty {
      text += "; next page: --page-token \(ShellText.quoted(nextPageToken))"
    }
    return text
  }
}
