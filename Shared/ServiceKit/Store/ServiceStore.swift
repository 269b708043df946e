public import CharterValues
public import Contracts
import FoundationEssentials
public import RPCCore
public import Storage

/// What every service's store is built on: its SQLite file opened and migrated, its event
/// outbox (append in the same transaction as the change, read back, stream to subscribers),
/// the positions of the feeds it follows, and the clock it stamps changes with.
///
/// A service's store is this type specialised to its ``ServiceSchema``; its own tables and
/// queries are extensions of that specialisation:
///
/// ```swift
/// public typealias RegistryStore = ServiceStore<RegistrySchema>
/// let store = try await RegistryStore.open(inDirectory: settings.dataDirectory)
/// ```
public final class ServiceStore<Schema: ServiceSchema>: Sendable {
  public typealias Event = Schema.Event
  /// The service the store belongs to (the file is `<name>.sqlite`).
  public var service: CharterService { Schema.service }
  public let database: Database
  /// Where the store reads the time it stamps changes and events with.
  public let clock: any WallClock
  private let feedStreamsEnd = ShutdownSignal()

  /// Opens (creating if needed) `<directory>/<service name>.sqlite` and migrates it: the outbox
  /// and feed positions every store has, then the schema's own migrations.
  /// - Throws: when the directory or file cannot be created or opened, or a migration fails.
  public static func open(inDirectory directory: String, clock: any WallClock = SystemWallClock()) async throws
    -> ServiceStore
  {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    return try await open(path: directory + "/\(Schema.service.name).sqlite", clock: clock)
  }

  /// Opens a database file (or `":memory:"`, for domain tests) and migrates it.
  public static func open(path: String, clock: any WallClock = SystemWallClock()) async throws -> ServiceStore {
    var migrator = Migrator()
    try Outbox.registerMigration(in: &migrator)
    try FeedPosition.registerMigration(in: &migrator)
    try Schema.registerMigrations(in: &migrator)
    let database = try Database(path: path, configuration: .init(pageCacheBytes: Schema.pageCacheBytes))
    do {
      try await database.migrate(migrator)
    } catch {
      await database.close()
      throw error
    }
    return ServiceStore(database: database, clock: clock)
  }

  init(database: Database, clock: any WallClock) {
    self.database = database
    self.clock = clock
  }

  /// The current time by the store's clock.
  public var now: UTCTime { clock.now() }

  /// Ends the open event streams, then closes the database (after the transactions already
  /// submitted).
  public func close() async {
    endFeedStreams()
    await database.close()
  }

  // MARK: the outbox

  /// Appends an event inside the caller's write transaction: it commits or rolls back with
  /// the change it announces.
  ///
  /// - Parameters:
  ///   - at: when it happened; the store's clock by default.
  ///   - describe: fills in the event's own fields (actor, school), beyond the payload.
  /// - Returns: the event's sequence.
  @discardableResult
  public func append(
    _ payload: Event.Payload, at time: UTCTime? = nil, in db: Connection, describe: (inout Event) -> Void = { _ in }
  ) throws -> Int64 {
    var event = Event()
    event.occurredAt = Protobuf.Timestamp(time ?? now)
    event.payload = payload
    describe(&event)
    return try Outbox.append(eventType: Event.eventType(of: payload), payload: try event.serializedBytes(), in: db)
  }

  /// The events after `sequence`, oldest first, at most `limit` of those `including` accepts
  /// (all by default), with their sequences set.
  public func events(
    after sequence: Int64, limit: Int, including: (@Sendable (Event) -> Bool)? = nil
  ) async throws -> [Event] {
    try await database.read { db in try Self.events(after: sequence, limit: limit, including: including, in: db).events
    }
  }

  /// Reads events in pages of `limit` until `limit` of them are accepted or the outbox ends;
  /// also returns the last sequence looked at, so a filtered stream moves past the rest.
  static func events(
    after sequence: Int64, limit: Int, including: (@Sendable (Event) -> Bool)?, in db: Connection
  ) throws -> (events: [Event], scannedTo: Int64) {
    var after = sequence
    var result: [Event] = []
    while result.count < limit {
      let batch = try Outbox.events(after: after, limit: limit, in: db)
      for stored in batch {
        after = stored.sequence
        var event = try Event(serializedBytes: stored.payload)
        event.sequence = stored.sequence
        if including?(event) ?? true { result.append(event) }
      }
      if batch.count < limit { break }
    }
    return (result, after)
  }

  /// The latest sequence committed to the outbox (0 when it is empty).
  public func latestSequence() async throws -> Int64 {
    try await database.read { db in try Outbox.latestSequence(in: db) }
  }

  /// Serves a `StreamEvents` call: every event after the requested sequence in order, then
  /// live events as their transactions commit (with `stop_at_head`, only those already
  /// committed). When the service shuts down, a stream waiting for live events ends with
  /// UNAVAILABLE at once, so a follower reconnects (here after a restart, or elsewhere) rather
  /// than holding the drain open.
  ///
  /// - Parameters:
  ///   - context: the call's context, to announce the feed's head (``FeedHead``) to followers.
  ///   - including: the events this caller may see or asked for (all by default).
  /// - Throws: INVALID_ARGUMENT for a negative `after_sequence`; UNAVAILABLE at shutdown.
  public func streamEvents(
    _ request: some FeedRequest, to writer: RPCResponseWriter<Event>, context: ServerContext? = nil,
    batchSize: Int = 512, including: (@Sendable (Event) -> Bool)? = nil
  ) async throws {
    guard request.afterSequence >= 0 else {
      throw RPCError(code: .invalidArgument, message: "after_sequence must not be negative")
    }
    // Followers learn how far behind they are from the head announced with the first event.
    context?.response.addInitial(FeedHead.metadataKey, .string(String(try await latestSequence())))
    var after = request.afterSequence
    while true {
      try Task.checkCancellation()
      if feedStreamsEnd.hasFired { throw Self.shuttingDown }
      let start = after
      let (batch, scannedTo) = try await database.read { db in
        try Self.events(after: start, limit: batchSize, including: including, in: db)
      }
      for event in batch { try await writer.write(event) }
      after = scannedTo
      // A short batch means the read reached the end of the outbox.
      if batch.count == batchSize { continue }
      if request.stopAtHead { return }
      try await waitForEvents(after: after)
    }
  }

  /// Returns when events after `sequence` are committed; throws UNAVAILABLE when feed streams
  /// are ended first.
  private func waitForEvents(after sequence: Int64) async throws {
    let database = self.database
    let end = feedStreamsEnd
    let ended = try await withThrowingTaskGroup(of: Bool.self) { group in
      group.addTask {
        _ = try await Outbox.waitForEvents(after: sequence, in: database)
        return false
      }
      group.addTask {
        await end.wait()
        return true
      }
      defer { group.cancelAll() }
      return try await group.next() ?? true
    }
    if ended { throw Self.shuttingDown }
  }

  /// Ends every open `StreamEvents` call (and refuses new ones) with UNAVAILABLE: the first
  /// step of a service's shutdown.
  public func endFeedStreams() { feedStreamsEnd.fire() }

  private static var shuttingDown: RPCError {
    RPCError(code: .unavailable, message: "the service is shutting down; reconnect to continue the feed")
  }
}
