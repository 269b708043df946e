public import CharterValues
public import Contracts
public import Logging
public import ServiceLifecycle
public import Storage
import Synchronization

/// Applies another service's event feed to this service's own database, exactly once and in
/// order, across crashes and reconnections; one of a service's lifecycle tasks.
///
/// Events are applied in the same write transaction that records the last one's sequence as
/// this feed's position (``FeedPosition``), so after a crash the follower resumes right after
/// the last event whose effect committed; events at or before the position (redelivered after
/// a reconnect) are skipped. The stream is read while a transaction runs, and the next
/// transaction applies everything that arrived meanwhile (at most ``batchLimit`` events): a
/// live follower commits each event as it comes, one catching up commits hundreds at a time
/// instead of paying a commit per event. Failures to connect or to read back off with jitter
/// and retry. On graceful shutdown it stops following, after the transaction being applied.
public struct FeedFollower<Source: EventFeedSource>: Service, FeedLagReporting {
  public typealias Event = Source.Event
  /// How far the follower has got, for metrics.
  public let progress = FeedProgress()

  /// The feed's name in this database (`registry`): the key of its position.
  public let feed: String
  let source: Source
  let database: Database
  let apply: @Sendable (Event, Connection) throws -> Void
  let committed: (@Sendable (Event) -> Void)?
  let logger: Logger

  /// - Parameters:
  ///   - feed: a name for the feed in this database (e.g. `registry`).
  ///   - source: the typed client of the service whose feed this is.
  ///   - committed: told of each event applied, in order, once its transaction has committed
  ///     (delivery from the source only means the event is buffered).
  ///   - apply: the event's effect, run inside the write transaction that advances the position.
  public init(
    feed: String, source: Source, database: Database, logger: Logger,
    committed: (@Sendable (Event) -> Void)? = nil,
    apply: @escaping @Sendable (Event, Connection) throws -> Void
  ) {
    self.feed = feed
    self.source = source
    self.database = database
    self.apply = apply
    self.committed = committed
    self.logger = logger
  }

  /// The last sequence applied.
  public func position() async throws -> Int64 {
    let feed = self.feed
    return try await database.read { db in try FeedPosition.position(feed: feed, in: db) }
  }

  /// The most events one transaction applies: enough that catching up pays a commit per few
  /// hundred events, few enough that the service's own writes wait only milliseconds behind it.
  public static var batchLimit: Int { 256 }

  /// Applies one event unless it was applied before; returns whether it was applied.
  @discardableResult
  public func applyOnce(_ event: Event) async throws -> Bool {
    try await applyOnce([event]) == 1
  }

  /// Applies, in order and in one transaction, the events not applied before (those after the
  /// feed's position); returns how many were applied. If one fails, none of them is.
  @discardableResult
  public func applyOnce(_ events: [Event]) async throws -> Int {
    let feed = self.feed
    let apply = self.apply
    let applied = try await database.write { db in
      var position = try FeedPosition.position(feed: feed, in: db)
      var applied: [Event] = []
      for event in events where event.sequence > position {
        try apply(event, db)
        position = event.sequence
        applied.append(event)
      }
      if !applied.isEmpty { try FeedPosition.advance(feed: feed, to: position, in: db) }
      return applied
    }
    if let committed { applied.forEach(committed) }
    return applied.count
  }

  public func run() async throws {
    await cancelWhenGracefulShutdown { await follow() }
    logger.info("stopped following the feed", metadata: ["feed": "\(feed)"])
  }

  /// Follows the feed until the task is cancelled, reconnecting after failures.
  public func follow() async {
    var failures = 0
    while !Task.isCancelled {
      do {
        let after = try await position()
        progress.connected(at: after)
        try await followOnce(after: after)
        progress.disconnected()
        failures = 0
      } catch {
        progress.disconnected()
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

extension FeedFollower {
  /// One connection's worth of following: a reader task streams events into a bounded
  /// buffer while this task applies whatever the buffer holds, a transaction at a time.
  /// Returns when the stream ends; throws its failure, or the first failure to apply (which
  /// ends the stream), after applying the events that arrived before it.
  func followOnce(after: Int64) async throws {
    let buffer = FeedBuffer<(event: Event, head: Int64)>(capacity: Self.batchLimit)
    let source = self.source
    try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask {
        do {
          try await source.followEvents(after: after) { event, head in await buffer.send((event, head)) }
          buffer.finish()
        } catch {
          buffer.finish(throwing: error)
        }
      }
      do {
        while true {
          let received = try await buffer.receiveAll()
          guard let last = received.last else { break }
          try await applyOnce(received.map(\.event))
          progress.applied(last.event.sequence, occurredAt: last.event.occurredAt?.utcTime, head: last.head)
        }
      } catch {
        buffer.finish()
        group.cancelAll()
        throw error
      }
      try await group.waitForAll()
    }
  }
}

/// Where a follower is on its feed: the last sequence applied and when that event happened at
/// its source, the head it knows of, and whether it is connected.
public final class FeedProgress: Sendable {
  private let state = Mutex<(position: Int64, head: Int64, lastOccurred: UTCTime?, connected: Bool)>((0, 0, nil, false))

  public init() {}

  func connected(at position: Int64) {
    state.withLock {
      $0.position = position
      $0.head = max($0.head, position)
      $0.connected = true
    }
  }

  func applied(_ sequence: Int64, occurredAt: UTCTime?, head: Int64) {
    state.withLock {
      $0.position = sequence
      $0.head = max(head, sequence)
      if let occurredAt { $0.lastOccurred = occurredAt }
    }
  }

  func disconnected() { state.withLock { $0.connected = false } }

  /// The last sequence applied.
  public var position: Int64 { state.withLock { $0.position } }
  /// Events the source has that the follower has not applied (as far as it knows).
  public var eventsBehind: Int64 { state.withLock { max(0, $0.head - $0.position) } }
  /// Whether the follower is connected to its source.
  public var isConnected: Bool { state.withLock { $0.connected } }

  /// How old the newest applied event is while the follower is behind or disconnected; 0 once
  /// it is connected and has read to the head.
  public func secondsBehind(now: UTCTime) -> Double {
    state.withLock { state in
      guard !(state.connected && state.head <= state.position), let last = state.lastOccurred else { return 0 }
      let lag = last.duration(to: now)
      return max(0, Double(lag.components.seconds) + Double(lag.components.attoseconds) / 1e18)
    }
  }
}

/// A lifecycle task that follows a feed and can say how far behind it is.
public protocol FeedLagReporting: Sendable {
  var feed: String { get }
  var progress: FeedProgress { get }
}
