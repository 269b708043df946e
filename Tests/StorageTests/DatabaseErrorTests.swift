import Foundation
import Storage
import Testing

@Suite("DatabaseError")
struct DatabaseErrorTests {
  enum Violation: String, Sendable, CaseIterable {
    case unique, primaryKey, foreignKey, notNull, check

    var sql: String {
      switch self {
      case .unique: "INSERT INTO school (id, name, region_id) VALUES (2, 'Hillside', 1)"
      case .primaryKey: "INSERT INTO school (id, name, region_id) VALUES (1, 'Other', 1)"
      case .foreignKey: "INSERT INTO school (id, name, region_id) VALUES (3, 'Orphan', 99)"
      case .notNull: "INSERT INTO school (id, name, region_id) VALUES (4, NULL, 1)"
      case .check: "INSERT INTO school (id, name, region_id) VALUES (5, '', 1)"
      }
    }
  }

  static func schoolDatabase() async throws -> Database {
    let database = try Database.inMemory()
    try await database.write { db in
      try db.execute(
        script: """
          CREATE TABLE region (id INTEGER PRIMARY KEY) STRICT;
          CREATE TABLE school (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE CHECK (name <> ''),
            region_id INTEGER NOT NULL REFERENCES region (id) ON DELETE RESTRICT
          ) STRICT;
          INSERT INTO region (id) VALUES (1);
          INSERT INTO school (id, name, region_id) VALUES (1, 'Hillside', 1);
          """
      )
    }
    return database
  }

  @Test("a constraint violation surfaces as a typed error", arguments: Violation.allCases)
  func constraintViolations(violation: Violation) async throws {
    let database = try await Self.schoolDatabase()
    let error = await #expect(throws: DatabaseError.self) {
      try await database.write { db in try db.execute(sql: violation.sql) }
    }
    let caught = try #require(error)
    #expect(caught.isConstraintViolation)
    #expect(caught.code == .constraint)
    #expect(caught.isUniqueViolation == (violation == .unique || violation == .primaryKey))
    #expect(caught.isForeignKeyViolation == (violation == .foreignKey))
    #expect(caught.isNotNullViolation == (violation == .notNull))
    #expect(caught.isCheckViolation == (violation == .check))
    #expect(!caught.isBusy)
    #expect(caught.sql == violation.sql)
    #expect(try await database.value(Int.self, sql: "SELECT count(*) FROM school") == 1)
  }

  @Test("deleting a row still referred to is a foreign key violation")
  func restrictedDelete() async throws {
    let database = try await Self.schoolDatabase()
    let error = await #expect(throws: DatabaseError.self) {
      try await database.write { db in try db.execute(sql: "DELETE FROM region WHERE id = 1") }
    }
    #expect(error?.isForeignKeyViolation == true)
  }

  @Test("extended codes keep their primary code")
  func codes() {
    #expect(DatabaseError.Code.constraintUnique.primary == .constraint)
    #expect(DatabaseError.Code.constraintUnique.rawValue == 2067)
    #expect(DatabaseError.Code.constraintForeignKey.rawValue == 787)
    #expect(DatabaseError.Code.constraintNotNull.rawValue == 1299)
    #expect(DatabaseError.Code.constraintCheck.rawValue == 275)
    let error = DatabaseError(extendedCode: .constraintCheck, message: "CHECK constraint failed")
    #expect(error.code == .constraint)
    #expect(error.isCheckViolation)
  }

  @Test("a lock held elsewhere past the busy timeout surfaces as isBusy")
  func busy() async throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("busy.sqlite")
    let database = try Database(
      path: path,
      configuration: .init(busyTimeout: .milliseconds(100))
    )
    try await database.write { db in try db.execute(sql: "CREATE TABLE t (x INTEGER)") }

    // Another process holds the write lock until its stdin closes.
    let holder = try LockHolder(path: path)
    try await holder.waitUntilLocked()

    let error = await #expect(throws: DatabaseError.self) {
      try await database.write { db in try db.execute(sql: "INSERT INTO t VALUES (1)") }
    }
    #expect(error?.isBusy == true)

    await holder.release()
    try await database.write { db in try db.execute(sql: "INSERT INTO t VALUES (2)") }
    #expect(try await database.value(Int.self, sql: "SELECT x FROM t") == 2)
    await database.close()
  }
}

/// A `sqlite3` shell process holding the write lock on a database file, standing in for
/// another process using the same file.
private final class LockHolder: Sendable {
  private let shell: ChildProcess

  init(path: String) throws {
    shell = try ChildProcess(executable: "/usr/bin/sqlite3", arguments: [path])
    shell.write("BEGIN IMMEDIATE;\nSELECT 'locked';\n")
  }

  /// Returns once the shell reports that its transaction holds the lock.
  func waitUntilLocked() async throws {
    let shell = shell
    let line = try await withDeadline { await shell.firstLine { $0 == "locked" } }
    try #require(line != nil, "sqlite3 exited before taking the lock")
  }

  /// Ends the shell, and with it the transaction and its lock.
  func release() async {
    shell.closeInput()
    _ = await shell.waitForExit()
  }
}
