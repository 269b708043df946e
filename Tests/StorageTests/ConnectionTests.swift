import Storage
import Testing

@Suite("Connection")
struct ConnectionTests {
  @Test("a statement is prepared once per SQL text and reused across transactions")
  func statementCache() async throws {
    let database = try Database.inMemory()
    let sql = "SELECT ? + 1"
    for value in 1...3 {
      let result = try await database.read { db in
        try #require(try db.fetchOne(sql: sql, arguments: [value])).value(Int.self, at: 0)
      }
      #expect(result == value + 1)
    }
    // sqlite_stmt lists the statements this connection holds prepared, with their run counts.
    let cached = try await database.read { db in
      try db.fetchAll(sql: "SELECT run FROM sqlite_stmt WHERE sql = ?", arguments: [sql])
        .map { try $0.value(Int.self, at: 0) }
    }
    #expect(cached == [3])
  }

  @Test("every placeholder needs exactly one argument", arguments: [0, 1, 3])
  func argumentCount(count: Int) async throws {
    let database = try Database.inMemory()
    // A first use with correct arguments, so stale bindings would be there to reuse.
    _ = try await database.read { db in try db.fetchOne(sql: "SELECT ?, ?", arguments: [1, 2]) }
    let arguments: [SQLValue] = Array(repeating: 7, count: count)
    let error = await #expect(throws: DatabaseError.self) {
      try await database.read { db in try db.fetchOne(sql: "SELECT ?, ?", arguments: arguments) }
    }
    #expect(error?.code == .range)
    #expect(error?.sql == "SELECT ?, ?")
  }

  @Test("a statement's arguments are its own: nothing carries over to its next use")
  func bindingsDoNotCarryOver() async throws {
    let database = try Database.inMemory()
    let results = try await database.read { db in
      try ["first", "second"].map { text in
        try #require(try db.fetchOne(sql: "SELECT ?", arguments: [text])).value(String.self, at: 0)
      }
    }
    #expect(results == ["first", "second"])
  }

  @Test("execute(sql:) refuses more than one statement; execute(script:) runs them all")
  func scripts() async throws {
    let database = try Database.inMemory()
    let error = await #expect(throws: DatabaseError.self) {
      try await database.write { db in
        try db.execute(sql: "CREATE TABLE a (x INTEGER); CREATE TABLE b (x INTEGER)")
      }
    }
    #expect(error?.code == .misuse)
    try await database.write { db in
      try db.execute(
        script: """
          -- a comment before
          CREATE TABLE a (x INTEGER);
          CREATE TABLE b (x INTEGER);  /* and after */
          INSERT INTO a VALUES (1);
          """
      )
    }
    #expect(try await database.value(Int.self, sql: "SELECT count(*) FROM sqlite_schema") == 2)
    #expect(try await database.value(Int.self, sql: "SELECT x FROM a") == 1)
  }

  @Test("a single statement may end with a semicolon and a comment")
  func trailingSemicolon() async throws {
    let database = try Database.inMemory()
    let one = try await database.read { db in
      try #require(try db.fetchOne(sql: "SELECT 1; -- done")).value(Int.self, at: 0)
    }
    #expect(one == 1)
  }

  @Test("a syntax error throws with SQLite's message and the SQL")
  func syntaxError() async throws {
    let database = try Database.inMemory()
    let error = await #expect(throws: DatabaseError.self) {
      try await database.read { db in try db.fetchAll(sql: "SELEC 1") }
    }
    #expect(error?.code == .error)
    #expect(error?.message.contains("syntax error") == true)
    #expect(error?.sql == "SELEC 1")
    #expect(error.map { "\($0)" }?.contains("SELEC 1") == true)
  }

  @Test("fetchAll returns rows in order; fetchOne the first row or nil")
  func fetching() async throws {
    let database = try Database.inMemory()
    let (all, first, none) = try await database.write { db in
      try db.execute(sql: "CREATE TABLE t (x INTEGER)")
      for x in [3, 1, 2] { try db.execute(sql: "INSERT INTO t VALUES (?)", arguments: [x]) }
      let all = try db.fetchAll(sql: "SELECT x FROM t ORDER BY x").map {
        try $0.value(Int.self, at: 0)
      }
      let first = try db.fetchOne(sql: "SELECT x FROM t ORDER BY x DESC")?.value(Int.self, at: 0)
      let none = try db.fetchOne(sql: "SELECT x FROM t WHERE x > ?", arguments: [10])
      return (all, first, none)
    }
    #expect(all == [1, 2, 3])
    #expect(first == 3)
    #expect(none == nil)
  }

  @Test("lastInsertedRowID and changedRowCount describe the latest statement")
  func insertAndChangeCounts() async throws {
    let database = try Database.inMemory()
    let (id, changed) = try await database.write { db in
      try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, x INTEGER)")
      try db.execute(sql: "INSERT INTO t (id, x) VALUES (?, ?)", arguments: [41, 0])
      try db.execute(sql: "INSERT INTO t (x) VALUES (?)", arguments: [0])
      let id = db.lastInsertedRowID
      try db.execute(sql: "UPDATE t SET x = ?", arguments: [1])
      return (id, db.changedRowCount)
    }
    #expect(id == 42)
    #expect(changed == 2)
  }

  @Test("RETURNING rows come back from fetchAll inside a write")
  func returning() async throws {
    let database = try Database.inMemory()
    let ids = try await database.write { db in
      try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT")
      return try db.fetchAll(
        sql: "INSERT INTO t (name) VALUES (?), (?) RETURNING id",
        arguments: ["a", "b"]
      ).map { try $0.value(Int64.self, at: 0) }
    }
    #expect(ids == [1, 2])
  }

  @Test("statements keep working after the schema they use changes")
  func schemaChange() async throws {
    let database = try Database.inMemory()
    try await database.write { db in
      try db.execute(sql: "CREATE TABLE t (a INTEGER)")
      try db.execute(sql: "INSERT INTO t VALUES (1)")
    }
    let before = try await database.read { db in try db.fetchOne(sql: "SELECT * FROM t") }
    try await database.write { db in try db.execute(sql: "ALTER TABLE t ADD COLUMN b TEXT") }
    let after = try await database.read { db in try db.fetchOne(sql: "SELECT * FROM t") }
    #expect(before?.columnNames == ["a"])
    #expect(after?.columnNames == ["a", "b"])
  }
}
