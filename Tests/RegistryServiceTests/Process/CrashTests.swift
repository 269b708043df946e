import Contracts
import Foundation
import Identity
import RPCCore
import RPCHTTP2
import Storage
import Synchronization
import TestSupport
import Testing

/// The real `charter-registry` executable, killed with SIGKILL while it works.
@Suite("Registry processes survive SIGKILL", .serialized)
struct CrashTests {
  static let adminPassword = "crash test admin password"

  /// Starts `charter-registry` on a free port with `directory` as its data directory.
  static func startRegistry(_ directory: String) async throws -> (ChildProcess, Int) {
    let executable = ChildProcess.buildProducts.appendingPathComponent("charter-registry").path
    var environment = ProcessInfo.processInfo.environment
    environment["BOOTSTRAP_ADMIN_PASSWORD"] = adminPassword
    let process = try ChildProcess(
      executable,
      ["--port", "0", "--data-dir", directory, "--bootstrap-admin-email", "admin@crash.test", "--log-level", "info"],
      environment: environment)
    let port = await process.waitForOutput { _, err in
      err.split(separator: "\n").first { $0.contains("\"message\":\"charter-registry serving\"") }
        .flatMap { line in line.range(of: "\"port\":\"").map { line[$0.upperBound...].prefix { $0.isNumber } } }
        .flatMap { Int($0) }
    }
    guard let port else {
      await process.stop()
      throw TestFailure("registry did not start: \(process.stderr)")
    }
    return (process, port)
  }

  static func client(port: Int, token: String? = nil) -> (Registry.Client, HTTP2ClientTransport) {
    let transport = HTTP2ClientTransport(host: "127.0.0.1", port: port)
    let interceptors: [any ClientInterceptor] = token.map { t in [BearerTokenInterceptor { t }] } ?? []
    return (Registry.Client(RPCClient(transport: transport, interceptors: interceptors)), transport)
  }

  static func adminClient(port: Int) async throws -> (Registry.Client, HTTP2ClientTransport) {
    let (anonymous, transport) = client(port: port)
    let token = try await anonymous.signIn(.init(email: "admin@crash.test", password: adminPassword)).token
    await transport.close()
    return client(port: port, token: token)
  }

  static func temporaryDirectory() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("registry-crash-\(UUID().uuidString)").path
  }

  @Test("SIGKILL during an import loses no school whose registration was acknowledged")
  func killDuringImport() async throws {
    let directory = Self.temporaryDirectory()
    let (process, port) = try await Self.startRegistry(directory)
    let (admin, transport) = try await Self.adminClient(port: port)
    let acknowledged = Locked<Set<String>>([])
    let importer = Task {
      await withTaskGroup(of: Void.self) { group in
        for worker in 0..<16 {
          group.addTask {
            for i in 0..<500 {
              let urn = String(500000 + worker * 1000 + i)
              do {
                _ = try await admin.registerSchool(RegistryHarnessRequests.school(urn: urn))
                acknowledged.update { _ = $0.insert(urn) }
              } catch {
                return  // the server is gone
              }
            }
          }
        }
      }
    }
    let end = ContinuousClock.now.advanced(by: .seconds(60))
    while acknowledged.value.count < 400, ContinuousClock.now < end { try await Task.sleep(for: .milliseconds(5)) }
    process.signal(SIGKILL)
    await importer.value
    await transport.close()
    _ = await process.waitForExit(timeout: .seconds(10))
    let acked = acknowledged.value
    #expect(acked.count >= 400)

    let (restarted, newPort) = try await Self.startRegistry(directory)
    let (again, againTransport) = try await Self.adminClient(port: newPort)
    var stored: Set<String> = []
    var token = ""
    repeat {
      let page = try await again.listSchools(.init(pageSize: 1000, pageToken: token))
      stored.formUnion(page.schools.map(\.urn))
      token = page.nextPageToken
    } while !token.isEmpty
    #expect(acked.isSubset(of: stored), "lost \(acked.subtracting(stored).count) acknowledged schools")
    // Every stored school has its registration event, and the feed has no gaps.
    let events = try await again.streamEvents(.init(afterSequence: 0, stopAtHead: true)) { stream in
      var all: [Registry.RegistryEvent] = []
      for try await e in stream { all.append(e) }
      return all
    }
    #expect(events.map(\.sequence) == Array(1...Int64(events.count)))
    let registered = Set(
      events.compactMap { e -> String? in
        if case .schoolRegistered(let r)? = e.payload { return r.school?.urn }
        return nil
      })
    #expect(registered == stored)
    await againTransport.close()
    await restarted.stop()
  }

  @Test("a consumer killed mid-stream and restarted applies every event exactly once, in order")
  func consumerKilledMidStream() async throws {
    let directory = Self.temporaryDirectory()
    let (registry, port) = try await Self.startRegistry(directory)
    let (admin, transport) = try await Self.adminClient(port: port)
    let serviceToken = try await admin.issueServiceToken(.init(serviceName: "feed-probe")).token

    let producer = Task {
      for i in 0..<1500 {
        _ = try await admin.registerSchool(RegistryHarnessRequests.school(urn: String(600000 + i), commit: i % 2 == 0))
      }
    }
    let probePath = ChildProcess.buildProducts.appendingPathComponent("RegistryFeedProbe").path
    let database = directory + "/probe.sqlite"
    var environment = ProcessInfo.processInfo.environment
    environment["CHARTER_TOKEN"] = serviceToken
    let first = try ChildProcess(probePath, ["127.0.0.1:\(port)", database], environment: environment)
    _ = await first.waitForOutput(timeout: .seconds(60)) { out, _ in
      out.split(separator: "\n").count >= 300 ? true : nil
    }
    first.signal(SIGKILL)
    _ = await first.waitForExit(timeout: .seconds(10))
    let appliedBeforeKill = first.stdout.split(separator: "\n").count
    #expect(appliedBeforeKill >= 300)

    try await producer.value
    let head = try await admin.streamEvents(.init(afterSequence: 0, stopAtHead: true)) { stream in
      var last: Int64 = 0
      for try await e in stream { last = e.sequence }
      return last
    }
    let second = try ChildProcess(probePath, ["127.0.0.1:\(port)", database], environment: environment)
    let caughtUp = await second.waitForOutput(timeout: .seconds(60)) { out, _ in
      out.split(separator: "\n").last == Substring("applied \(head)") ? true : nil
    }
    #expect(caughtUp == true, "probe did not reach \(head): \(second.stdout.suffix(200)) \(second.stderr.suffix(500))")
    second.signal(SIGKILL)
    _ = await second.waitForExit(timeout: .seconds(10))

    let probe = try Database(path: database)
    let sequences = try await probe.read { db in
      try db.fetchAll(sql: "SELECT sequence FROM applied ORDER BY id").map { try $0.value(Int64.self, at: 0) }
    }
    await probe.close()
    #expect(sequences == Array(1...head), "applied \(sequences.count) rows for \(head) events")
    await transport.close()
    await registry.stop()
  }
}

/// Requests shared by the process tests.
enum RegistryHarnessRequests {
  static func school(urn: String, commit: Bool = false) -> Registry.RegisterSchoolRequest {
    RegistryHarness.schoolRequest(urn: urn, commit: commit)
  }
}

struct TestFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
