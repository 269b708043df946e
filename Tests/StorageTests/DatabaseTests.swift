import Foundation
import Storage
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Database")
struct DatabaseTests {
  // MARK: Opening

  @Test(
    "a file database opens in WAL mode with foreign keys, NORMAL sync, SQLite's 2,000 KiB page cache and a 5 s busy timeout"
  )
  func openSettings() async throws {
    let directory = try TemporaryDirectory()
    let database = try Database(path: directory.file("settings.sqlite"))
    #expect(try await database.pragma(String.self, "journal_mode") == "wal")
    #expect(try await database.pragma(Int.self, "foreign_keys") == 1)
    #expect(try await database.pragma(Int.self, "synchronous") == 1)  // NORMAL
    #expect(try await database.pragma(Int.self, "busy_timeout") == 5000)
    #expect(try await database.pragma(Int.self, "cache_size") == -2000)  // KiB
    await database.close()
  }

  @Test("the busy timeout is configurable")
  func busyTimeoutConfiguration() async throws {
    let database = try Database(
      path: ":memory:",
      configuration: .init(busyTimeout: .milliseconds(250))
    )
    #expect(try await database.pragma(Int.self, "busy_timeout") == 250)
  }

  @Test("the page cache is configurable")
  func pageCacheConfiguration() async throws {
    let directory = try TemporaryDirectory()
    let database = try Database(path: directory.file("cache.sqlite"), configuration: .init(pageCacheBytes: 4 << 20))
    #expect(try await database.pragma(Int.self, "cache_size") == -4096)
    await database.close()
  }

  @Test("an in-memory database opens with foreign keys on, for tests")
  func inMemory() async throws {
    let database = try Database.inMemory()
    #expect(try await database.pragma(String.self, "journal_mode") == "memory")
    #expect(try await database.pragma(Int.self, "foreign_keys") == 1)
    try await database.write { db in
      try db.execute(sql: "CREATE TABLE note (body TEXT NOT NULL) STRICT")
      try db.execute(sql: "INSERT INTO note (body) VALUES (?)", arguments: ["kept"])
    }
    #expect(try await database.value(String.self, sql: "SELECT body FROM note") == "kept")
  }

  @Test("in-memory databases are private to each Database")
  func inMemoryIsPrivate() async throws {
    let first = try Database.inMemory()
    let second = try Database.inMemory()
    try await first.write { db in try db.execute(sql: "CREATE TABLE only_here (x INTEGER)") }
    let tables = try await second.value(
      Int.self,
      sql: "SELECT count(*) FROM sqlite_schema WHERE name = 'only_here'"
    )
    #expect(tables == 0)
  }

  @Test("opening a path in a missing directory throws cannotOpen")
  func openFailure() throws {
    let directory = try TemporaryDirectory()
    let error = #expect(throws: DatabaseError.self) {
      try Database(path: directory.file("missing/dir/db.sqlite"))
    }
    #expect(error?.code == .cannotOpen)
  }

  @Test("opening a file that is not a database throws notADatabase")
  func notADatabase() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("garbage.sqlite")
    try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: path))
    let error = #expect(throws: DatabaseError.self) { try Database(path: path) }
    #expect(error?.code == .notADatabase)
  }

  @Test("a file is opened only once per process, and again after close")
  func openOnce() async throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("once.sqlite")
    let database = try Database(path: path)
    let error = #expect(throws: DatabaseError.self) { try Database(path: path) }
    #expect(error?.code == .misuse)
    // The same file through another spelling of its path is still the same file.
    #expect(throws: DatabaseError.self) { try Database(path: "\(directory.path)/./once.sqlite") }
    let link = directory.file("link.sqlite")
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
    #expect(throws: DatabaseError.self) { try Database(path: link) }
    await database.close()
    let reopened = try Database(path: path)
    await reopened.close()
  }

  @Test("committed data survives close and reopen")
  func survivesReopen() async throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("durable.sqlite")
    let database = try Database(path: path)
    try await database.write { db in
      try db.execute(sql: "CREATE TABLE school (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT")
      try db.execute(sql: "INSERT INTO school (name) VALUES (?)", arguments: ["Hillside"])
    }
    await database.close()

    let reopened = try Database(path: path)
    #expect(try await reopened.value(String.self, sql: "SELECT name FROM school") == "Hillside")
    await reopened.close()
  }

  @Test("a closed database refuses transactions, and closing twice is harmless")
  func closedDatabase() async throws {
    let database = try Database.inMemory()
    await database.close()
    await database.close()
    let error = await #expect(throws: DatabaseError.self) {
      try await database.read { _ in 1 }
    }
    #expect(error?.code == .misuse)
  }

  @Test("close lets the running transaction finish; one queued behind it runs fully or is refused")
  func closeDrainsQueue() async throws {
    let database = try Database.inMemory()
    try await database.write { db in try db.execute(sql: "CREATE TABLE t (x INTEGER)") }
    let gate = Gate()
    let started = Signal()
    let blocker = Task {
      try await database.write { db in
        started.fire()
        gate.wait()
        try db.execute(sql: "INSERT INTO t VALUES (1)")
      }
    }
    await started.wait()
    let queued = Task {
      try await database.write { db in
        try db.execute(sql: "INSERT INTO t VALUES (2)")
        return db.changedRowCount
      }
    }
    // `queued` may or may not have reached the worker before close; whichever it is, it either
    // ran fully or was refused, never half-done.
    let closing = Task { await database.close() }
    gate.open()
    try await blocker.value
    await closing.value
    switch await queued.result {
    case .success(let changed): #expect(changed == 1)
    case .failure(let error): #expect((error as? DatabaseError)?.code == .misuse)
    }
  }

  // MARK: Transactions

  @Test("a write that throws rolls back everything it did")
  func rollbackOnThrow() async throws {
    struct Refused: Error {}
    let database = try Database.inMemory()
    try await database.write { db in
      try db.execute(sql: "CREATE TABLE school (name TEXT NOT NULL) STRICT")
      try db.execute(sql: "INSERT INTO school VALUES (?)", arguments: ["kept"])
    }
    await #expect(throws: Refused.self) {
      try await database.write { db in
        try db.execute(sql: "INSERT INTO school VALUES (?)", arguments: ["lost 1"])
        try db.execute(sql: "UPDATE school SET name = ?", arguments: ["overwritten"])
        try db.execute(sql: "CREATE TABLE ghost (x INTEGER)")
        throw Refused()
      }
    }
    let names = try await database.read { db in
      try db.fetchAll(sql: "SELECT name FROM school").map { try $0.value(String.self, at: 0) }
    }
    #expect(names == ["kept"])
    let ghosts = try await database.value(
      Int.self,
      sql: "SELECT count(*) FROM sqlite_schema WHERE name = 'ghost'"
    )
    #expect(ghosts == 0)
  }

  @Test("a write whose COMMIT fails is rolled back and the database stays usable")
  func failedCommitRollsBack() async throws {
    let database = try Database.inMemory()
    try await database.write { db in
      try db.execute(
        script: """
          CREATE TABLE parent (id INTEGER PRIMARY KEY) STRICT;
          CREATE TABLE child (
            parent_id INTEGER NOT NULL REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED
          ) STRICT;
          """
      )
    }
    let error = await #expect(throws: DatabaseError.self) {
      try await database.write { db in
        try db.execute(sql: "INSERT INTO child VALUES (?)", arguments: [42])  // checked at COMMIT
      }
    }
    #expect(error?.isForeignKeyViolation == true)
    try await database.write { db in
      try db.execute(sql: "INSERT INTO parent VALUES (?)", arguments: [1])
      try db.execute(sql: "INSERT INTO child VALUES (?)", arguments: [1])
    }
    #expect(try await database.value(Int.self, sql: "SELECT count(*) FROM child") == 1)
  }

  @Test("a read transaction cannot write")
  func readIsReadOnly() async throws {
    let database = try Database.inMemory()
    try await database.write { db in try db.execute(sql: "CREATE TABLE t (x INTEGER)") }
    let error = await #expect(throws: DatabaseError.self) {
      try await database.read { db in try db.execute(sql: "INSERT INTO t VALUES (1)") }
    }
    #expect(error?.code == .readOnly)
    let scriptError = await #expect(throws: DatabaseError.self) {
      try await database.read { db in try db.execute(script: "DELETE FROM t;") }
    }
    #expect(scriptError?.code == .readOnly)
    #expect(try await database.read { db in db.isWritable } == false)
    #expect(try await database.write { db in db.isWritable } == true)
  }

  @Test(
    "a closure cannot end its own transaction",
    arguments: ["COMMIT", "ROLLBACK", "BEGIN", "END"]
  )
  func transactionControlIsRefused(statement: String) async throws {
    let database = try Database.inMemory()
    try await database.write { db in try db.execute(sql: "CREATE TABLE t (x INTEGER)") }
    let error = await #expect(throws: DatabaseError.self) {
      try await database.write { db in
        try db.execute(sql: "INSERT INTO t VALUES (1)")
        try db.execute(sql: statement)
      }
    }
    #expect(error?.code == .authorization)
    #expect(try await database.value(Int.self, sql: "SELECT count(*) FROM t") == 0)
  }

  @Test("savepoints nest inside a write and roll back on their own")
  func savepoints() async throws {
    let database = try Database.inMemory()
    try await database.write { db in
      try db.execute(sql: "CREATE TABLE t (x INTEGER)")
      try db.execute(sql: "INSERT INTO t VALUES (1)")
      try db.execute(sql: "SAVEPOINT attempt")
      try db.execute(sql: "INSERT INTO t VALUES (2)")
      try db.execute(sql: "ROLLBACK TO attempt")
      try db.execute(sql: "RELEASE attempt")
    }
    #expect(try await database.value(Int.self, sql: "SELECT sum(x) FROM t") == 1)
  }

  @Test("using a connection after its closure returned stops the process")
  func escapedConnection() async {
    await #expect(processExitsWith: .failure) {
      final class Escape: @unchecked Sendable { var connection: Connection? }
      let escape = Escape()
      let database = try Database(path: ":memory:")
      try await database.read { db in escape.connection = db }
      _ = try escape.connection?.fetchOne(sql: "SELECT 1")
    }
  }

  // MARK: Threading and concurrency

  @Test("transactions run on the database's own thread, never the caller's")
  func workerThread() async throws {
    let database = try Database.inMemory()
    let callerThreads = Mutexed<Set<UInt>>([])
    let workerThreads = try await withThrowingTaskGroup(of: UInt.self) { group in
      for index in 0..<50 {
        group.addTask {
          callerThreads.update { $0.insert(UInt(pthread_self())) }
          return index.isMultiple(of: 2)
            ? try await database.read { _ in UInt(pthread_self()) }
            : try await database.write { _ in UInt(pthread_self()) }
        }
      }
      return try await group.reduce(into: Set<UInt>()) { $0.insert($1) }
    }
    #expect(workerThreads.count == 1)
    #expect(callerThreads.value.isDisjoint(with: workerThreads))
  }

  @Test("a thousand concurrent read-modify-write increments all apply")
  func concurrentIncrements() async throws {
    let database = try Database.inMemory()
    try await database.write { db in
      try db.execute(sql: "CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)")
      try db.execute(sql: "INSERT INTO counter VALUES (1, 0)")
    }
    try await withThrowingTaskGroup(of: Void.self) { group in
      for _ in 0..<1000 {
        group.addTask {
          try await database.write { db in
            let row = try db.fetchOne(sql: "SELECT n FROM counter WHERE id = ?", arguments: [1])
            let n = try #require(row).value(Int.self, at: 0)
            try db.execute(sql: "UPDATE counter SET n = ? WHERE id = ?", arguments: [n + 1, 1])
          }
        }
      }
      try await group.waitForAll()
    }
    #expect(try await database.value(Int.self, sql: "SELECT n FROM counter") == 1000)
  }

  @Test("readers interleaved with writers only ever see committed states")
  func readersSeeCommittedStates() async throws {
    let database = try Database.inMemory()
    try await database.write { db in
      try db.execute(sql: "CREATE TABLE account (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL)")
      try db.execute(sql: "INSERT INTO account VALUES (1, 100), (2, 100)")
    }
    let totals = try await withThrowingTaskGroup(of: Int?.self) { group in
      for index in 0..<400 {
        group.addTask {
          if index.isMultiple(of: 2) {
            try await database.write { db in
              try db.execute(sql: "UPDATE account SET balance = balance - 1 WHERE id = 1")
              try db.execute(sql: "UPDATE account SET balance = balance + 1 WHERE id = 2")
            }
            return nil
          }
          return try await database.value(Int.self, sql: "SELECT sum(balance) FROM account")
        }
      }
      return try await group.reduce(into: [Int]()) { if let total = $1 { $0.append(total) } }
    }
    #expect(totals.count == 200)
    #expect(totals.allSatisfy { $0 == 200 })
  }

  // MARK: Cancellation

  @Test("queuedTransactionCount counts transactions waiting for the worker")
  func queueLength() async throws {
    let database = try Database.inMemory()
    let gate = Gate()
    let started = Signal()
    let blocker = Task {
      try await database.read { _ in
        started.fire()
        gate.wait()
      }
    }
    await started.wait()
    #expect(database.queuedTransactionCount == 0)
    let waiting = (0..<3).map { _ in Task { try await database.read { _ in 1 } } }
    try await withDeadline {
      while database.queuedTransactionCount < 3 { await Task.yield() }
    }
    gate.open()
    try await blocker.value
    for task in waiting { #expect(try await task.value == 1) }
    #expect(database.queuedTransactionCount == 0)
  }

  @Test("a queued write cancelled before it starts never runs, and its caller returns at once")
  func cancelledBeforeStart() async throws {
    let database = try Database.inMemory()
    try await database.write { db in try db.execute(sql: "CREATE TABLE t (x INTEGER)") }
    let gate = Gate()
    let started = Signal()
    let blocker = Task {
      try await database.write { db in
        started.fire()
        gate.wait()
        try db.execute(sql: "INSERT INTO t VALUES (1)")
      }
    }
    await started.wait()
    let cancelled = Task {
      try await database.write { db in try db.execute(sql: "INSERT INTO t VALUES (2)") }
    }
    try await withDeadline {
      while database.queuedTransactionCount < 1 { await Task.yield() }
    }
    cancelled.cancel()
    // The worker is still held by `blocker`, so this only returns if cancellation does not
    // wait for the worker.
    let outcome = try await withDeadline { await cancelled.result }
    #expect(throws: CancellationError.self) { try outcome.get() }
    gate.open()
    try await blocker.value
    let values = try await database.read { db in
      try db.fetchAll(sql: "SELECT x FROM t").map { try $0.value(Int.self, at: 0) }
    }
    #expect(values == [1])
  }

  @Test("a transaction already running when its task is cancelled commits as a whole")
  func cancelledWhileRunning() async throws {
    let database = try Database.inMemory()
    try await database.write { db in try db.execute(sql: "CREATE TABLE t (x INTEGER)") }
    let gate = Gate()
    let started = Signal()
    let running = Task {
      try await database.write { db in
        try db.execute(sql: "INSERT INTO t VALUES (1)")
        started.fire()
        gate.wait()
        try db.execute(sql: "INSERT INTO t VALUES (2)")
        return "done"
      }
    }
    await started.wait()
    running.cancel()
    gate.open()
    #expect(try await running.value == "done")
    #expect(try await database.value(Int.self, sql: "SELECT count(*) FROM t") == 2)
  }

  @Test("a running transaction that throws after its task is cancelled rolls back as a whole")
  func cancelledWhileRunningThenThrows() async throws {
    let database = try Database.inMemory()
    try await database.write { db in try db.execute(sql: "CREATE TABLE t (x INTEGER)") }
    let gate = Gate()
    let started = Signal()
    let running = Task {
      try await database.write { db in
        try db.execute(sql: "INSERT INTO t VALUES (1)")
        started.fire()
        gate.wait()
        throw CancellationError()
      }
    }
    await started.wait()
    running.cancel()
    gate.open()
    await #expect(throws: CancellationError.self) { try await running.value }
    #expect(try await database.value(Int.self, sql: "SELECT count(*) FROM t") == 0)
  }

  @Test("a task cancelled before it calls write gets CancellationError and writes nothing")
  func alreadyCancelled() async throws {
    let database = try Database.inMemory()
    try await database.write { db in try db.execute(sql: "CREATE TABLE t (x INTEGER)") }
    let task = Task {
      withUnsafeCurrentTask { $0?.cancel() }
      return try await database.write { db in try db.execute(sql: "INSERT INTO t VALUES (1)") }
    }
    await #expect(throws: CancellationError.self) { try await task.value }
    #expect(try await database.value(Int.self, sql: "SELECT count(*) FROM t") == 0)
  }
}
