public import Contracts
import FoundationEssentials
import RPCCore
public import Storage

/// The self-review service's own SQLite database: its view of the registry's schools, each
/// school's review (ratings, history, action plan), benchmark totals and the event outbox.
public final class SelfReviewStore: Sendable {
  public let database: Database

  public static func open(inDirectory directory: String) async throws -> SelfReviewStore {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    return try await open(path: directory + "/self-review.sqlite")
  }

  public static func open(path: String) async throws -> SelfReviewStore {
    let database = try Database(path: path)
    try await database.migrate(SelfReviewMigrations.migrator())
    return SelfReviewStore(database: database)
  }

  init(database: Database) { self.database = database }

  public func close() async { await database.close() }

  // MARK: events

  static func append(
    _ payload: SelfReview.SelfReviewEvent.Payload, school urn: String, actor: Common.Actor, at time: Date,
    in db: Connection
  ) throws {
    var event = SelfReview.SelfReviewEvent()
    event.occurredAt = Protobuf.Timestamp(secondsSince1970: time.timeIntervalSince1970)
    event.actor = actor
    event.schoolUrn = urn
    event.payload = payload
    try Outbox.append(eventType: payload.eventType, payload: try event.serializedBytes(), in: db)
  }

  /// Events after `sequence`, optionally of one school only.
  public func events(after sequence: Int64, limit: Int, school: String?) async throws -> [SelfReview.SelfReviewEvent] {
    try await database.read { db in
      var after = sequence
      var result: [SelfReview.SelfReviewEvent] = []
      // With a school filter, keep reading until a page has enough matches or the outbox ends.
      while result.count < limit {
        let batch = try Outbox.events(after: after, limit: limit, in: db)
        for stored in batch {
          after = stored.sequence
          var event = try SelfReview.SelfReviewEvent(serializedBytes: stored.payload)
          guard school == nil || event.schoolUrn == school else { continue }
          event.sequence = stored.sequence
          result.append(event)
        }
        if batch.count < limit { break }
      }
      return result
    }
  }

  // MARK: time

  static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

  static func timestamp(_ millis: Int64) -> Protobuf.Timestamp {
    Protobuf.Timestamp(secondsSince1970: Double(millis) / 1000)
  }
}

extension SelfReview.SelfReviewEvent.Payload {
  var eventType: String {
    switch self {
    case .reviewStarted: "review_started"
    case .aspectRated: "aspect_rated"
    case .elementReachedStandard: "element_reached_standard"
    case .elementFellBelowStandard: "element_fell_below_standard"
    case .level2RuleNowHolds: "level2_rule_now_holds"
    case .level2RuleNoLongerHolds: "level2_rule_no_longer_holds"
    case .frameworkReachedStandard: "framework_reached_standard"
    case .frameworkFellBelowStandard: "framework_fell_below_standard"
    }
  }
}
