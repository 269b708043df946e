internal import ArgumentParser
internal import Contracts

/// `charter evaluation accept APPLICATION`: the allocated assessor accepts.
struct AcceptAllocationCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "accept", abstract: "Accept an allocation (the assessor); the pre-visit review starts.")

  @OptionGroup var application: ApplicationArgument

  @OptionGroup(title: "Connection options") var connection: EvaluationConnectionOptions

  func run() async throws {
    try await connection.change { evaluation in
      try await evaluation.client.acceptAllocation(
        .init(applicationId: application.id), options: evaluation.callOptions)
    }
  }
}
