internal import ArgumentParser
internal import Contracts

/// `charter evaluation resolve-concern APPLICATION`: the school answers a cause for concern.
struct ResolveConcernCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "resolve-concern",
    abstract: "Answer a cause for concern (the school): evidence-added, deferred or withdrawn.")

  @OptionGroup var application: ApplicationArgument

  @Option(
    help: ArgumentHelp("evidence-added, deferred or withdrawn.", valueName: "resolution"),
    transform: EvaluationArgumentParsing.resolution)
  var resolution: Evaluation.ConcernResolution

  @Option(help: ArgumentHelp("The concern (default: the latest open one).", valueName: "id"))
  var concern: String?

  @Option(help: ArgumentHelp("Notes (required to withdraw).", valueName: "text"))
  var note: String?

  @OptionGroup(title: "Connection options") var connection: EvaluationConnectionOptions

  func run() async throws {
    try await connection.change { evaluation in
      try await evaluation.client.resolveCauseForConcern(
        .init(applicationId: application.id, concernId: concern ?? "", resolution: resolution, note: note ?? ""),
        options: evaluation.callOptions)
    }
  }
}
