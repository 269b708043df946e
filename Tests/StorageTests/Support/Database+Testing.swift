import Storage
import Testing

extension Database {
  /// A fresh in-memory database.
  static func inMemory() throws -> Database {
    try Database(path: ":memory:")
  }

  /// Reads one value with a one-column query, in a read transaction.
  func value<T: SQLValueConvertible & Sendable>(
    _ type: T.Type,
    sql: String,
    arguments: [SQLValue] = []
  ) async throws -> T {
    try await read { db in
      let row = try db.fetchOne(sql: sql, arguments: arguments)
      guard let row else { throw DatabaseError(extendedCode: .error, message: "no row", sql: sql) }
      return try row.value(T.self, at: 0)
    }
  }

  /// Reads a PRAGMA's value. SQLite counts PRAGMA statements as writes, so this runs in a write
  /// transaction; the name comes from the test's own literals.
  func pragma<T: SQLValueConvertible & Sendable>(_ type: T.Type, _ name: StaticString) async throws
    -> T
  {
    let sql = "PRAGMA \(name)"
    return try await write { db in try #require(try db.fetchOne(sql: sql)).value(T.self, at: 0) }
  }
}
