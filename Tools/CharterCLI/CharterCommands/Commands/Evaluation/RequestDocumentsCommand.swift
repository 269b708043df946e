internal import ArgumentParser
internal import Contracts

/// `charter evaluation request-documents APPLICATION`: the assessor asks for documents before the visit.
struct RequestDocumentsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "request-documents", abstract: "Ask the school for key documents before the visit (the assessor).")

  @OptionGroup var application: ApplicationArgument

  @Argument(help: ArgumentHelp("The documents.", valueName: "document"))
  var documents: [String]

  @OptionGroup(title: "Connection options") var connection: EvaluationConnectionOptions

  func run() async throws {
    try await connection.change { evaluation in
      try await evaluation.client.requestDocuments(
        .init(applicationId: application.id, documents: documents), options: evaluation.callOptions)
    }
  }
}
