import Storage
import Testing

@Suite("Migrator")
struct MigratorTests {
  struct Broken: Error, CustomStringConvertible {
    var description: String { "broken on purpose" }
  }

  static func schoolMigrator() throws -> Migrator {
    var migrator = Migrator()
    try migrator.register("v1-create-school") { db in
      try db.execute(
        script: """
          CREATE TABLE school (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE) STRICT;
          """
      )
    }
    try migrator.register("v2-add-school-region") { db in
      try db.execute(sql: "ALTER TABLE school ADD COLUMN region TEXT")
    }
    return migrator
  }

  static func appliedIDs(_ database: Database) async throws -> [String] {
    try await database.read { db in
      try db.fetchAll(sql: "SELECT id FROM schema_migration ORDER BY rowid")
        .map { try $0.value(String.self, at: 0) }
    }
  }

  @Test("migrations run in registration order and are recorded")
  func appliesInOrder() async throws {
    let database = try Database.inMemory()
    let applied = try await database.migrate(try Self.schoolMigrator())
    #expect(applied == ["v1-create-school", "v2-add-school-region"])
    #expect(try await Self.appliedIDs(database) == applied)
    try await database.write { db in
      try db.execute(
        sql: "INSERT INTO school (name, region) VALUES (?, ?)",
        arguments: ["A", "North"]
      )
    }
    let recordedAt = try await database.value(
      Int64.self,
      sql: "SELECT min(applied_at) FROM schema_migration"
    )
    #expect(recordedAt > 1_600_000_000_000)  // unix milliseconds
  }

  @Test("migrating again applies nothing and keeps the data")
  func idempotent() async throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("migrate.sqlite")
    let database = try Database(path: path)
    try await database.migrate(try Self.schoolMigrator())
    try await database.write { db in
      try db.execute(sql: "INSERT INTO school (name) VALUES (?)", arguments: ["Kept"])
    }
    #expect(try await database.migrate(try Self.schoolMigrator()) == [])
    await database.close()

    let reopened = try Database(path: path)
    #expect(try await reopened.migrate(try Self.schoolMigrator()) == [])
    #expect(try await reopened.value(String.self, sql: "SELECT name FROM school") == "Kept")
    #expect(try await Self.appliedIDs(reopened).count == 2)
    await reopened.close()
  }

  @Test("a migration appended later runs once")
  func appendedMigration() async throws {
    let database = try Database.inMemory()
    try await database.migrate(try Self.schoolMigrator())
    var extended = try Self.schoolMigrator()
    try extended.register("v3-create-school-index") { db in
      try db.execute(sql: "CREATE INDEX school_region ON school (region)")
    }
    #expect(try await database.migrate(extended) == ["v3-create-school-index"])
    #expect(try await database.migrate(extended) == [])
    #expect(try await Self.appliedIDs(database).last == "v3-create-school-index")
  }

  @Test("a failing migration rolls back, is not recorded, stops later ones, and is named")
  func failingMigration() async throws {
    let database = try Database.inMemory()
    var migrator = try Self.schoolMigrator()
    try migrator.register("v3-half-done") { db in
      try db.execute(sql: "CREATE TABLE half (x INTEGER)")
      try db.execute(sql: "INSERT INTO school (name) VALUES (?)", arguments: ["partial"])
      throw Broken()
    }
    try migrator.register("v4-after") { db in
      try db.execute(sql: "CREATE TABLE after (x INTEGER)")
    }
    let error = await #expect(throws: MigrationError.self) { try await database.migrate(migrator) }
    #expect(error?.code == .failed)
    #expect(error?.migrationID == "v3-half-done")
    #expect(error?.underlyingError is Broken)
    #expect(error?.description == "migration failed: v3-half-done: broken on purpose")

    #expect(try await Self.appliedIDs(database) == ["v1-create-school", "v2-add-school-region"])
    let tables = try await database.read { db in
      try db.fetchAll(sql: "SELECT name FROM sqlite_schema WHERE name IN ('half', 'after')")
    }
    #expect(tables.isEmpty)
    #expect(try await database.value(Int.self, sql: "SELECT count(*) FROM school") == 0)
  }

  @Test("a migration with an SQL error reports the migration and SQLite's error")
  func sqlErrorInMigration() async throws {
    let database = try Database.inMemory()
    var migrator = Migrator()
    try migrator.register("v1-bad-sql") { db in
      try db.execute(script: "CREATE TABLE ok (x INTEGER); CREATE TABLE ok (x INTEGER);")
    }
    let error = await #expect(throws: MigrationError.self) { try await database.migrate(migrator) }
    #expect(error?.migrationID == "v1-bad-sql")
    #expect((error?.underlyingError as? DatabaseError)?.message == "table ok already exists")
  }

  @Test("registering the same id twice is rejected")
  func duplicateID() throws {
    var migrator = try Self.schoolMigrator()
    let error = #expect(throws: MigrationError.self) {
      try migrator.register("v1-create-school") { _ in }
    }
    #expect(error?.code == .duplicateID)
    #expect(error?.migrationID == "v1-create-school")
    #expect(migrator.migrationIDs == ["v1-create-school", "v2-add-school-region"])
  }

  @Test("the bookkeeping table has the documented shape")
  func schemaMigrationTable() async throws {
    let database = try Database.inMemory()
    try await database.migrate(Migrator())
    let columns = try await database.read { db in
      try db.fetchAll(sql: "SELECT name, type, pk FROM pragma_table_info('schema_migration')")
        .map {
          "\(try $0.value(String.self, at: 0)) \(try $0.value(String.self, at: 1)) \(try $0.value(Int.self, at: 2))"
        }
    }
    #expect(columns == ["id TEXT 1", "applied_at INTEGER 0"])
  }
}
