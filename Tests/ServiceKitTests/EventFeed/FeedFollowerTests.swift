import Contracts
import Foundation
import Logging
import ServiceKit
import Storage
import Synchronization
import Testing

@testable import ServiceKit

/// A feed served from memory: every connection streams the events after the requested
/// sequence, then (when `staysOpen`) waits for live ones until it is cancelled.
private final class ScriptedFeed: EventFeedSource {
  let events: [Registry.RegistryEvent]
  let staysOpen: Bool
  let connections = Atomic<Int>(0)

  init(count: Int, staysOpen: Bool = false) {
    events = (1...Int64(count)).map { sequence in
      var event = Registry.RegistryEvent()
      event.sequence = sequence
      event.occurredAt = Protobuf.Timestamp(secondsSince1970: Double(1_600_000_000 + sequence))
      return event
    }
    self.staysOpen = staysOpen
  }

  func followEvents(
    after sequence: Int64, deliver: @escaping @Sendable (Registry.RegistryEvent, Int64) async throws -> Void
  ) async throws {
    connections.add(1, ordering: .relaxed)
    let head = events.last?.sequence ?? 0
    for event in events where event.sequence > sequence { try await deliver(event, head) }
    if staysOpen { try await Task.sleep(for: .seconds(3600)) }
  }
}

/// What a follower's `apply` was called with, committed or not: each event's sequence and the
/// feed position committed when its transaction began (events of one transaction share it).
private final class AppliedLog: Sendable {
  let entries = Mutex<[(sequence: Int64, positionBefore: Int64)]>([])
  var sequences: [Int64] { entries.withLock { $0.map(\.sequence) } }
  var transactions: Int { entries.withLock { Set($0.map(\.positionBefore)).count } }
}

@Suite("Feed follower: batched, in order, exactly once")
struct FeedFollowerTests {
  static func database() async throws -> (Database, String) {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("feed-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let database = try Database(path: directory + "/follower.sqlite")
    var migrator = Migrator()
    try FeedPosition.registerMigration(in: &migrator)
    try migrator.register("test-applied", script: "CREATE TABLE applied (sequence INTEGER NOT NULL) STRICT;")
    _ = try await database.migrate(migrator)
    return (database, directory)
  }

  private static func follower(
    _ source: ScriptedFeed, _ database: Database, log: AppliedLog,
    failing: (@Sendable (Int64) -> Bool)? = nil
  ) -> FeedFollower<ScriptedFeed> {
    FeedFollower(feed: "registry", source: source, database: database, logger: Logger(label: "test")) { event, db in
      if failing?(event.sequence) == true { throw CancellationError() }
      let before = try FeedPosition.position(feed: "registry", in: db)
      try db.execute(sql: "INSERT INTO applied (sequence) VALUES (?)", arguments: [event.sequence])
      log.entries.withLock { $0.append((event.sequence, before)) }
    }
  }

  /// The effects committed, in the order they were committed.
  static func effects(_ database: Database) async throws -> [Int64] {
    try await database.read { db in
      try db.fetchAll(sql: "SELECT sequence FROM applied ORDER BY rowid").map { try $0.value(Int64.self, at: 0) }
    }
  }

  private static func waitUntil(_ condition: @Sendable () async throws -> Bool) async throws -> Bool {
    let end = ContinuousClock.now.advanced(by: .seconds(60))
    while ContinuousClock.now < end {
      if try await condition() { return true }
      try await Task.sleep(for: .milliseconds(10))
    }
    return false
  }

  @Test("catching up applies every event once, in order, many to a transaction")
  func catchingUpIsBatched() async throws {
    let (database, directory) = try await Self.database()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let log = AppliedLog()
    let follower = Self.follower(ScriptedFeed(count: 5000), database, log: log)
    try await follower.followOnce(after: 0)
    #expect(log.sequences == Array(1...5000))
    #expect(try await follower.position() == 5000)
    #expect(follower.progress.position == 5000)
    // One commit per event would be 5,000 transactions; each holds at most a batch.
    #expect(log.transactions < 1000, "\(log.transactions) transactions for 5,000 events")
    #expect(log.transactions >= 5000 / FeedFollower<ScriptedFeed>.batchLimit)
  }

  @Test("each applied event is announced once, in order, after its transaction commits; skipped ones are not")
  func committedAnnouncements() async throws {
    let (database, directory) = try await Self.database()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let announced = Mutex<[Int64]>([])
    let follower = FeedFollower(
      feed: "registry", source: ScriptedFeed(count: 1000), database: database, logger: Logger(label: "test"),
      committed: { event in announced.withLock { $0.append(event.sequence) } },
      apply: { event, db in
        try db.execute(sql: "INSERT INTO applied (sequence) VALUES (?)", arguments: [event.sequence])
      })
    try await follower.followOnce(after: 0)
    try await follower.followOnce(after: 500)  // redelivered: nothing new to announce
    #expect(announced.withLock { $0 } == Array(1...1000))
    #expect(try await Self.effects(database) == Array(1...1000))
  }

  @Test("a live event is applied while the stream stays open, not held for a fuller batch")
  func liveEventsAreNotHeld() async throws {
    let (database, directory) = try await Self.database()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let log = AppliedLog()
    let follower = Self.follower(ScriptedFeed(count: 3, staysOpen: true), database, log: log)
    let following = Task { await follower.follow() }
    #expect(try await Self.waitUntil { try await follower.position() == 3 })
    #expect(log.sequences == [1, 2, 3])
    following.cancel()
    await following.value
  }

  @Test("an event that fails rolls back its whole transaction; the follower resumes after the last commit")
  func failureRollsBackTheBatch() async throws {
    let (database, directory) = try await Self.database()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let log = AppliedLog()
    let failedOnce = Atomic<Bool>(false)
    let source = ScriptedFeed(count: 2000)
    let follower = Self.follower(source, database, log: log) { sequence in
      sequence == 1500 && !failedOnce.exchange(true, ordering: .relaxed)
    }
    let following = Task { await follower.follow() }
    #expect(try await Self.waitUntil { try await follower.position() == 2000 })
    following.cancel()
    await following.value
    #expect(source.connections.load(ordering: .relaxed) >= 2, "the failure ended the stream and it reconnected")
    // What committed is each event's effect once, in order: the failed transaction's
    // effects were rolled back with it, and re-applied after the reconnect.
    let effects = try await Self.effects(database)
    #expect(effects == Array(1...2000))
    #expect(log.sequences.count > 2000, "some events were applied in the transaction that failed")
  }

  @Test("events already applied are skipped when a reconnect delivers them again")
  func redeliveredEventsAreSkipped() async throws {
    let (database, directory) = try await Self.database()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let log = AppliedLog()
    let follower = Self.follower(ScriptedFeed(count: 10), database, log: log)
    try await follower.followOnce(after: 0)
    try await follower.followOnce(after: 0)
    #expect(log.sequences == Array(1...10))
    #expect(try await Self.effects(database) == Array(1...10))
  }
}

@Suite("Feed buffer")
struct FeedBufferTests {
  @Test("a full buffer makes the reader wait until the applier takes what it holds")
  func backPressure() async throws {
    let buffer = FeedBuffer<Int>(capacity: 2)
    await buffer.send(1)
    await buffer.send(2)
    let third = Task { await buffer.send(3) }
    try await Task.sleep(for: .milliseconds(100))
    #expect(try await buffer.receiveAll() == [1, 2])
    await third.value
    #expect(try await buffer.receiveAll() == [3])
  }

  @Test("finishing with a failure delivers what was sent first, then the failure")
  func failureAfterElements() async throws {
    struct Broken: Error {}
    let buffer = FeedBuffer<Int>(capacity: 4)
    await buffer.send(1)
    buffer.finish(throwing: Broken())
    #expect(try await buffer.receiveAll() == [1])
    await #expect(throws: Broken.self) { try await buffer.receiveAll() }
    await buffer.send(2)  // returns at once: nobody takes it any more
  }

  @Test("a receiver waiting on an empty buffer wakes for the next element")
  func receiverWakes() async throws {
    let buffer = FeedBuffer<Int>(capacity: 4)
    let received = Task { try await buffer.receiveAll() }
    try await Task.sleep(for: .milliseconds(50))
    await buffer.send(7)
    #expect(try await received.value == [7])
    buffer.finish()
    #expect(try await buffer.receiveAll() == [])
  }
}
