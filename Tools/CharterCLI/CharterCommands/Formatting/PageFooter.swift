/// The footer under a page of a listing: how much is shown and how to get the next page.
public enum PageFooter {
  /// `showing N of TOTAL`, plus `; next page: --page-token TOKEN` when there is one.
  public static func text(shown: Int, total: Int, nextPageToken: String) -> String {
    var text = "showing \(shown) of \(total)"
    if !nextPageToken.isEmpty {
      text += "; next page: --page-token \(ShellText.quoted(nextPageToken))"
    }
    return text
  }
}
