internal import ArgumentParser
internal import Contracts

/// `charter evaluation moderate APPLICATION`: the moderating lead assessor confirms or changes the outcome.
struct ModerateCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "moderate",
    abstract: "Moderate an outcome (the lead assessor): confirm it or change it; both are kept.")

  @OptionGroup var application: ApplicationArgument

  @Option(
    help: ArgumentHelp("met, not-met or referred.", valueName: "outcome"), transform: EvaluationArgumentParsing.outcome)
  var outcome: Evaluation.AssessmentOutcome

  @Option(help: ArgumentHelp("Notes.", valueName: "text"))
  var note: String?

  @Option(
    name: .customLong("gap"), help: ArgumentHelp("For a new referral: a gap to close; repeat.", valueName: "text"))
  var gaps: [String] = []

  @Option(
    help: ArgumentHelp("For a new referral: by when.", valueName: "date"), transform: EvaluationArgumentParsing.day)
  var deadline: Common.Date?

  @OptionGroup(title: "Connection options") var connection: EvaluationConnectionOptions

  func run() async throws {
    try await connection.change { evaluation in
      try await evaluation.client.recordModeration(
        .init(
          applicationId: application.id, moderatedOutcome: outcome, note: note ?? "", referralGaps: gaps,
          referralDeadline: deadline), options: evaluation.callOptions)
    }
  }
}
