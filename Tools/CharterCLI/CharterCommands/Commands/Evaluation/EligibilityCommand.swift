internal import ArgumentParser
internal import Contracts

/// `charter evaluation eligibility URN`: may the school apply now, and if not, why.
struct EligibilityCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eligibility", abstract: "Say whether a school may apply for the ICT Mark now, and why not.")

  @Argument(help: "The school's URN.", transform: ArgumentParsing.urn)
  var urn: String

  @OptionGroup(title: "Connection options") var connection: EvaluationConnectionOptions

  func run() async throws {
    let eligibility = try await connection.withEvaluation { evaluation in
      try await evaluation.client.getEligibility(.init(schoolUrn: urn), options: evaluation.callOptions)
    }
    ResultPrinter.print(json: connection.json, eligibility) { EvaluationText.eligibility(eligibility) }
  }
}
