internal import ArgumentParser
internal import Contracts

/// `charter evaluation record-conference ASSESSOR --date D`: the office records the annual
/// assessor conference.
struct RecordConferenceCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "record-conference",
    abstract: "Record that an assessor attended the annual assessor conference (programme office).",
    discussion: "An assessor whose last conference is more than twelve months old cannot be allocated.")

  @Argument(help: ArgumentHelp("The assessor.", valueName: "assessor"), transform: EvaluationArgumentParsing.identifier)
  var assessor: String

  @Option(help: ArgumentHelp("The day of the conference.", valueName: "date"), transform: EvaluationArgumentParsing.day)
  var date: Common.Date

  @OptionGroup(title: "Connection options") var connection: EvaluationConnectionOptions

  func run() async throws {
    let request = Evaluation.RecordAssessorConferenceRequest(assessorId: assessor, attendedOn: date)
    let recorded = try await connection.withEvaluation { evaluation in
      try await evaluation.client.recordAssessorConference(request, options: evaluation.callOptions)
    }
    ResultPrinter.print(json: connection.json, recorded) { AssessorText.details(recorded) }
  }
}
