internal import ArgumentParser
internal import Contracts

/// `charter evaluation sign-code-of-practice`: the assessor signs the code of practice.
struct SignCodeOfPracticeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sign-code-of-practice",
    abstract: "Sign the assessors' code of practice (as the assessor); needed before any allocation.")

  @Argument(help: ArgumentHelp("Your assessor id (default: your own record).", valueName: "assessor"))
  var assessor: String?

  @OptionGroup(title: "Connection options") var connection: EvaluationConnectionOptions

  func run() async throws {
    let request = Evaluation.SignCodeOfPracticeRequest(assessorId: assessor ?? "")
    let signed = try await connection.withEvaluation { evaluation in
      try await evaluation.client.signCodeOfPractice(request, options: evaluation.callOptions)
    }
    ResultPrinter.print(json: connection.json, signed) { AssessorText.details(signed) }
  }
}
