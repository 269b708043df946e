import Contracts
import Foundation
import Identity
import RPCCore
import RPCHTTP2
import TestSupport
import Testing

/// The real `charter-registry` and `charter-self-review` executables, talking gRPC to each
/// other as they do in production: the self-review service learns schools from the
/// registry's event feed with a service token, and verifies people's tokens with the
/// registry's public key.
@Suite("Registry and self-review processes together", .serialized)
struct CrossServiceTests {
  static let adminPassword = "cross-service admin password"

  /// Starts a `charter-*` executable on a free port and returns it with the port it serves.
  static func start(_ name: String, _ arguments: [String], environment extra: [String: String] = [:]) async throws -> (
    ChildProcess, Int
  ) {
    let executable = ChildProcess.buildProducts.appendingPathComponent(name).path
    var environment = ProcessInfo.processInfo.environment
    environment.merge(extra) { $1 }
    let process = try ChildProcess(
      executable, ["--port", "0", "--log-level", "info"] + arguments, environment: environment)
    let port = await process.waitForOutput { _, err in
      err.split(separator: "\n").first { $0.contains("\"message\":\"\(name) serving\"") }
        .flatMap { line in line.range(of: "\"port\":\"").map { line[$0.upperBound...].prefix { $0.isNumber } } }
        .flatMap { Int($0) }
    }
    guard let port else {
      await process.stop()
      throw TestFailure("\(name) did not start: \(process.stderr.suffix(2000))")
    }
    return (process, port)
  }

  @Test(
    "register and commit a school, rate it to Level 2 and then the whole framework, and read the events that say so")
  func journeyToTheNationalStandard() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cross-service-\(UUID().uuidString)")
      .path
    let (registry, registryPort) = try await Self.start(
      "charter-registry", ["--data-dir", directory + "/registry", "--bootstrap-admin-email", "admin@cross.test"],
      environment: ["BOOTSTRAP_ADMIN_PASSWORD": Self.adminPassword])
    let registryTransport = HTTP2ClientTransport(host: "127.0.0.1", port: registryPort)
    let anonymousRegistry = Registry.Client(RPCClient(transport: registryTransport))
    let adminToken = try await anonymousRegistry.signIn(.init(email: "admin@cross.test", password: Self.adminPassword))
      .token
    let admin = Registry.Client(
      RPCClient(transport: registryTransport, interceptors: [BearerTokenInterceptor { adminToken }]))

    // The self-review service gets its own service token, as an operator would provide it.
    let serviceToken = try await admin.issueServiceToken(.init(serviceName: "self-review")).token
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let tokenFile = directory + "/self-review.token"
    try Data(serviceToken.utf8).write(to: URL(fileURLWithPath: tokenFile))
    let selfReviewArguments = [
      "--data-dir", directory + "/self-review", "--registry-addr", "127.0.0.1:\(registryPort)", "--service-token-file",
      tokenFile,
    ]
    var (selfReview, port) = try await Self.start("charter-self-review", selfReviewArguments)

    // Level 1: the school registers, then commits.
    _ = try await admin.registerSchool(
      .init(
        urn: "830001", name: "Cross Street Primary",
        address: Common.PostalAddress(lines: ["1 Cross Street"], town: "Leeds", postcode: "LS1 4AP"), phase: .primary,
        localAuthority: Common.LocalAuthority(code: "383", name: "Leeds"), numberOnRoll: 310))
    let invitation = try await admin.invitePerson(
      .init(
        email: "head@cross.example", displayName: "Head of Cross Street",
        roles: [try RoleGrant(.schoolAdmin, .school(urn: "830001")).message]))
    _ = try await anonymousRegistry.acceptInvitation(
      .init(invitationCode: invitation.invitationCode, password: "head's password 1"))
    let headToken = try await anonymousRegistry.signIn(
      .init(email: "head@cross.example", password: "head's password 1")
    ).token
    let headRegistry = Registry.Client(
      RPCClient(transport: registryTransport, interceptors: [BearerTokenInterceptor { headToken }]))

    var transport = HTTP2ClientTransport(host: "127.0.0.1", port: port)
    var head = SelfReview.Client(RPCClient(transport: transport, interceptors: [BearerTokenInterceptor { headToken }]))
    // Not committed yet: no review.
    let uncommitted = await Self.eventually {
      await rpcError { try await head.startReview(.init(schoolUrn: "830001")) }?.code == .failedPrecondition
    }
    #expect(uncommitted)
    _ = try await headRegistry.commitSchool(.init(urn: "830001", acceptCharter: true))
    let started = await Self.eventually { (try? await head.startReview(.init(schoolUrn: "830001"))) != nil }
    #expect(started, "the self-review service never learned the school committed")

    // Leadership and management plus two other elements: the Level 2 rule.
    _ = try await head.rateAspects(
      .init(schoolUrn: "830001", ratings: SRF2008.atStandard("E1") + SRF2008.atStandard("E5")))
    #expect(try await head.getReviewStatus(.init(schoolUrn: "830001")).level2RuleHolds == false)
    _ = try await head.rateAspects(.init(schoolUrn: "830001", ratings: SRF2008.atStandard("E7")))
    #expect(try await head.getReviewStatus(.init(schoolUrn: "830001")).level2RuleHolds)

    // A graceful restart of the self-review service keeps everything.
    selfReview.signal(SIGTERM)
    #expect(await selfReview.waitForExit(timeout: .seconds(20)) == 0)
    await transport.close()
    (selfReview, port) = try await Self.start("charter-self-review", selfReviewArguments)
    transport = HTTP2ClientTransport(host: "127.0.0.1", port: port)
    head = SelfReview.Client(RPCClient(transport: transport, interceptors: [BearerTokenInterceptor { headToken }]))
    #expect(try await head.getReviewStatus(.init(schoolUrn: "830001")).level2RuleHolds)

    // The rest of the framework.
    for element in ["E2", "E3", "E4", "E6", "E8"] {
      _ = try await head.rateAspects(.init(schoolUrn: "830001", ratings: SRF2008.atStandard(element)))
    }
    let status = try await head.getReviewStatus(.init(schoolUrn: "830001"))
    #expect(status.frameworkAtNationalStandard && status.commentaryComplete)

    // The events, as the school itself reads them.
    let events = try await head.streamEvents(.init(stopAtHead: true, schoolUrn: "830001")) { stream in
      var all: [SelfReview.SelfReviewEvent] = []
      for try await event in stream { all.append(event) }
      return all
    }
    let milestones = events.compactMap { event -> String? in
      switch event.payload {
      case .reviewStarted: "started"
      case .level2RuleNowHolds(let holds): "level 2 (\(holds.elementsAtStandard.joined(separator: ",")))"
      case .frameworkReachedStandard(let reached): "framework\(reached.commentaryComplete ? " with commentary" : "")"
      case .elementReachedStandard(let element): element.elementId
      default: nil
      }
    }
    #expect(
      milestones == [
        "started", "E1", "E5", "E7", "level 2 (E1,E5,E7)", "E2", "E3", "E4", "E6", "E8", "framework with commentary",
      ])
    #expect(events.allSatisfy { $0.actor?.displayName == "Head of Cross Street" })
    #expect(events.map(\.sequence) == events.map(\.sequence).sorted())

    // Both stop cleanly on SIGTERM.
    await transport.close()
    await registryTransport.close()
    selfReview.signal(SIGTERM)
    registry.signal(SIGTERM)
    #expect(await selfReview.waitForExit(timeout: .seconds(20)) == 0)
    #expect(await registry.waitForExit(timeout: .seconds(20)) == 0)
  }

  /// Polls `condition` for up to ten seconds.
  static func eventually(_ condition: () async -> Bool) async -> Bool {
    let end = ContinuousClock.now.advanced(by: .seconds(10))
    while ContinuousClock.now < end {
      if await condition() { return true }
      try? await Task.sleep(for: .milliseconds(20))
    }
    return false
  }
}
