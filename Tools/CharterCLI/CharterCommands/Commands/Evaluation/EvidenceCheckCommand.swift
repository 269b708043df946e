internal import ArgumentParser
internal import Contracts

/// `charter evaluation evidence-check APP --pass | --gap …`: the office's evidence check.
struct EvidenceCheckCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evidence-check",
    abstract: "Record the evidence check (programme office): --pass, or return it with each --gap.",
    discussion: "Give each gap as \"ASPECT: what is missing\" (e.g. \"2a1: no commentary\"), or just what is missing.")

  @OptionGroup var application: ApplicationArgument

  @Flag(help: "The evidence and commentary are sufficient.")
  var pass = false

  @Option(
    name: .customLong("gap"), help: ArgumentHelp("What is missing; repeat.", valueName: "gap"),
    transform: EvaluationArgumentParsing.gap)
  var gaps: [Evaluation.EvidenceGap] = []

  @Option(help: ArgumentHelp("Notes for the school or the assessor.", valueName: "text"))
  var note: String?

  @OptionGroup(title: "Connection options") var connection: EvaluationConnectionOptions

  func validate() throws {
    guard pass != !gaps.isEmpty else { throw ValidationError("give either --pass or at least one --gap") }
  }

  func run() async throws {
    let request = Evaluation.RecordEvidenceCheckRequest(
      applicationId: application.id, passed: pass, note: note ?? "", evidenceGaps: gaps)
    try await connection.change { evaluation in
      try await evaluation.client.recordEvidenceCheck(request, options: evaluation.callOptions)
    }
  }
}
