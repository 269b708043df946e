internal import ArgumentParser
internal import Contracts

/// `charter evaluation suggest-assessors APP`: who could take the application, best first.
struct SuggestAssessorsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "suggest-assessors",
    abstract: "Rank the assessors who could take an application, and say why the others cannot.")

  @OptionGroup var application: ApplicationArgument

  @Option(help: ArgumentHelp("Most suggestions (default 10).", valueName: "n"))
  var limit: Int32 = 0

  @OptionGroup(title: "Connection options") var connection: EvaluationConnectionOptions

  func run() async throws {
    let request = Evaluation.SuggestAssessorsRequest(applicationId: application.id, limit: limit)
    let response = try await connection.withEvaluation { evaluation in
      try await evaluation.client.suggestAssessors(request, options: evaluation.callOptions)
    }
    ResultPrinter.print(json: connection.json, response) { AssessorText.suggestions(response) }
  }
}
