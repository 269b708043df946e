public import CharterValues
public import Contracts
import FoundationEssentials
public import ServiceKit
public import Storage

/// The self-review service's own SQLite database: each school's review (ratings, history,
/// action plan) and benchmark totals, beside its replica of the registry's schools, on the
/// service store base (outbox, clock).
public typealias SelfReviewStore = ServiceStore<SelfReviewSchema>

extension SelfReviewStore {
  func append(
    _ payload: SelfReview.SelfReviewEvent.Payload, school urn: String, actor: Common.Actor, at time: UTCTime,
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
