internal import ArgumentParser
internal import Contracts

/// `charter self-review review URN`: a school's review with its current ratings.
struct ReviewCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "review",
    abstract: "Show a school's review and its current ratings."
  )

  @Argument(help: "The school's URN.", transform: ArgumentParsing.urn)
  var urn: String

  @OptionGroup(title: "Connection options") var connection: SelfReviewConnectionOptions

  func run() async throws {
    let review = try await connection.withSelfReview { selfReview in
      try await selfReview.client.getReview(
        SelfReview.GetReviewRequest(schoolUrn: urn),
        options: selfReview.callOptions
      )
    }
    ResultPrinter.print(json: connection.json, review) { ReviewText.details(review) }
  }
}
