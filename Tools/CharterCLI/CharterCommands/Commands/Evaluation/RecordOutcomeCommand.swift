internal import ArgumentParser
internal import Contracts

/// `charter evaluation record-outcome APP --outcome O …`: the assessor's outcome and report.
struct RecordOutcomeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "record-outcome",
    abstract: "Record the outcome and report after the visit or desk review (the assessor).",
    discussion: """
      The report needs --context and at least three --strength and three --area; a referral \
      also each --gap and a --deadline.
      """
  )

  @OptionGroup var application: ApplicationArgument

  @Option(
    help: ArgumentHelp("met, not-met or referred.", valueName: "outcome"), transform: EvaluationArgumentParsing.outcome)
  var outcome: Evaluation.AssessmentOutcome

  @Option(help: ArgumentHelp("Commentary on the school's context.", valueName: "text"))
  var context: String

  @Option(name: .customLong("strength"), help: ArgumentHelp("A strength; repeat (three or more).", valueName: "text"))
  var strengths: [String] = []

  @Option(
    name: .customLong("area"), help: ArgumentHelp("An area for development; repeat (three or more).", valueName: "text")
  )
  var areas: [String] = []

  @Option(name: .customLong("gap"), help: ArgumentHelp("For a referral: a gap to close; repeat.", valueName: "text"))
  var gaps: [String] = []

  @Option(help: ArgumentHelp("For a referral: by when.", valueName: "date"), transform: EvaluationArgumentParsing.day)
  var deadline: Common.Date?

  @OptionGroup(title: "Connection options") var connection: EvaluationConnectionOptions

  func run() async throws {
    let report = Evaluation.AssessmentReport(
      outcome: outcome, contextCommentary: context, strengths: strengths, areasForDevelopment: areas,
      referralGaps: gaps,
      referralDeadline: deadline)
    try await connection.change { evaluation in
      try await evaluation.client.recordAssessmentOutcome(
        .init(applicationId: application.id, report: report), options: evaluation.callOptions)
    }
  }
}
