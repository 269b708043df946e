internal import ArgumentParser
internal import Contracts

/// `charter evaluation schedule-visit APPLICATION`: the assessor agrees the visit.
struct ScheduleVisitCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "schedule-visit", abstract: "Agree the half-day visit on a day the school offered (the assessor).")

  @OptionGroup var application: ApplicationArgument

  @Option(
    help: ArgumentHelp("When it starts, e.g. 2010-03-02T09:30:00Z.", valueName: "time"),
    transform: EvaluationArgumentParsing.instant)
  var start: Protobuf.Timestamp

  @Option(
    name: .customLong("agenda"),
    help: ArgumentHelp("An agenda item, in order; repeat (default: the usual agenda).", valueName: "item"))
  var agenda: [String] = []

  @Option(
    name: .customLong("focus"), help: ArgumentHelp("An element to concentrate on; repeat.", valueName: "element"))
  var focus: [String] = []

  @OptionGroup(title: "Connection options") var connection: EvaluationConnectionOptions

  func run() async throws {
    try await connection.change { evaluation in
      try await evaluation.client.scheduleVisit(
        .init(applicationId: application.id, visit: .init(startsAt: start, agenda: agenda, focusElementIds: focus)),
        options: evaluation.callOptions)
    }
  }
}
