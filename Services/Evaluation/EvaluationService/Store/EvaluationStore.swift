public import CharterValues
public import Contracts
public import ServiceKit
public import Storage

/// The evaluation service's own SQLite database: assessors, applications and their steps, and
/// what it learns from its peers' feeds (the registry's schools and assessors, the
/// self-review's standings), on the service store base (outbox, clock).
public typealias EvaluationStore = ServiceStore<EvaluationSchema>

extension EvaluationStore {
  /// Appends an event about a school (or about no school: an assessor) inside `db`'s
  /// transaction.
  func append(
    _ payload: Evaluation.EvaluationEvent.Payload, school urn: String = "", actor: Common.Actor, at time: UTCTime,
    in db: Connection
  ) throws {
    try append(payload, at: time, in: db) { event in
      event.actor = actor
      event.schoolUrn = urn
    }
  }
}

extension Protobuf.Timestamp {
  /// The instant a store keeps as milliseconds since the Unix epoch.
  init(milliseconds: Int64) { self.init(UTCTime(millisecondsSince1970: milliseconds)) }
}

extension Common.Actor {
  /// The evaluation service itself, as the actor of what its scheduler does.
  static let evaluationService = Common.Actor(
    principal: .serviceName(CharterService.evaluation.executable), displayName: CharterService.evaluation.executable)
}
