/// A service's transactional outbox: the feed of events it publishes to other services.
///
/// A change and the event announcing it are written in the same write transaction, so the
/// event exists if and only if the change committed; there is no window where a crash loses
/// the event or publishes one for a change that never happened. The feed streams the events
/// in `sequence` order, and sequences are gap-free and never reused (the table is
/// `AUTOINCREMENT`, and an append that rolls back gives its number back), so a consumer can
/// resume from the last sequence it applied. See ``FeedPosition`` for the consuming side.
///
/// ```swift
/// try Outbox.registerMigration(in: &migrator)
/// try await database.write { db in
///   try db.execute(sql: "INSERT INTO school (name) VALUES (?)", arguments: [name])
///   try Outbox.append(eventType: "school.registered", payload: bytes, in: db)
/// }
/// ```
public enum Outbox {
  /// The id of the migration creating the `outbox_event` table. Never change it.
  public static let migrationID = "storage-v1-create-outbox-event"

  /// Registers the migration that creates the `outbox_event` table.
  ///
  /// - Throws: ``MigrationError`` when it is already registered.
  public static func registerMigration(in migrator: inout Migrator) throws(MigrationError) {
    try migrator.register(migrationID) { db in
      try db.execute(
        script: """
          CREATE TABLE outbox_event (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            event_type TEXT NOT NULL CHECK (event_type <> ''),
            payload BLOB NOT NULL,
            recorded_at INTEGER NOT NULL
          ) STRICT;
          """
      )
    }
  }

  /// Appends an event in the write transaction of `db`; it commits or rolls back with it.
  ///
  /// - Parameters:
  ///   - eventType: A non-empty name for what happened.
  ///   - payload: The encoded event.
  ///   - db: The connection of an open write transaction.
  /// - Returns: The event's sequence number.
  /// - Throws: ``DatabaseError``: ``DatabaseError/Code/readOnly`` in a read transaction,
  ///   ``DatabaseError/isCheckViolation`` for an empty event type.
  @discardableResult
  public static func append(eventType: String, payload: [UInt8], in db: Connection)
    throws(DatabaseError) -> Int64
  {
    try db.execute(
      sql: "INSERT INTO outbox_event (event_type, payload, recorded_at) VALUES (?, ?, ?)",
      arguments: [eventType, payload, UnixTime.nowMilliseconds()]
    )
    db.checkedCore.noteAppendedEvent()
    return db.lastInsertedRowID
  }

  /// The events with a sequence greater than `sequence`, oldest first, at most `limit`.
  ///
  /// - Throws: ``DatabaseError``.
  public static func events(after sequence: Int64, limit: Int, in db: Connection)
    throws(DatabaseError) -> [OutboxEvent]
  {
    guard limit > 0 else { return [] }
    let rows = try db.fetchAll(
      sql: """
        SELECT sequence, event_type, payload, recorded_at FROM outbox_event
        WHERE sequence > ? ORDER BY sequence LIMIT ?
        """,
      arguments: [sequence, limit]
    )
    return try rows.map { row throws(DatabaseError) in
      do {
        return OutboxEvent(
          sequence: try row.value(at: 0),
          eventType: try row.value(at: 1),
          payload: try row.value(at: 2),
          recordedAt: try row.value(at: 3)
        )
      } catch {
        // The STRICT table guarantees these types; a mismatch means a corrupt schema.
        throw DatabaseError(
          extendedCode: .mismatch,
          message: "outbox_event row does not match its schema: \(error)"
        )
      }
    }
  }

  /// The greatest sequence ever appended and visible to this transaction, or 0 when none.
  ///
  /// Read from `sqlite_sequence`, so it stays correct when old events are pruned. Read in a
  /// `read { }` transaction it is the latest committed sequence.
  ///
  /// - Throws: ``DatabaseError``.
  public static func latestSequence(in db: Connection) throws(DatabaseError) -> Int64 {
    let row = try db.fetchOne(
      sql: "SELECT seq FROM sqlite_sequence WHERE name = ?",
      arguments: ["outbox_event"]
    )
    guard let row else { return 0 }
    do {
      return try row.value(Int64.self, at: 0)
    } catch {
      throw DatabaseError(
        extendedCode: .mismatch,
        message: "sqlite_sequence holds a non-integer: \(error)"
      )
    }
  }

  /// Waits until a transaction that appended events has committed a sequence greater than
  /// `sequence`, and returns the latest committed sequence.
  ///
  /// Returns at once when such events are already committed. Otherwise it suspends, without
  /// polling, until a commit announces them; events of a transaction that rolled back never
  /// wake it. Only events appended through ``append(eventType:payload:in:)`` are announced.
  ///
  /// - Throws: `CancellationError` promptly when the task is cancelled; ``DatabaseError`` when
  ///   the database closes first or the outbox table is missing.
  public static func waitForEvents(after sequence: Int64, in database: Database) async throws
    -> Int64
  {
    let notifier = database.notifier
    if notifier.committed == nil {
      // Seed the latest committed sequence. The read runs on the worker, ordered with the
      // commits that publish, so no commit between this read and the wait below is missed.
      try await database.read { db in
        notifier.publish(committed: try latestSequence(in: db))
      }
    }
    return try await notifier.wait(after: sequence)
  }

  /// The number of tasks currently suspended in ``waitForEvents(after:in:)`` on `database`:
  /// typically the feed subscribers connected to the service, for metrics.
  public static func waiterCount(in database: Database) -> Int {
    database.notifier.waiterCount
  }
}
