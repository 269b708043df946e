internal import ArgumentParser
internal import Contracts

/// `charter self-review status URN`: where a school stands, element by element, and against
/// the Charter's Level 2 rule.
struct ReviewStatusCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "Show where a school's review stands: per element, overall and for Level 2.",
    discussion: """
      An element is at the national standard when every one of its aspects meets its \
      threshold. Level 2 (Recognised for ICT) needs Leadership and management plus two other \
      elements at the standard. --json prints the service's ReviewStatus alone.
      """
  )

  @Argument(help: "The school's URN.", transform: ArgumentParsing.urn)
  var urn: String

  @Flag(help: "Add a table of every aspect: level, threshold and whether it meets it.")
  var aspects = false

  @OptionGroup(title: "Connection options") var connection: SelfReviewConnectionOptions

  func run() async throws {
    let json = connection.json
    let (status, framework) = try await connection.withSelfReview { selfReview in
      let status = try await selfReview.client.getReviewStatus(
        SelfReview.GetReviewStatusRequest(schoolUrn: urn),
        options: selfReview.callOptions
      )
      // The framework gives the elements' titles and the Level 2 rule (not needed for JSON).
      let framework =
        json
        ? nil
        : try await selfReview.client.getFramework(
          SelfReview.GetFrameworkRequest(frameworkId: status.frameworkId),
          options: selfReview.callOptions
        )
      return (status, framework)
    }
    ResultPrinter.print(json: json, status) {
      ReviewStatusText.summary(status, framework: framework)
        + (aspects ? [""] + ReviewStatusText.aspects(status, framework: framework) : [])
    }
  }
}
