internal import ArgumentParser
internal import Contracts

/// `charter self-review history URN`: the changes to a school's ratings, newest first.
struct RatingHistoryCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history",
    abstract: "List the changes to a school's ratings, newest first."
  )

  @Argument(help: "The school's URN.", transform: ArgumentParsing.urn)
  var urn: String

  @Option(
    help: ArgumentHelp("Only this aspect, e.g. 1a1.", valueName: "aspect"),
    transform: SelfReviewArgumentParsing.identifier
  )
  var aspect: String?

  @OptionGroup var paging: ReviewPagingOptions

  @OptionGroup(title: "Connection options") var connection: SelfReviewConnectionOptions

  func run() async throws {
    let request = SelfReview.GetRatingHistoryRequest(
      schoolUrn: urn,
      aspectId: aspect ?? "",
      pageSize: paging.pageSize ?? 0,
      pageToken: paging.pageToken ?? ""
    )
    let response = try await connection.withSelfReview { selfReview in
      try await selfReview.client.getRatingHistory(request, options: selfReview.callOptions)
    }
    ResultPrinter.print(json: connection.json, response) { ReviewText.history(response) }
  }
}
