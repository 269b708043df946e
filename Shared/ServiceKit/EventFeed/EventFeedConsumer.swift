public import Logging
public import Storage

/// Applies another service's event feed to this service's own database, exactly once and in
/// order, across crashes and reconnections.
///
/// Each event is applied in the same write transaction that records its sequence as this
/// feed's position (``FeedPosition``), so after a crash the consumer resumes right after the
/// last event whose effect committed; events at or before the position (redelivered after a
/// reconnect) are skipped. Failures to connect or to read back off with jitter and retry.
public struct EventFeedConsumer<Event: Sendable>: Sendable {
  /// Opens the feed after a sequence and calls `deliver` for each event until the stream
  /// ends or fails.
  public typealias Subscribe =
    @Sendable (
      _ after: Int64, _ deliver: @escaping @Sendable (Event) async throws -> Void
    ) async throws -> Void

  public let feed: String
  let database: Database
  let subscribe: Subscribe
  let sequence: @Sendable (Event) -> Int64
  let apply: @Sendable (Event, Connection) throws -> Void
  let logger: Logger

  /// - Parameters:
  ///   - feed: a name for the feed in this database (e.g. `registry`).
  ///   - apply: the event's effect, run inside the write transaction that advances the position.
  public init(
    feed: String, database: Database, logger: Logger,
    subscribe: @escaping Subscribe,
    sequence: @escaping @Sendable (Event) -> Int64,
    apply: @escaping @Sendable (Event, Connection) throws -> Void
  ) {
    self.feed = feed
    self.database = database
    self.subscribe = subscribe
    self.sequence = sequence
    self.apply = apply
    self.logger = logger
  }

  /// The last sequence applied.
  public func position() async throws -> Int64 {
    let feed = self.feed
    return try await database.read { db in try FeedPosition.position(feed: feed, in: db) }
  }

  /// Applies one event unless it was applied before; returns whether it was applied.
  @discardableResult
  public func applyOnce(_ event: Event) async throws -> Bool {
    let feed = self.feed
    let seq = sequence(event)
    let apply = self.apply
    return try await database.write { db in
      guard seq > (try FeedPosition.position(feed: feed, in: db)) else { return false }
      try apply(event, db)
      try FeedPosition.advance(feed: feed, to: seq, in: db)
      return true
    }
  }

  /// Follows the feed until the task is cancelled, reconnecting after failures.
  public func run() async {
    var failures = 0
    while !Task.isCancelled {
      do {
        let after = try await position()
        try await subscribe(after) { event in
          try await self.applyOnce(event)
        }
        failures = 0
      } catch {
        if Task.isCancelled { return }
        failures += 1
        let ceiling = min(5.0, 0.1 * Double(1 << min(failures, 6)))
        logger.warning(
          "event feed interrupted; reconnecting",
          metadata: ["feed": "\(feed)", "error": "\(error)", "retry_in_s": "\(ceiling)"])
        try? await Task.sleep(for: .milliseconds(Int64(Double.random(in: ceiling / 2...ceiling) * 1000)))
      }
    }
  }
}
