import Foundation
import Storage
import Testing

extension Tag {
  /// Timing measurements: off by default, run with `STORAGE_BENCHMARK=1`.
  @Tag static var benchmark: Self
}

/// Round-trip costs of the async API, printed for the record and checked against the
/// targets the platform was designed for. Timings depend on the machine and on the build
/// configuration, so these run only on request:
///
///     STORAGE_BENCHMARK=1 swift test -c release --filter DatabasePerformanceTests
@Suite(
  "Database performance",
  .tags(.benchmark),
  .serialized,
  .enabled(if: ProcessInfo.processInfo.environment["STORAGE_BENCHMARK"] != nil)
)
struct DatabasePerformanceTests {
  static let iterations = 20_000

  /// Mean time per call of `body` over `iterations` sequential calls, after a warm-up.
  static func measure(
    _ label: String,
    iterations: Int = iterations,
    _ body: () async throws -> Void
  ) async rethrows -> Duration {
    for _ in 0..<1000 { try await body() }
    let clock = ContinuousClock()
    let elapsed = try await clock.measure {
      for _ in 0..<iterations { try await body() }
    }
    let each = elapsed / iterations
    let micros = Double(each.components.attoseconds) / 1e12 + Double(each.components.seconds) * 1e6
    print(
      "[storage benchmark] \(label): \(String(format: "%.2f", micros)) µs per call, "
        + "\(Int(1e6 / micros)) per second"
    )
    return each
  }

  @Test("an empty read transaction round trip costs under 15 µs")
  func emptyRead() async throws {
    let directory = try TemporaryDirectory()
    let database = try Database(path: directory.file("bench.sqlite"))
    let each = try await Self.measure("empty read {} (file, WAL)") {
      try await database.read { _ in }
    }
    _ = try await Self.measure("empty write {} (file, WAL)", iterations: 5_000) {
      try await database.write { _ in }
    }
    await database.close()
    #expect(each < .microseconds(15))
  }

  @Test("a one-row insert write round trip is measured")
  func oneRowInsert() async throws {
    let directory = try TemporaryDirectory()
    let database = try Database(path: directory.file("bench.sqlite"))
    try await database.write { db in
      try db.execute(sql: "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT")
    }
    let each = try await Self.measure("one-row insert write {} (file, WAL, synchronous=NORMAL)") {
      try await database.write { db in
        try db.execute(sql: "INSERT INTO item (name) VALUES (?)", arguments: ["benchmark"])
      }
    }
    let memory = try Database.inMemory()
    try await memory.write { db in
      try db.execute(sql: "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT")
    }
    _ = try await Self.measure("one-row insert write {} (in-memory)") {
      try await memory.write { db in
        try db.execute(sql: "INSERT INTO item (name) VALUES (?)", arguments: ["benchmark"])
      }
    }
    await database.close()
    #expect(each < .milliseconds(1))
  }

  @Test("sequential primary-key reads exceed 20,000 per second")
  func primaryKeyReads() async throws {
    let directory = try TemporaryDirectory()
    let database = try Database(path: directory.file("bench.sqlite"))
    let rows = 10_000
    try await database.write { db in
      try db.execute(sql: "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT")
      for id in 1...rows {
        try db.execute(
          sql: "INSERT INTO item (id, name) VALUES (?, ?)",
          arguments: [id, "item \(id)"]
        )
      }
    }
    var generator = SystemRandomNumberGenerator()
    let each = try await Self.measure("primary-key read (file, WAL)") {
      let id = Int.random(in: 1...rows, using: &generator)
      let name = try await database.read { db in
        try db.fetchOne(sql: "SELECT name FROM item WHERE id = ?", arguments: [id])?
          .value(String.self, at: 0)
      }
      precondition(name == "item \(id)")
    }
    await database.close()
    #expect(each < .microseconds(50))  // 20,000 per second
  }
}
