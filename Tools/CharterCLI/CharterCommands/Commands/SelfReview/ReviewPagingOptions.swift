internal import ArgumentParser

/// Paging for the self-review listings (rating history, action items): one page at a time,
/// continued with the token the previous page's footer shows.
struct ReviewPagingOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp("Most results per page (default: the service's, 100).", valueName: "n")
  )
  var pageSize: Int32?

  @Option(
    help: ArgumentHelp(
      "Continue from the page this token names (from a listing's footer).",
      valueName: "token"
    )
  )
  var pageToken: String?

  func validate() throws {
    if let pageSize, pageSize < 0 { throw ValidationError("--page-size must not be negative") }
  }
}
