import Foundation
import Storage
import Testing

/// Kills a writer process mid-stream with SIGKILL and checks that every transaction it
/// reported as committed survived, atomically, in an intact database.
@Suite("Crash safety")
struct CrashTests {
  /// How many committed rows each writer must acknowledge before it is killed.
  static let acknowledgementsPerRound = 500

  @Test("SIGKILL mid-write loses no acknowledged commit and leaves the outbox gap-free")
  func killedWriter() async throws {
    let writer = try #require(Self.writerExecutable(), "StorageCrashWriter was not built")
    let directory = try TemporaryDirectory()
    let path = directory.file("crash.sqlite")
    var acknowledged: [Int64] = []

    // Several rounds, so later writers also recover a WAL left behind by a killed one.
    for round in 1...3 {
      let process = try ChildProcess(executable: writer, arguments: [path])
      var roundAcknowledged = 0
      // A guard against a hang, not a speed bound: beside the whole parallel suite on two cores
      // a round has taken over a minute.
      let acknowledgedBeforeKill = try await withDeadline(.seconds(300)) { [acknowledged] in
        var ids = acknowledged
        var count = 0
        for await line in process.lines {
          ids.append(try #require(Int64(line), "unexpected writer output: \(line)"))
          count += 1
          if count == Self.acknowledgementsPerRound { process.kill() }
        }
        return (ids, count)
      }
      (acknowledged, roundAcknowledged) = acknowledgedBeforeKill
      let status = await process.waitForExit()
      #expect(status == SIGKILL, "round \(round): the writer should die by SIGKILL")
      #expect(roundAcknowledged >= Self.acknowledgementsPerRound, "round \(round)")
      try await Self.verify(path: path, acknowledged: acknowledged, kills: round)
    }
  }

  /// Opens the database as a restarted service would and checks the invariants.
  static func verify(path: String, acknowledged: [Int64], kills: Int) async throws {
    let database = try Database(path: path)
    let integrity = try await database.read { db in
      try db.fetchAll(sql: "SELECT * FROM pragma_integrity_check")
        .map { try $0.value(String.self, at: 0) }
    }
    #expect(integrity == ["ok"])

    let (rowIDs, sequences, eventSequencesOfRows) = try await database.read { db in
      (
        try db.fetchAll(sql: "SELECT id FROM crash_row ORDER BY id")
          .map { try $0.value(Int64.self, at: 0) },
        try db.fetchAll(sql: "SELECT sequence FROM outbox_event ORDER BY sequence")
          .map { try $0.value(Int64.self, at: 0) },
        try db.fetchAll(sql: "SELECT event_sequence FROM crash_row ORDER BY event_sequence")
          .map { try $0.value(Int64.self, at: 0) }
      )
    }
    let stored = Set(rowIDs)
    let missing = acknowledged.filter { !stored.contains($0) }
    #expect(missing.isEmpty, "acknowledged rows lost: \(missing.prefix(10))")
    // Only the transaction in flight at each kill may have committed unacknowledged.
    #expect(rowIDs.count <= acknowledged.count + kills)
    let latest = try #require(sequences.last)
    #expect(sequences == Array(1...latest), "the outbox has gaps")
    // Each row and its event committed together: neither exists without the other.
    #expect(eventSequencesOfRows == sequences)
    await database.close()
  }

  /// The StorageCrashWriter executable SwiftPM built next to this test binary.
  static func writerExecutable() -> String? {
    var candidates: [URL] = [URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()]
    if let executable = Bundle.main.executableURL { candidates.append(executable) }
    candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath())
    for candidate in candidates {
      // On Linux the test binary sits in the products directory; on macOS it is three levels
      // down inside the .xctest bundle.
      var directory = candidate.deletingLastPathComponent()
      for _ in 0..<4 {
        let writer = directory.appendingPathComponent("StorageCrashWriter").path
        if FileManager.default.isExecutableFile(atPath: writer) { return writer }
        directory = directory.deletingLastPathComponent()
      }
    }
    return nil
  }
}
