internal import ArgumentParser
internal import Contracts

/// `charter evaluation approve-award APPLICATION`: the programme admin approves the Mark.
struct ApproveAwardCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "approve-award",
    abstract: "Approve the award (programme admin): the Mark is awarded now, valid three years.")

  @OptionGroup var application: ApplicationArgument

  @OptionGroup(title: "Connection options") var connection: EvaluationConnectionOptions

  func run() async throws {
    try await connection.change { evaluation in
      try await evaluation.client.approveAward(.init(applicationId: application.id), options: evaluation.callOptions)
    }
  }
}
