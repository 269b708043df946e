internal import ArgumentParser
internal import Contracts

/// `charter evaluation withdraw APPLICATION`: withdraws an application in progress.
struct WithdrawCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "withdraw", abstract: "Withdraw an application in progress (the school's admins or the office).")

  @OptionGroup var application: ApplicationArgument

  @Option(help: ArgumentHelp("Why.", valueName: "text"))
  var reason: String

  @OptionGroup(title: "Connection options") var connection: EvaluationConnectionOptions

  func run() async throws {
    try await connection.change { evaluation in
      try await evaluation.client.withdrawApplication(
        .init(applicationId: application.id, reason: reason), options: evaluation.callOptions)
    }
  }
}
