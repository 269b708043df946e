import Foundation
import Storage
import Testing

/// Writes queued together commit together (one BEGIN…COMMIT for many callers), yet each
/// caller sees exactly what it would have seen alone.
@Suite("Group commit")
struct GroupCommitTests {
  static func outboxDatabase(_ directory: TemporaryDirectory) async throws -> Database {
    let database = try Database(path: directory.file("group.sqlite"))
    var migrator = Migrator()
    try Outbox.registerMigration(in: &migrator)
    try migrator.register("school") { db in
      try db.execute(sql: "CREATE TABLE school (urn TEXT PRIMARY KEY, name TEXT NOT NULL) STRICT")
    }
    try await database.migrate(migrator)
    return database
  }

  @Test("of many concurrent writes, the ones that throw leave nothing and the others all commit")
  func failuresStayTheirOwn() async throws {
    struct Refused: Error {}
    let directory = try TemporaryDirectory()
    let database = try await Self.outboxDatabase(directory)
    let before = database.commitStatistics
    let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
      for i in 0..<400 {
        group.addTask {
          do {
            try await database.write { db in
              try db.execute(sql: "INSERT INTO school VALUES (?, ?)", arguments: [String(100000 + i), "School \(i)"])
              _ = try Outbox.append(eventType: "registered", payload: Array("\(i)".utf8), in: db)
              if i % 7 == 3 { throw Refused() }
            }
            return (i, true)
          } catch {
            return (i, false)
          }
        }
      }
      var all: [Int: Bool] = [:]
      for await (i, ok) in group { all[i] = ok }
      return all
    }
    let committed = Set(outcomes.filter(\.value).map(\.key))
    #expect(committed == Set((0..<400).filter { $0 % 7 != 3 }))
    let stored = try await database.read { db in
      try db.fetchAll(sql: "SELECT urn FROM school").map { Int(try $0.value(String.self, at: 0))! - 100000 }
    }
    #expect(Set(stored) == committed)
    // The outbox holds one event per committed write, numbered without gaps.
    let events = try await database.read { db in try Outbox.events(after: 0, limit: 1000, in: db) }
    #expect(events.map(\.sequence) == Array(1...Int64(committed.count)))
    #expect(Set(events.map { Int(String(decoding: $0.payload, as: UTF8.self))! }) == committed)
    // They were committed in groups: fewer transactions than writes.
    let after = database.commitStatistics
    #expect(after.writes - before.writes == committed.count)
    #expect(after.transactions - before.transactions < committed.count)
    await database.close()
  }

  @Test("a constraint violation reaches only the caller that caused it, as a typed error")
  func constraintViolationIsTheCallersOwn() async throws {
    let directory = try TemporaryDirectory()
    let database = try await Self.outboxDatabase(directory)
    // Every URN is written twice; exactly one of each pair wins.
    let results = await withTaskGroup(of: (String, Result<Void, any Error>).self) { group in
      for i in 0..<200 {
        let urn = String(200000 + i / 2)
        group.addTask {
          do {
            try await database.write { db in
              try db.execute(sql: "INSERT INTO school VALUES (?, ?)", arguments: [urn, "x"])
            }
            return (urn, .success(()))
          } catch {
            return (urn, .failure(error))
          }
        }
      }
      var all: [(String, Result<Void, any Error>)] = []
      for await r in group { all.append(r) }
      return all
    }
    let byURN = Dictionary(grouping: results, by: \.0)
    for (urn, pair) in byURN {
      let failures = pair.compactMap { if case .failure(let e) = $0.1 { e } else { nil } }
      #expect(failures.count == 1, "\(urn)")
      #expect((failures.first as? DatabaseError)?.isConstraintViolation == true)
    }
    #expect(
      try await database.read { db in try db.fetchOne(sql: "SELECT count(*) FROM school")!.value(Int.self, at: 0) }
        == 100)
    await database.close()
  }

  @Test("when a group's COMMIT fails, each member runs again alone: only the culprit fails")
  func failedCommitFailsTheGroup() async throws {
    let database = try Database.inMemory()
    try await database.write { db in
      try db.execute(
        script: """
          CREATE TABLE parent (id INTEGER PRIMARY KEY) STRICT;
          CREATE TABLE child (parent_id INTEGER NOT NULL REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED) STRICT;
          CREATE TABLE note (text TEXT NOT NULL) STRICT;
          """)
    }
    // Hold the worker so the next writes queue up and run as one group.
    let gate = Gate()
    let started = Signal()
    let blocker = Task {
      try await database.write { _ in
        started.fire()
        gate.wait()
      }
    }
    await started.wait()
    let innocent = Task {
      try await database.write { db in try db.execute(sql: "INSERT INTO note VALUES ('innocent')") }
    }
    while database.queuedTransactionCount < 1 { try await Task.sleep(for: .milliseconds(1)) }
    let culprit = Task { try await database.write { db in try db.execute(sql: "INSERT INTO child VALUES (42)") } }
    while database.queuedTransactionCount < 2 { try await Task.sleep(for: .milliseconds(1)) }
    gate.open()
    try await blocker.value
    try await innocent.value
    let culpritError = await #expect(throws: DatabaseError.self) { try await culprit.value }
    #expect(culpritError?.isForeignKeyViolation == true)
    #expect(try await database.value(Int.self, sql: "SELECT count(*) FROM note") == 1)
    #expect(try await database.value(Int.self, sql: "SELECT count(*) FROM child") == 0)
    // The database goes on working.
    try await database.write { db in try db.execute(sql: "INSERT INTO note VALUES ('later')") }
    #expect(try await database.value(Int.self, sql: "SELECT count(*) FROM note") == 2)
  }

  @Test("reads queued together share a transaction, and one that throws does not disturb the others")
  func groupedReads() async throws {
    struct Refused: Error {}
    let directory = try TemporaryDirectory()
    let database = try await Self.outboxDatabase(directory)
    try await database.write { db in
      for i in 0..<50 {
        try db.execute(sql: "INSERT INTO school VALUES (?, ?)", arguments: [String(300000 + i), "School \(i)"])
      }
    }
    let results = await withTaskGroup(of: (Int, String?).self) { group in
      for i in 0..<500 {
        group.addTask {
          let name = try? await database.read { db -> String in
            if i % 10 == 0 { throw Refused() }
            return try db.fetchOne(sql: "SELECT name FROM school WHERE urn = ?", arguments: [String(300000 + i % 50)])!
              .value(at: 0)
          }
          return (i, name)
        }
      }
      var all: [Int: String?] = [:]
      for await (i, name) in group { all[i] = name }
      return all
    }
    for (i, name) in results {
      #expect(name == (i % 10 == 0 ? nil : "School \(i % 50)"), "read \(i)")
    }
    await database.close()
  }
}

/// The write-ahead log is checkpointed beside the writer, not inside its commits.
@Suite("Background checkpoints")
struct CheckpointTests {
  @Test("a growing log is copied back in the background and kept bounded, and nothing is lost")
  func backgroundCheckpoints() async throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("checkpoint.sqlite")
    let database = try Database(path: path)
    try await database.write { db in
      try db.execute(sql: "CREATE TABLE blob (id INTEGER PRIMARY KEY, data BLOB NOT NULL) STRICT")
    }
    let checkpointing = Task { await database.checkpointInBackground() }
    defer { checkpointing.cancel() }
    // About 40 MB in 10 KB rows: forty times the checkpoint threshold.
    let row = [UInt8](repeating: 7, count: 10_000)
    for batch in 0..<400 {
      try await database.write { db in
        for i in 0..<10 { try db.execute(sql: "INSERT INTO blob VALUES (?, ?)", arguments: [batch * 10 + i, row]) }
      }
    }
    let end = ContinuousClock.now.advanced(by: .seconds(10))
    while database.backgroundCheckpointCount == 0, ContinuousClock.now < end {
      try await Task.sleep(for: .milliseconds(10))
    }
    #expect(database.backgroundCheckpointCount > 0)
    let walSize = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
    #expect(walSize < 20_000_000, "the log grew to \(walSize) bytes")
    #expect(try await database.value(Int.self, sql: "SELECT count(*) FROM blob") == 4000)
    await database.close()
    // Reopened, everything is there and the log is gone.
    let reopened = try Database(path: path)
    #expect(try await reopened.value(Int.self, sql: "SELECT count(*) FROM blob") == 4000)
    await reopened.close()
    #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
  }
}
