import Contracts
import Foundation
import Identity
import RPCCore
import RPCHTTP2
import Synchronization
import TestSupport
import Testing

/// SIGTERM as an orchestrator sends it: each service stops accepting calls, lets the calls in
/// flight finish, ends open event feeds at once, stops its followers, closes its store, and
/// exits 0, well within its 10 s grace period.
@Suite("Services stop in order on SIGTERM", .serialized)
struct ShutdownTests {
  static let adminPassword = "shutdown admin password"

  /// The registry with a signed-in admin client.
  static func registry(_ directory: String) async throws -> (ChildProcess, Int, Registry.Client, HTTP2ClientTransport) {
    let (process, port) = try await CrossServiceTests.start(
      "charter-registry", ["--data-dir", directory, "--bootstrap-admin-email", "admin@shutdown.test"],
      environment: ["BOOTSTRAP_ADMIN_PASSWORD": Self.adminPassword])
    let transport = HTTP2ClientTransport(host: "127.0.0.1", port: port)
    let token = try await Registry.Client(RPCClient(transport: transport)).signIn(
      .init(email: "admin@shutdown.test", password: Self.adminPassword)
    ).token
    return (
      process, port, Registry.Client(RPCClient(transport: transport, interceptors: [BearerTokenInterceptor { token }])),
      transport
    )
  }

  /// The messages the process logged, in order.
  static func messages(_ process: ChildProcess) -> [String] {
    process.stderr.split(separator: "\n").compactMap { line in
      line.range(of: "\"message\":\"").map { String(line[$0.upperBound...].prefix { $0 != "\"" }) }
    }
  }

  static func school(_ urn: Int) -> Registry.RegisterSchoolRequest {
    Registry.RegisterSchoolRequest(
      urn: String(urn), name: "School \(urn)",
      address: Common.PostalAddress(lines: ["1 Lane"], town: "Leeds", postcode: "LS1 4AP"), phase: .primary,
      localAuthority: Common.LocalAuthority(code: "383", name: "Leeds"), numberOnRoll: 100)
  }

  @Test("the registry drains its calls, ends an open feed at once, closes its store and exits 0")
  func registry() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("shutdown-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let (process, _, admin, transport) = try await Self.registry(directory)
    // A follower's stream, open and waiting for live events.
    let feed = Task { () -> RPCError? in
      do {
        try await admin.streamEvents(.init(afterSequence: 0, stopAtHead: false)) { stream in
          for try await _ in stream {}
        }
        return nil
      } catch let error as RPCError {
        return error
      } catch {
        return RPCError(code: .unknown, message: "\(error)")
      }
    }
    // Calls in flight when the signal arrives.
    let succeeded = Counter()
    let calls = Task {
      await withTaskGroup(of: (Int, Status.Code?).self) { group in
        for urn in 500_001...500_300 {
          group.addTask {
            do {
              _ = try await admin.registerSchool(Self.school(urn))
              succeeded.increment()
              return (urn, nil)
            } catch let error as RPCError {
              return (urn, error.code)
            } catch {
              return (urn, .unknown)
            }
          }
        }
        var outcomes: [(Int, Status.Code?)] = []
        for await outcome in group { outcomes.append(outcome) }
        return outcomes
      }
    }
    let started = ContinuousClock.now
    while succeeded.value < 20, ContinuousClock.now - started < .seconds(20) {
      try await Task.sleep(for: .milliseconds(5))
    }
    let signalled = ContinuousClock.now
    process.signal(SIGTERM)
    let status = await process.waitForExit(timeout: .seconds(30))
    let took = ContinuousClock.now - signalled
    #expect(status == 0)
    #expect(took < .seconds(5), "shutdown took \(took), as if it waited out the grace period")
    #expect(await feed.value?.code == .unavailable, "the open feed ends at once, so its follower reconnects")
    let outcomes = await calls.value
    let acknowledged = outcomes.filter { $0.1 == nil }.map(\.0)
    let failures = outcomes.filter { $0.1 != nil && $0.1 != .unavailable }
    #expect(failures.isEmpty, "\(failures.prefix(3))")
    #expect(!acknowledged.isEmpty)
    let log = Self.messages(process)
    let order = ["shutting down", "server stopped; calls drained", "store closed", "stopped"]
    let positions = order.map { message in log.firstIndex(of: message) }
    #expect(positions.allSatisfy { $0 != nil }, "\(log.suffix(8))")
    #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    await transport.close()

    // Every acknowledged registration survived.
    let (again, _, admin2, transport2) = try await Self.registry(directory)
    for urn in acknowledged {
      #expect(try await admin2.getSchool(.init(urn: String(urn))).urn == String(urn))
    }
    await transport2.close()
    await again.stop()
  }

  @Test("self-review stops following the registry, closes its store and exits 0; the registry does not wait for it")
  func selfReview() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("shutdown-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let (registry, registryPort, admin, transport) = try await Self.registry(directory + "/registry")
    let token = try await admin.issueServiceToken(.init(serviceName: "self-review")).token
    let (selfReview, port) = try await CrossServiceTests.start(
      "charter-self-review",
      ["--data-dir", directory + "/self-review", "--registry-addr", "127.0.0.1:\(registryPort)"],
      environment: ["SERVICE_TOKEN": token])
    // The follower is connected once a new school reaches the self-review service.
    var request = Self.school(600_001)
    request.commitToCharter = true
    _ = try await admin.registerSchool(request)
    let reviewTransport = HTTP2ClientTransport(host: "127.0.0.1", port: port)
    let adminToken = try await Registry.Client(RPCClient(transport: transport)).signIn(
      .init(email: "admin@shutdown.test", password: Self.adminPassword)
    ).token
    let review = SelfReview.Client(
      RPCClient(transport: reviewTransport, interceptors: [BearerTokenInterceptor { adminToken }]))
    let end = ContinuousClock.now.advanced(by: .seconds(10))
    while ContinuousClock.now < end {
      if let error = await rpcErrorOf({ try await review.getReviewStatus(.init(schoolUrn: "600001")) }),
        error.code == .notFound, !error.message.contains("has not started")
      {
        try await Task.sleep(for: .milliseconds(20))
        continue
      }
      break
    }

    // The registry, with the self-review follower's stream open, stops at once.
    let signalled = ContinuousClock.now
    registry.signal(SIGTERM)
    #expect(await registry.waitForExit(timeout: .seconds(30)) == 0)
    #expect(ContinuousClock.now - signalled < .seconds(5))

    // Self-review stops its follower (now reconnecting) and closes its store, in that order.
    let reviewSignalled = ContinuousClock.now
    selfReview.signal(SIGTERM)
    #expect(await selfReview.waitForExit(timeout: .seconds(30)) == 0)
    #expect(ContinuousClock.now - reviewSignalled < .seconds(5))
    let log = Self.messages(selfReview)
    let order = [
      "shutting down", "server stopped; calls drained", "stopped following the feed", "store closed", "stopped",
    ]
    let positions = order.map { message in log.firstIndex(of: message) }
    #expect(positions.allSatisfy { $0 != nil }, "\(log.suffix(10))")
    #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    await reviewTransport.close()
    await transport.close()
  }
}

/// A count shared by concurrent calls.
private final class Counter: Sendable {
  private let count = Mutex(0)
  func increment() { count.withLock { $0 += 1 } }
  var value: Int { count.withLock { $0 } }
}

private func rpcErrorOf<T>(_ body: () async throws -> T) async -> RPCError? {
  do {
    _ = try await body()
    return nil
  } catch let error as RPCError {
    return error
  } catch {
    return nil
  }
}
