internal import ArgumentParser
internal import Contracts

/// `charter self-review plan list URN`: a page of a school's action items, by due date.
struct ListActionItemsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List a school's action items by due date (undated last)."
  )

  @Argument(help: "The school's URN.", transform: ArgumentParsing.urn)
  var urn: String

  @Option(
    help: ArgumentHelp("Only items for this aspect.", valueName: "aspect"),
    transform: SelfReviewArgumentParsing.identifier
  )
  var aspect: String?

  @Option(
    name: .customLong("state"),
    help: ArgumentHelp(
      "Only items in this state (\(ActionItemStateSyntax.allNames)); repeat for several.",
      valueName: "state"
    ),
    transform: SelfReviewArgumentParsing.state
  )
  var states: [SelfReview.ActionItemState] = []

  @OptionGroup var paging: ReviewPagingOptions

  @OptionGroup(title: "Connection options") var connection: SelfReviewConnectionOptions

  func run() async throws {
    let request = SelfReview.ListActionItemsRequest(
      schoolUrn: urn,
      aspectId: aspect ?? "",
      states: states,
      pageSize: paging.pageSize ?? 0,
      pageToken: paging.pageToken ?? ""
    )
    let response = try await connection.withSelfReview { selfReview in
      try await selfReview.client.listActionItems(request, options: selfReview.callOptions)
    }
    ResultPrinter.print(json: connection.json, response) { ActionItemText.page(response) }
  }
}
