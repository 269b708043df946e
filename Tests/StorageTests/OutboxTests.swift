import Storage
import Testing

@Suite("Outbox")
struct OutboxTests {
  static func migrator() throws -> Migrator {
    var migrator = Migrator()
    try migrator.register("v1-create-school") { db in
      try db.execute(sql: "CREATE TABLE school (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT")
    }
    try Outbox.registerMigration(in: &migrator)
    return migrator
  }

  static func migrated(path: String = ":memory:") async throws -> Database {
    let database = try Database(path: path)
    try await database.migrate(try migrator())
    return database
  }

  /// Registers a school and announces it, in one write transaction.
  @discardableResult
  static func registerSchool(_ name: String, in database: Database) async throws -> Int64 {
    try await database.write { db in
      try db.execute(sql: "INSERT INTO school (name) VALUES (?)", arguments: [name])
      return try Outbox.append(eventType: "school.registered", payload: Array(name.utf8), in: db)
    }
  }

  static func sequences(_ database: Database) async throws -> [Int64] {
    try await database.read { db in
      try Outbox.events(after: 0, limit: 1000, in: db).map(\.sequence)
    }
  }

  @Test("appended events get sequences 1, 2, 3 and read back in order")
  func appendAndRead() async throws {
    let database = try await Self.migrated()
    for name in ["Ash", "Beech", "Cedar"] { try await Self.registerSchool(name, in: database) }
    let events = try await database.read { db in try Outbox.events(after: 0, limit: 10, in: db) }
    #expect(events.map(\.sequence) == [1, 2, 3])
    #expect(events.map(\.eventType) == Array(repeating: "school.registered", count: 3))
    #expect(
      events.map { String(decoding: $0.payload, as: UTF8.self) } == ["Ash", "Beech", "Cedar"]
    )
    #expect(events.allSatisfy { $0.recordedAt > 1_600_000_000_000 })
  }

  @Test("events(after:limit:) pages through the feed")
  func paging() async throws {
    let database = try await Self.migrated()
    for index in 1...5 { try await Self.registerSchool("School \(index)", in: database) }
    let pages = try await database.read { db in
      (
        try Outbox.events(after: 0, limit: 2, in: db).map(\.sequence),
        try Outbox.events(after: 2, limit: 2, in: db).map(\.sequence),
        try Outbox.events(after: 4, limit: 2, in: db).map(\.sequence),
        try Outbox.events(after: 5, limit: 2, in: db).map(\.sequence),
        try Outbox.events(after: 0, limit: 0, in: db).map(\.sequence)
      )
    }
    #expect(pages.0 == [1, 2])
    #expect(pages.1 == [3, 4])
    #expect(pages.2 == [5])
    #expect(pages.3 == [])
    #expect(pages.4 == [])
  }

  @Test("an event commits or rolls back with its change, and a rollback leaves no gap")
  func transactional() async throws {
    struct Refused: Error {}
    let database = try await Self.migrated()
    try await Self.registerSchool("Ash", in: database)
    await #expect(throws: Refused.self) {
      try await database.write { db in
        try db.execute(sql: "INSERT INTO school (name) VALUES (?)", arguments: ["Ghost"])
        try Outbox.append(eventType: "school.registered", payload: [], in: db)
        try Outbox.append(eventType: "school.registered", payload: [], in: db)
        throw Refused()
      }
    }
    try await Self.registerSchool("Beech", in: database)
    #expect(try await Self.sequences(database) == [1, 2])
    #expect(try await database.value(Int.self, sql: "SELECT count(*) FROM school") == 2)
    #expect(try await database.read { db in try Outbox.latestSequence(in: db) } == 2)
  }

  @Test("an append undone by a rolled-back savepoint leaves no gap")
  func savepointRollback() async throws {
    let database = try await Self.migrated()
    let latest = try await database.write { db in
      try Outbox.append(eventType: "kept", payload: [1], in: db)
      try db.execute(sql: "SAVEPOINT attempt")
      try Outbox.append(eventType: "undone", payload: [2], in: db)
      try db.execute(sql: "ROLLBACK TO attempt")
      try db.execute(sql: "RELEASE attempt")
      return try Outbox.append(eventType: "kept", payload: [3], in: db)
    }
    #expect(latest == 2)
    #expect(try await Self.sequences(database) == [1, 2])
  }

  @Test("appending in a read transaction is refused")
  func appendNeedsWrite() async throws {
    let database = try await Self.migrated()
    let error = await #expect(throws: DatabaseError.self) {
      try await database.read { db in try Outbox.append(eventType: "x", payload: [], in: db) }
    }
    #expect(error?.code == .readOnly)
  }

  @Test("an empty event type is refused by the schema")
  func emptyEventType() async throws {
    let database = try await Self.migrated()
    let error = await #expect(throws: DatabaseError.self) {
      try await database.write { db in try Outbox.append(eventType: "", payload: [], in: db) }
    }
    #expect(error?.isCheckViolation == true)
  }

  @Test("sequences keep increasing across close and reopen, and are never reused")
  func sequencesAcrossRestarts() async throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("outbox.sqlite")
    var database = try await Self.migrated(path: path)
    for name in ["Ash", "Beech", "Cedar"] { try await Self.registerSchool(name, in: database) }
    // Pruning the newest event must not let its sequence be handed out again.
    try await database.write { db in
      try db.execute(sql: "DELETE FROM outbox_event WHERE sequence = ?", arguments: [3])
    }
    await database.close()

    database = try await Self.migrated(path: path)
    #expect(try await database.read { db in try Outbox.latestSequence(in: db) } == 3)
    #expect(try await Self.registerSchool("Dogwood", in: database) == 4)
    await database.close()

    database = try await Self.migrated(path: path)
    #expect(try await Self.registerSchool("Elm", in: database) == 5)
    #expect(try await Self.sequences(database) == [1, 2, 4, 5])
    await database.close()
  }

  @Test("latestSequence is 0 for an empty outbox")
  func emptyOutbox() async throws {
    let database = try await Self.migrated()
    #expect(try await database.read { db in try Outbox.latestSequence(in: db) } == 0)
  }

  // MARK: Waiting for events

  @Test("waitForEvents returns at once when later events are already committed")
  func waitReturnsImmediately() async throws {
    let database = try await Self.migrated()
    try await Self.registerSchool("Ash", in: database)
    try await Self.registerSchool("Beech", in: database)
    #expect(try await withDeadline { try await Outbox.waitForEvents(after: 1, in: database) } == 2)
  }

  @Test("waitForEvents wakes when a transaction appending events commits")
  func waitWakesOnCommit() async throws {
    let database = try await Self.migrated()
    try await Self.registerSchool("Ash", in: database)
    let waiter = Task { try await Outbox.waitForEvents(after: 1, in: database) }
    try await Self.registerSchool("Beech", in: database)
    #expect(try await withDeadline { try await waiter.value } == 2)
  }

  @Test("many waiters wake on one commit, each with the latest sequence")
  func manyWaiters() async throws {
    let database = try await Self.migrated()
    let latest = try await withDeadline {
      try await withThrowingTaskGroup(of: Int64.self) { group in
        for _ in 0..<20 {
          group.addTask { try await Outbox.waitForEvents(after: 0, in: database) }
        }
        try await database.write { db in
          try Outbox.append(eventType: "a", payload: [], in: db)
          try Outbox.append(eventType: "b", payload: [], in: db)
        }
        return try await group.reduce(into: [Int64]()) { $0.append($1) }
      }
    }
    #expect(latest.count == 20)
    // A waiter registered after the commit also gets 2, so every one sees 2.
    #expect(latest.allSatisfy { $0 == 2 })
  }

  @Test("a rolled-back append never wakes a waiter")
  func rollbackDoesNotWake() async throws {
    struct Refused: Error {}
    let database = try await Self.migrated()
    try await Self.registerSchool("Ash", in: database)
    // Seeds the waiter's knowledge of sequence 1 first.
    #expect(try await Outbox.waitForEvents(after: 0, in: database) == 1)
    let waiter = Task { try await Outbox.waitForEvents(after: 1, in: database) }
    await #expect(throws: Refused.self) {
      try await database.write { db in
        try Outbox.append(eventType: "school.registered", payload: [], in: db)
        throw Refused()
      }
    }
    try await database.write { db in
      try db.execute(sql: "INSERT INTO school (name) VALUES (?)", arguments: ["no event"])
    }
    // Whatever woke the waiter ran on the worker before `close`: waking for the rolled-back
    // append would return a sequence, while a waiter still waiting fails with the close.
    await database.close()
    let error = await #expect(throws: DatabaseError.self) {
      try await withDeadline { try await waiter.value }
    }
    #expect(error?.code == .misuse)
  }

  @Test("a cancelled waiter throws CancellationError promptly")
  func cancelledWaiter() async throws {
    let database = try await Self.migrated()
    try await Self.registerSchool("Ash", in: database)
    let waiter = Task { try await Outbox.waitForEvents(after: 1, in: database) }
    try await withDeadline {
      while Outbox.waiterCount(in: database) < 1 { await Task.yield() }
    }
    waiter.cancel()
    let outcome = try await withDeadline { await waiter.result }
    #expect(throws: CancellationError.self) { try outcome.get() }
    #expect(Outbox.waiterCount(in: database) == 0)
    // The database is unaffected: a later waiter still wakes.
    let next = Task { try await Outbox.waitForEvents(after: 1, in: database) }
    try await Self.registerSchool("Beech", in: database)
    #expect(try await withDeadline { try await next.value } == 2)
  }

  @Test("a task already cancelled gets CancellationError instead of waiting")
  func alreadyCancelledWaiter() async throws {
    let database = try await Self.migrated()
    try await Self.registerSchool("Ash", in: database)
    let waiter = Task {
      withUnsafeCurrentTask { $0?.cancel() }
      return try await Outbox.waitForEvents(after: 1, in: database)
    }
    let outcome = try await withDeadline { await waiter.result }
    #expect(throws: CancellationError.self) { try outcome.get() }
    #expect(Outbox.waiterCount(in: database) == 0)
  }

  @Test("waitForEvents on a database without the outbox table throws")
  func missingTable() async throws {
    let database = try Database.inMemory()
    let error = await #expect(throws: DatabaseError.self) {
      try await Outbox.waitForEvents(after: 0, in: database)
    }
    #expect(error?.message.contains("no such table") == true)
  }
}
