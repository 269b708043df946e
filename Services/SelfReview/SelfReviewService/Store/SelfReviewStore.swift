public import CharterValues
public import Contracts
import FoundationEssentials
public import ServiceKit
public import Storage

/// The self-review service's own SQLite database: each school's review (ratings, history,
/// action plan) and benchmark totals, beside its replica of the registry's schools, on the
/// service store base (outbox, clock).
public final class SelfReviewStore: Sendable {
  public let base: ServiceStore<SelfReview.SelfReviewEvent>
  public var database: Database { base.database }

  public static func open(inDirectory directory: String, clock: any WallClock = SystemWallClock()) async throws
    -> SelfReviewStore
  {
    SelfReviewStore(
      base: try await .open(
        .selfReview, inDirectory: directory, clock: clock, migrations: SelfReviewMigrations.register)
    )
  }

  public static func open(path: String, clock: any WallClock = SystemWallClock()) async throws -> SelfReviewStore {
    SelfReviewStore(
      base: try await .open(.selfReview, path: path, clock: clock, migrations: SelfReviewMigrations.register))
  }

  init(base: ServiceStore<SelfReview.SelfReviewEvent>) { self.base = base }

  public func close() async { await base.close() }

  func append(
    _ payload: SelfReview.SelfReviewEvent.Payload, school urn: String, actor: Common.Actor, at time: UTCTime,
    in db: Connection
  ) throws {
    try base.append(payload, at: time, in: db) { event in
      event.actor = actor
      event.schoolUrn = urn
    }
  }
}

extension Protobuf.Timestamp {
  /// The instant a store keeps as milliseconds since the Unix epoch.
  init(milliseconds: Int64) { self.init(UTCTime(millisecondsSince1970: milliseconds)) }
}
