extension Database {
  /// Applies the migrations of `migrator` that this database has not recorded yet, in
  /// registration order, each in its own write transaction together with its record in the
  /// `schema_migration` table.
  ///
  /// Running it again applies nothing; a migration registered later runs once. When a
  /// migration throws, its transaction rolls back, it is not recorded, and the migrations
  /// after it do not run.
  ///
  /// - Returns: The ids applied by this call, in order.
  /// - Throws: ``MigrationError`` with ``MigrationError/Code/failed`` naming the migration that
  ///   failed; `CancellationError` when the task is cancelled between migrations.
  @discardableResult
  public func migrate(_ migrator: Migrator) async throws -> [String] {
    do {
      try await write { db in
        try db.execute(
          script: """
            CREATE TABLE IF NOT EXISTS schema_migration (
              id TEXT PRIMARY KEY NOT NULL,
              applied_at INTEGER NOT NULL
            ) STRICT
            """
        )
      }
    } catch let error as DatabaseError {
      throw MigrationError(code: .failed, migrationID: "schema_migration", underlyingError: error)
    }

    var applied: [String] = []
    for migration in migrator.migrations {
      try Task.checkCancellation()
      do {
        let ran = try await write { db in
          let recorded = try db.fetchOne(
            sql: "SELECT 1 FROM schema_migration WHERE id = ?",
            arguments: [migration.id]
          )
          guard recorded == nil else { return false }
          try migration.body(db)
          try db.execute(
            sql: "INSERT INTO schema_migration (id, applied_at) VALUES (?, ?)",
            arguments: [migration.id, UnixTime.nowMilliseconds()]
          )
          return true
        }
        if ran { applied.append(migration.id) }
      } catch is CancellationError {
        throw CancellationError()
      } catch {
        throw MigrationError(code: .failed, migrationID: migration.id, underlyingError: error)
      }
    }
    return applied
  }
}
