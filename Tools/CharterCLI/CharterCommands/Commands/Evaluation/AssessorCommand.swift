internal import ArgumentParser
internal import Contracts

/// `charter evaluation assessor ID`: one assessor in full.
struct AssessorCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "assessor", abstract: "Show one assessor.")

  @Argument(help: ArgumentHelp("The assessor.", valueName: "assessor"), transform: EvaluationArgumentParsing.identifier)
  var assessor: String

  @OptionGroup(title: "Connection options") var connection: EvaluationConnectionOptions

  func run() async throws {
    let found = try await connection.withEvaluation { evaluation in
      try await evaluation.client.getAssessor(.init(assessorId: assessor), options: evaluation.callOptions)
    }
    ResultPrinter.print(json: connection.json, found) { AssessorText.details(found) }
  }
}
