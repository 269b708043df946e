internal import ArgumentParser
internal import Contracts

/// `charter evaluation offer-dates APPLICATION`: the school offers days for the visit.
struct OfferDatesCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "offer-dates", abstract: "Offer the days the school can host the visit (the school).")

  @OptionGroup var application: ApplicationArgument

  @Argument(help: ArgumentHelp("The days, YYYY-MM-DD.", valueName: "date"), transform: EvaluationArgumentParsing.day)
  var dates: [Common.Date]

  @OptionGroup(title: "Connection options") var connection: EvaluationConnectionOptions

  func run() async throws {
    try await connection.change { evaluation in
      try await evaluation.client.offerVisitDates(
        .init(applicationId: application.id, dates: dates), options: evaluation.callOptions)
    }
  }
}
