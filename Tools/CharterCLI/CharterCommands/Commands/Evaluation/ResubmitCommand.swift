internal import ArgumentParser
internal import Contracts

/// `charter evaluation resubmit APPLICATION`: the school resubmits after its evidence was returned.
struct ResubmitCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "resubmit", abstract: "Resubmit the evidence after it was returned (the school); the check runs again."
  )

  @OptionGroup var application: ApplicationArgument

  @Option(help: ArgumentHelp("What the school changed.", valueName: "text"))
  var note: String?

  @OptionGroup(title: "Connection options") var connection: EvaluationConnectionOptions

  func run() async throws {
    try await connection.change { evaluation in
      try await evaluation.client.resubmitEvidence(
        .init(applicationId: application.id, note: note ?? ""), options: evaluation.callOptions)
    }
  }
}
