internal import ArgumentParser
internal import Contracts

/// What the commands that change one application share: its id as the first argument, the
/// connection options, and printing the application afterwards.
struct ApplicationArgument: ParsableArguments {
  @Argument(
    help: ArgumentHelp("The application, e.g. app-00c0ffee12345678.", valueName: "application"),
    transform: EvaluationArgumentParsing.identifier)
  var id: String
}

extension EvaluationConnectionOptions {
  /// Calls `body` on the evaluation service and prints the application it returns.
  func change(_ body: (EvaluationConnection) async throws -> Evaluation.Application) async throws {
    let application = try await withEvaluation(body)
    ResultPrinter.print(json: json, application) { EvaluationText.details(application) }
  }
}
