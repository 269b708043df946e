import Storage
import Testing

@Suite("FeedPosition")
struct FeedPositionTests {
  struct Refused: Error {}

  static func migrated(path: String = ":memory:") async throws -> Database {
    let database = try Database(path: path)
    var migrator = Migrator()
    try migrator.register("v1-create-level") { db in
      try db.execute(
        sql:
          "CREATE TABLE school_level (school_id INTEGER PRIMARY KEY, level INTEGER NOT NULL) STRICT"
      )
    }
    try FeedPosition.registerMigration(in: &migrator)
    try await database.migrate(migrator)
    return database
  }

  /// Applies one event the way a consumer does: skip if already applied, else apply the
  /// effect and advance the position in the same transaction.
  static func apply(sequence: Int64, schoolID: Int, level: Int, in database: Database) async throws
    -> Bool
  {
    try await database.write { db in
      guard sequence > (try FeedPosition.position(feed: "accreditation", in: db)) else {
        return false
      }
      try db.execute(
        sql: """
          INSERT INTO school_level (school_id, level) VALUES (?, ?)
          ON CONFLICT (school_id) DO UPDATE SET level = excluded.level
          """,
        arguments: [schoolID, level]
      )
      try FeedPosition.advance(feed: "accreditation", to: sequence, in: db)
      return true
    }
  }

  static func position(_ feed: String, _ database: Database) async throws -> Int64 {
    try await database.read { db in try FeedPosition.position(feed: feed, in: db) }
  }

  @Test("a feed never consumed is at position 0")
  func initialPosition() async throws {
    let database = try await Self.migrated()
    #expect(try await Self.position("registry", database) == 0)
  }

  @Test("positions advance per feed, and may skip ahead")
  func advance() async throws {
    let database = try await Self.migrated()
    try await database.write { db in
      try FeedPosition.advance(feed: "registry", to: 1, in: db)
      try FeedPosition.advance(feed: "registry", to: 5, in: db)
      try FeedPosition.advance(feed: "evaluation", to: 2, in: db)
    }
    #expect(try await Self.position("registry", database) == 5)
    #expect(try await Self.position("evaluation", database) == 2)
  }

  @Test(
    "advancing backwards, in place, or to a non-positive sequence throws",
    arguments: [5, 3, 0, -1]
  )
  func refusesBackwards(target: Int64) async throws {
    let database = try await Self.migrated()
    try await database.write { db in try FeedPosition.advance(feed: "registry", to: 5, in: db) }
    let error = await #expect(throws: FeedPositionError.self) {
      try await database.write { db in
        try FeedPosition.advance(feed: "registry", to: target, in: db)
      }
    }
    #expect(error == FeedPositionError(feed: "registry", current: 5, requested: target))
    #expect(try await Self.position("registry", database) == 5)
  }

  @Test("the first advance must be to a positive sequence")
  func refusesZeroFirst() async throws {
    let database = try await Self.migrated()
    let error = await #expect(throws: FeedPositionError.self) {
      try await database.write { db in try FeedPosition.advance(feed: "registry", to: 0, in: db) }
    }
    #expect(error?.current == 0)
  }

  @Test("the effect and the position commit together, or roll back together")
  func atomicWithEffect() async throws {
    let database = try await Self.migrated()
    #expect(try await Self.apply(sequence: 1, schoolID: 7, level: 1, in: database))
    await #expect(throws: Refused.self) {
      try await database.write { db in
        try db.execute(
          sql: "UPDATE school_level SET level = ? WHERE school_id = ?",
          arguments: [2, 7]
        )
        try FeedPosition.advance(feed: "accreditation", to: 2, in: db)
        throw Refused()
      }
    }
    #expect(try await Self.position("accreditation", database) == 1)
    #expect(try await database.value(Int.self, sql: "SELECT level FROM school_level") == 1)
  }

  @Test("replaying events after a restart applies each exactly once")
  func exactlyOnceAcrossRestart() async throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("consumer.sqlite")
    var database = try await Self.migrated(path: path)
    #expect(try await Self.apply(sequence: 1, schoolID: 7, level: 1, in: database))
    #expect(try await Self.apply(sequence: 2, schoolID: 7, level: 2, in: database))
    await database.close()

    // The producer's feed is replayed from the start after a restart: 1 and 2 are skipped.
    database = try await Self.migrated(path: path)
    var applied: [Int64] = []
    for (sequence, level) in [(1, 1), (2, 2), (3, 3)] as [(Int64, Int)] {
      if try await Self.apply(sequence: sequence, schoolID: 7, level: level, in: database) {
        applied.append(sequence)
      }
    }
    #expect(applied == [3])
    #expect(try await Self.position("accreditation", database) == 3)
    #expect(try await database.value(Int.self, sql: "SELECT level FROM school_level") == 3)
    await database.close()
  }

  @Test("advancing in a read transaction is refused")
  func advanceNeedsWrite() async throws {
    let database = try await Self.migrated()
    let error = await #expect(throws: DatabaseError.self) {
      try await database.read { db in try FeedPosition.advance(feed: "registry", to: 1, in: db) }
    }
    #expect(error?.code == .readOnly)
  }
}
