internal import ArgumentParser
internal import Contracts

/// `charter self-review next-steps URN`: for each aspect, the next level up and what it asks.
struct NextStepsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "next-steps",
    abstract: "List each aspect's next level and what it asks for, those below threshold first."
  )

  @Argument(help: "The school's URN.", transform: ArgumentParsing.urn)
  var urn: String

  @Option(
    help: ArgumentHelp("Only aspects of this element, e.g. E2.", valueName: "id"),
    transform: SelfReviewArgumentParsing.identifier
  )
  var element: String?

  @OptionGroup(title: "Connection options") var connection: SelfReviewConnectionOptions

  func run() async throws {
    let request = SelfReview.GetNextStepsRequest(schoolUrn: urn, elementId: element ?? "")
    let response = try await connection.withSelfReview { selfReview in
      try await selfReview.client.getNextSteps(request, options: selfReview.callOptions)
    }
    ResultPrinter.print(json: connection.json, response) { NextStepText.table(response) }
  }
}
