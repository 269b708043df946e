internal import ArgumentParser
internal import Contracts

/// `charter evaluation record-payment APPLICATION`: the programme office records the fee.
struct RecordPaymentCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "record-payment",
    abstract: "Record that the fee was paid (programme office); the evidence check starts.")

  @OptionGroup var application: ApplicationArgument

  @Option(help: ArgumentHelp("The invoice paid (default: the application's).", valueName: "reference"))
  var invoice: String?

  @OptionGroup(title: "Connection options") var connection: EvaluationConnectionOptions

  func run() async throws {
    try await connection.change { evaluation in
      try await evaluation.client.recordPayment(
        .init(applicationId: application.id, invoiceReference: invoice ?? ""), options: evaluation.callOptions)
    }
  }
}
