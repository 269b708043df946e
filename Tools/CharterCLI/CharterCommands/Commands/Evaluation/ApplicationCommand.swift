internal import ArgumentParser
internal import Contracts

/// `charter evaluation application APP`: one application in full, with its timeline.
struct ApplicationCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "application", abstract: "Show an application in full, with its timeline.")

  @OptionGroup var application: ApplicationArgument

  @OptionGroup(title: "Connection options") var connection: EvaluationConnectionOptions

  func run() async throws {
    try await connection.change { evaluation in
      try await evaluation.client.getApplication(.init(applicationId: application.id), options: evaluation.callOptions)
    }
  }
}
