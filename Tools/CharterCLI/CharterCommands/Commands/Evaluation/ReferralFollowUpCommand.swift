internal import ArgumentParser
internal import Contracts

/// `charter evaluation referral-follow-up APPLICATION`: the assessor records a referral's follow-up.
struct ReferralFollowUpCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "referral-follow-up",
    abstract: "Record a referral's follow-up evidence or short revisit: met or not-met (the assessor).")

  @OptionGroup var application: ApplicationArgument

  @Option(help: ArgumentHelp("evidence or revisit.", valueName: "kind"), transform: EvaluationArgumentParsing.followUp)
  var kind: Evaluation.ReferralFollowUpKind

  @Option(help: ArgumentHelp("met or not-met.", valueName: "outcome"), transform: EvaluationArgumentParsing.outcome)
  var outcome: Evaluation.AssessmentOutcome

  @Option(help: ArgumentHelp("Notes.", valueName: "text"))
  var note: String?

  @OptionGroup(title: "Connection options") var connection: EvaluationConnectionOptions

  func run() async throws {
    try await connection.change { evaluation in
      try await evaluation.client.recordReferralFollowUp(
        .init(applicationId: application.id, kind: kind, outcome: outcome, note: note ?? ""),
        options: evaluation.callOptions)
    }
  }
}
