internal import ArgumentParser
internal import CharterValues
internal import Contracts
internal import RPCCore

/// `charter evaluation …`.
enum EvaluationTarget: CommandTarget {
  static let displayName = "evaluation service"
  static let address = CharterService.evaluation
  static func client(_ rpc: RPCClient) -> Evaluation.Client { Evaluation.Client(rpc) }
}

typealias EvaluationConnection = CommandConnection<Evaluation.Client>
typealias EvaluationConnectionOptions = TargetConnectionOptions<EvaluationTarget>

extension TargetConnectionOptions where Target == EvaluationTarget {
  func withEvaluation<Result>(_ body: (EvaluationConnection) async throws -> Result) async throws -> Result {
    try await withService(body)
  }
}
