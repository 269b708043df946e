/// How far a service has consumed another service's event feed, stored in its own database.
///
/// A consumer applies an event and advances its position for that feed in the same write
/// transaction. After a crash, the position and the effects agree, so resuming from
/// ``position(feed:in:)`` applies every event exactly once.
///
/// Positions only move forward: ``advance(feed:to:in:)`` requires a strictly greater sequence
/// and throws ``FeedPositionError`` otherwise, which catches an event applied twice. Skipping
/// ahead is allowed, because a consumer may apply a batch in one transaction or ignore event
/// types it does not use.
///
/// ```swift
/// try await database.write { db in
///   guard event.sequence > (try FeedPosition.position(feed: "registry", in: db)) else { return }
///   try apply(event, in: db)
///   try FeedPosition.advance(feed: "registry", to: event.sequence, in: db)
/// }
/// ```
public enum FeedPosition {
  /// The id of the migration creating the `feed_position` table. Never change it.
  public static let migrationID = "storage-v1-create-feed-position"

  /// Registers the migration that creates the `feed_position` table.
  ///
  /// - Throws: ``MigrationError`` when it is already registered.
  public static func registerMigration(in migrator: inout Migrator) throws(MigrationError) {
    try migrator.register(migrationID) { db in
      try db.execute(
        script: """
          CREATE TABLE feed_position (
            feed TEXT PRIMARY KEY NOT NULL CHECK (feed <> ''),
            sequence INTEGER NOT NULL CHECK (sequence > 0),
            updated_at INTEGER NOT NULL
          ) STRICT;
          """
      )
    }
  }

  /// The last sequence applied from `feed`, or 0 when nothing has been applied yet.
  ///
  /// - Throws: ``DatabaseError``.
  public static func position(feed: String, in db: Connection) throws(DatabaseError) -> Int64 {
    let row = try db.fetchOne(
      sql: "SELECT sequence FROM feed_position WHERE feed = ?",
      arguments: [feed]
    )
    guard let row else { return 0 }
    do {
      return try row.value(Int64.self, at: 0)
    } catch {
      throw DatabaseError(
        extendedCode: .mismatch,
        message: "feed_position row does not match its schema: \(error)"
      )
    }
  }

  /// Records that `feed` has been applied up to and including `sequence`, in the write
  /// transaction of `db` that applied it.
  ///
  /// - Throws: ``FeedPositionError`` when `sequence` is not greater than the current position
  ///   (the transaction should then roll back, which throwing it out of the closure does);
  ///   ``DatabaseError`` when the statement fails, for example in a read transaction.
  public static func advance(feed: String, to sequence: Int64, in db: Connection) throws {
    guard sequence > 0 else {
      throw FeedPositionError(
        feed: feed,
        current: try position(feed: feed, in: db),
        requested: sequence
      )
    }
    // One statement both checks and moves: the update only happens when it goes forward.
    try db.execute(
      sql: """
        INSERT INTO feed_position (feed, sequence, updated_at) VALUES (?, ?, ?)
        ON CONFLICT (feed) DO UPDATE SET
          sequence = excluded.sequence, updated_at = excluded.updated_at
        WHERE excluded.sequence > feed_position.sequence
        """,
      arguments: [feed, sequence, UnixTime.nowMilliseconds()]
    )
    guard db.changedRowCount == 1 else {
      throw FeedPositionError(
        feed: feed,
        current: try position(feed: feed, in: db),
        requested: sequence
      )
    }
  }
}
