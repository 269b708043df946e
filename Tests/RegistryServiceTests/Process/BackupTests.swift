import Contracts
import Foundation
import RPCCore
import RPCHTTP2
import Synchronization
import TestSupport
import Testing

/// The operator's backup and restore scripts (`deploy/ops/`) against a real `charter-registry`
/// that keeps writing while the backup is taken.
@Suite("Registry backup and restore", .serialized)
struct BackupTests {
  /// Runs one of the `deploy/ops` scripts and returns its exit status and combined output.
  static func ops(_ script: String, _ arguments: [String]) async throws -> (Int32?, String) {
    let path = ChildProcess.repositoryRoot.appendingPathComponent("deploy/ops/\(script)").path
    let process = try ChildProcess("/bin/bash", [path] + arguments)
    let status = await process.waitForExit(timeout: .seconds(60))
    return (status, process.stdout + process.stderr)
  }

  @Test("a backup taken during writes restores every school acknowledged before it began")
  func backupDuringWrites() async throws {
    let directory = CrashTests.temporaryDirectory()
    let backupFile = directory + "-backup.sqlite"
    let (process, port) = try await CrashTests.startRegistry(directory)
    let (admin, transport) = try await CrashTests.adminClient(port: port)
    let acknowledged = Locked<Set<String>>([])
    let stop = Locked(false)
    let writers = Task {
      await withTaskGroup(of: Void.self) { group in
        for worker in 0..<8 {
          group.addTask {
            var i = 0
            while !stop.value {
              let urn = String(600000 + worker * 10000 + i)
              i += 1
              if (try? await admin.registerSchool(RegistryHarnessRequests.school(urn: urn))) != nil {
                acknowledged.update { _ = $0.insert(urn) }
              }
            }
          }
        }
      }
    }
    let end = ContinuousClock.now.advanced(by: .seconds(60))
    while acknowledged.value.count < 300, ContinuousClock.now < end { try await Task.sleep(for: .milliseconds(5)) }
    let beforeBackup = acknowledged.value
    let (status, output) = try await Self.ops("backup.sh", [directory, "registry", backupFile])
    #expect(status == 0, "backup failed: \(output)")
    #expect(output.contains("integrity ok"))
    // Writers carried on during the backup.
    try await Task.sleep(for: .milliseconds(200))
    stop.update { $0 = true }
    await writers.value
    let afterBackup = acknowledged.value
    #expect(afterBackup.count > beforeBackup.count, "writes continued while the backup ran")
    await transport.close()
    await process.stop()

    // A second backup to the same file is refused rather than overwriting it.
    let (again, refusal) = try await Self.ops("backup.sh", [directory, "registry", backupFile])
    #expect(again != 0)
    #expect(refusal.contains("exists"))

    let restoredDirectory = CrashTests.temporaryDirectory()
    let (restoreStatus, restoreOutput) = try await Self.ops("restore.sh", [backupFile, restoredDirectory, "registry"])
    #expect(restoreStatus == 0, "restore failed: \(restoreOutput)")
    // Restoring over a live store is refused.
    let (overStatus, _) = try await Self.ops("restore.sh", [backupFile, directory, "registry"])
    #expect(overStatus != 0)

    let (restored, restoredPort) = try await CrashTests.startRegistry(restoredDirectory)
    let (reader, readerTransport) = try await CrashTests.adminClient(port: restoredPort)
    var stored: Set<String> = []
    var token = ""
    repeat {
      let page = try await reader.listSchools(.init(pageSize: 1000, pageToken: token))
      stored.formUnion(page.schools.map(\.urn))
      token = page.nextPageToken
    } while !token.isEmpty
    #expect(beforeBackup.isSubset(of: stored), "lost \(beforeBackup.subtracting(stored).count) schools")
    #expect(stored.count < afterBackup.count, "the backup is a snapshot, not the final state")
    // The restored feed is whole: no gaps, one registration per school.
    let events = try await reader.streamEvents(.init(afterSequence: 0, stopAtHead: true)) { stream in
      var all: [Registry.RegistryEvent] = []
      for try await e in stream { all.append(e) }
      return all
    }
    #expect(events.map(\.sequence) == Array(1...Int64(events.count)))
    await readerTransport.close()
    await restored.stop()
  }
}
