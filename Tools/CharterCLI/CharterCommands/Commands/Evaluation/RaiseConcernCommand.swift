internal import ArgumentParser
internal import Contracts

/// `charter evaluation raise-concern APPLICATION`: the assessor raises a cause for concern.
struct RaiseConcernCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "raise-concern", abstract: "Raise a cause for concern in the pre-visit review (the assessor).")

  @OptionGroup var application: ApplicationArgument

  @Option(help: ArgumentHelp("What worries the assessor.", valueName: "text"))
  var description: String

  @Option(name: .customLong("document"), help: ArgumentHelp("A document asked for; repeat.", valueName: "document"))
  var documents: [String] = []

  @OptionGroup(title: "Connection options") var connection: EvaluationConnectionOptions

  func run() async throws {
    try await connection.change { evaluation in
      try await evaluation.client.raiseCauseForConcern(
        .init(applicationId: application.id, description: description, requestedDocuments: documents),
        options: evaluation.callOptions)
    }
  }
}
