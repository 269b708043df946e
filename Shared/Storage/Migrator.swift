/// The ordered list of schema migrations a service applies at start-up.
///
/// Migrations are named, append-only steps of raw SQL: once one has shipped it is never edited
/// or removed, only followed by new ones, because databases in the field have already recorded
/// it as applied. Use SQL strings, not application types, so a migration keeps meaning the same
/// thing as the code around it changes.
///
/// ```swift
/// var migrator = Migrator()
/// try migrator.register("v1-create-school") { db in
///   try db.execute(script: """
///     CREATE TABLE school (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE) STRICT;
///     """)
/// }
/// try Outbox.registerMigration(in: &migrator)
/// try await database.migrate(migrator)
/// ```
public struct Migrator: Sendable {
  /// One registered migration.
  struct Migration: Sendable {
    let id: String
    let body: @Sendable (Connection) throws -> Void
  }

  private(set) var migrations: [Migration] = []

  public init() {}

  /// The registered migration ids, in the order they run.
  public var migrationIDs: [String] { migrations.map(\.id) }

  /// Appends a migration.
  ///
  /// - Parameters:
  ///   - id: A unique, permanent name such as `"v2-add-school-region"`; it is what the database
  ///     records as applied.
  ///   - body: The schema change. It runs inside its own write transaction.
  /// - Throws: ``MigrationError`` with ``MigrationError/Code/duplicateID`` when `id` is already
  ///   registered.
  public mutating func register(
    _ id: String,
    _ body: @escaping @Sendable (Connection) throws -> Void
  ) throws(MigrationError) {
    guard !migrations.contains(where: { $0.id == id }) else {
      throw MigrationError(code: .duplicateID, migrationID: id, underlyingError: nil)
    }
    migrations.append(Migration(id: id, body: body))
  }

  /// Registers a migration that runs one SQL script (statements separated by `;`), the usual
  /// case: `try migrator.register("registry-v1-school", script: "CREATE TABLE school (…);")`.
  ///
  /// - Throws: ``MigrationError`` when `id` is already registered.
  public mutating func register(_ id: String, script: String) throws(MigrationError) {
    try register(id) { db in try db.execute(script: script) }
  }
}
