internal import ArgumentParser
internal import Contracts

/// `charter evaluation timeline APP`: each step of an application, who, when.
struct TimelineCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "timeline",
    abstract: "Print an application's timeline: each step, who took it, when, and the state it left and entered.")

  @OptionGroup var application: ApplicationArgument

  @OptionGroup(title: "Connection options") var connection: EvaluationConnectionOptions

  func run() async throws {
    let found = try await connection.withEvaluation { evaluation in
      try await evaluation.client.getApplication(.init(applicationId: application.id), options: evaluation.callOptions)
    }
    ResultPrinter.print(json: connection.json, found) {
      [
        "application \(found.applicationId), school \(found.schoolUrn), \(EvaluationSyntax.route(found.route)) route, "
          + "now \(EvaluationSyntax.state(found.state))", "",
      ] + EvaluationText.timeline(found.history)
    }
  }
}
