internal import ArgumentParser
internal import Contracts

/// `charter evaluation allocate APP [--assessor ID]`: the office allocates an assessor.
struct AllocateCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "allocate",
    abstract: "Allocate an assessor, or confirm the school's choice (programme office).",
    discussion: """
      Refused, with the reason, for an assessor who supported or works for the school (or \
      works in its authority), whose conference has lapsed, who has not signed the code of \
      practice or who does not cover the school's phase or area: see `suggest-assessors`. A \
      moderated assessment (first, tenth, sampled) gets the least busy lead assessor unless \
      --moderator names one.
      """
  )

  @OptionGroup var application: ApplicationArgument

  @Option(help: ArgumentHelp("The assessor (default: the school's choice).", valueName: "assessor"))
  var assessor: String?

  @Option(help: ArgumentHelp("The moderating lead assessor.", valueName: "assessor"))
  var moderator: String?

  @OptionGroup(title: "Connection options") var connection: EvaluationConnectionOptions

  func run() async throws {
    let request = Evaluation.AllocateAssessorRequest(
      applicationId: application.id, assessorId: assessor ?? "", moderatorAssessorId: moderator ?? "")
    try await connection.change { evaluation in
      try await evaluation.client.allocateAssessor(request, options: evaluation.callOptions)
    }
  }
}
