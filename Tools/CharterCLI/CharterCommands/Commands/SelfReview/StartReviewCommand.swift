internal import ArgumentParser
internal import Contracts

/// `charter self-review start URN`: starts a school's self-review (or shows the one it has).
struct StartReviewCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "start",
    abstract: "Start a school's self-review; starting again shows the review it has.",
    discussion: """
      Only a committed school reviews itself. Without --framework the review uses the \
      framework new reviews start on; a school reviews on one framework at a time.
      """
  )

  @Argument(help: "The school's URN.", transform: ArgumentParsing.urn)
  var urn: String

  @Option(
    help: ArgumentHelp("The framework to review on, e.g. srf-2008.", valueName: "id"),
    transform: SelfReviewArgumentParsing.identifier
  )
  var framework: String?

  @OptionGroup(title: "Connection options") var connection: SelfReviewConnectionOptions

  func run() async throws {
    let request = SelfReview.StartReviewRequest(schoolUrn: urn, frameworkId: framework ?? "")
    let review = try await connection.withSelfReview { selfReview in
      try await selfReview.client.startReview(request, options: selfReview.callOptions)
    }
    ResultPrinter.print(json: connection.json, review) { ReviewText.details(review) }
  }
}
