internal import ArgumentParser

/// Paging for the list commands: one page at a time, or every page with `--all`.
struct PagingOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp("Most results per page (server default 50, at most 500).", valueName: "n")
  )
  var pageSize: Int32?

  @Option(
    help: ArgumentHelp(
      "Continue from the page this token names (from a listing's footer).",
      valueName: "token"
    )
  )
  var pageToken: String?

  @Flag(help: "Follow every page to the end and print them as one listing.")
  var all = false

  func validate() throws {
    if let pageSize, pageSize < 0 { throw ValidationError("--page-size must not be negative") }
  }

  /// The page size to ask for: as given, else 500 when fetching everything (fewer round
  /// trips), else the server's default.
  var effectivePageSize: Int32 { pageSize ?? (all ? 500 : 0) }
}
