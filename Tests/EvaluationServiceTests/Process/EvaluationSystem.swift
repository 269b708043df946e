import CharterValues
import Contracts
import Foundation
import Identity
import RPCCore
import RPCHTTP2
import TestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// The real `charter-registry`, `charter-self-review` and `charter-evaluation` executables on
/// loopback, wired as `deploy/local/run.sh` wires them: each internal service with its own
/// service token, self-review following evaluation's feed and evaluation following the
/// registry's and self-review's.
final class EvaluationSystem: Sendable {
  static let adminPassword = "evaluation system admin password"

  let directory: String
  let registry: ChildProcess
  let selfReview: ChildProcess
  let evaluation: ChildProcess
  let registryPort: Int
  let selfReviewPort: Int
  let evaluationPort: Int
  let adminToken: String
  let transports: [HTTP2ClientTransport]

  /// - Parameter evaluationArguments: more arguments for `charter-evaluation`.
  static func start(evaluationArguments: [String] = []) async throws -> EvaluationSystem {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("evaluation-system-\(UUID())").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let (registry, registryPort) = try await launch(
      "charter-registry", ["--data-dir", directory + "/registry", "--bootstrap-admin-email", "admin@evaluation.test"],
      environment: ["BOOTSTRAP_ADMIN_PASSWORD": adminPassword])
    let registryTransport = HTTP2ClientTransport(host: "127.0.0.1", port: registryPort)
    let adminToken = try await Registry.Client(RPCClient(transport: registryTransport)).signIn(
      .init(email: "admin@evaluation.test", password: adminPassword)
    ).token
    let admin = Registry.Client(
      RPCClient(transport: registryTransport, interceptors: [BearerTokenInterceptor { adminToken }]))
    func tokenFile(_ service: String) async throws -> String {
      let file = directory + "/\(service).token"
      try Data(try await admin.issueServiceToken(.init(serviceName: service)).token.utf8).write(
        to: URL(fileURLWithPath: file))
      return file
    }
    // Each follows the other's feed, so evaluation's port is chosen before either starts.
    let evaluationPort = try freePort()
    let (selfReview, selfReviewPort) = try await launch(
      "charter-self-review",
      [
        "--data-dir", directory + "/self-review", "--registry-addr", "127.0.0.1:\(registryPort)", "--evaluation-addr",
        "127.0.0.1:\(evaluationPort)", "--service-token-file", try await tokenFile("self-review"),
      ])
    let (evaluation, _) = try await launch(
      "charter-evaluation",
      [
        "--data-dir", directory + "/evaluation", "--registry-addr", "127.0.0.1:\(registryPort)", "--self-review-addr",
        "127.0.0.1:\(selfReviewPort)", "--service-token-file", try await tokenFile("evaluation"),
      ] + evaluationArguments, port: evaluationPort)
    return EvaluationSystem(
      directory: directory, registry: registry, selfReview: selfReview, evaluation: evaluation,
      registryPort: registryPort, selfReviewPort: selfReviewPort, evaluationPort: evaluationPort,
      adminToken: adminToken,
      transports: [
        registryTransport, HTTP2ClientTransport(host: "127.0.0.1", port: selfReviewPort),
        HTTP2ClientTransport(host: "127.0.0.1", port: evaluationPort),
      ])
  }

  private init(
    directory: String, registry: ChildProcess, selfReview: ChildProcess, evaluation: ChildProcess, registryPort: Int,
    selfReviewPort: Int, evaluationPort: Int, adminToken: String, transports: [HTTP2ClientTransport]
  ) {
    self.directory = directory
    self.registry = registry
    self.selfReview = selfReview
    self.evaluation = evaluation
    self.registryPort = registryPort
    self.selfReviewPort = selfReviewPort
    self.evaluationPort = evaluationPort
    self.adminToken = adminToken
    self.transports = transports
  }

  /// SIGTERM to each; returns their exit statuses (evaluation, self-review, registry).
  func stop() async -> [Int32?] {
    for transport in transports { await transport.close() }
    var statuses: [Int32?] = []
    for process in [evaluation, selfReview, registry] {
      process.signal(SIGTERM)
      statuses.append(await process.waitForExit(timeout: .seconds(20)))
      await process.stop()
    }
    try? FileManager.default.removeItem(atPath: directory)
    return statuses
  }

  func registry(_ token: String?) -> Registry.Client {
    Registry.Client(
      RPCClient(transport: transports[0], interceptors: token.map { t in [BearerTokenInterceptor { t }] } ?? []))
  }

  func selfReview(_ token: String) -> SelfReview.Client {
    SelfReview.Client(RPCClient(transport: transports[1], interceptors: [BearerTokenInterceptor { token }]))
  }

  func evaluation(_ token: String) -> Evaluation.Client {
    Evaluation.Client(RPCClient(transport: transports[2], interceptors: [BearerTokenInterceptor { token }]))
  }

  /// Invites someone with `roles`, accepts and signs in; returns their token.
  func person(_ email: String, _ name: String, _ roles: [RoleGrant]) async throws -> String {
    let invitation = try await registry(adminToken).invitePerson(
      .init(email: email, displayName: name, roles: roles.map(\.message)))
    _ = try await registry(nil).acceptInvitation(
      .init(invitationCode: invitation.invitationCode, password: "password of \(email)"))
    return try await registry(nil).signIn(.init(email: email, password: "password of \(email)")).token
  }

  /// Registers a committed school with its head, who rates every aspect at its threshold with
  /// commentary; waits until evaluation has learnt (from both feeds) that it may apply.
  /// Returns the head's token.
  func schoolAtTheStandard(_ urn: String, la: String = "383", name: String = "Cross Street Primary") async throws
    -> String
  {
    _ = try await registry(adminToken).registerSchool(
      .init(
        urn: urn, name: name,
        address: Common.PostalAddress(lines: ["1 Cross Street"], town: "Leeds", postcode: "LS1 4AP"),
        phase: .primary, localAuthority: Common.LocalAuthority(code: la, name: "Authority \(la)"), numberOnRoll: 310,
        location: Common.GeoPoint(latitude: 53.8, longitude: -1.55), commitToCharter: true))
    let head = try await person(
      "head@\(urn).example", "Head of \(urn)", [try RoleGrant(.schoolAdmin, .school(urn: urn))])
    let review = selfReview(head)
    guard await Self.eventually({ (try? await review.startReview(.init(schoolUrn: urn))) != nil }) else {
      throw SystemFailure("self-review never learnt of school \(urn)")
    }
    let framework = try await review.getFramework(.init())
    let ratings = framework.elements.flatMap(\.strands).flatMap(\.aspects).map {
      SelfReview.RateAspectRequest(
        aspectId: $0.aspectId, level: $0.thresholdLevel, commentary: "Evidence for \($0.aspectId) is in the ICT plan.")
    }
    _ = try await review.rateAspects(.init(schoolUrn: urn, ratings: ratings))
    let evaluation = evaluation(head)
    guard
      await Self.eventually({ (try? await evaluation.getEligibility(.init(schoolUrn: urn)))?.eligible == true })
    else { throw SystemFailure("evaluation never learnt that school \(urn) may apply") }
    return head
  }

  /// Polls `condition` for up to `seconds`.
  static func eventually(seconds: Int = 15, _ condition: () async -> Bool) async -> Bool {
    let end = ContinuousClock.now.advanced(by: .seconds(seconds))
    while ContinuousClock.now < end {
      if await condition() { return true }
      try? await Task.sleep(for: .milliseconds(25))
    }
    return false
  }

  /// Starts a `charter-*` executable and returns it with the port it serves on.
  static func launch(
    _ name: String, _ arguments: [String], port: Int = 0, environment extra: [String: String] = [:]
  ) async throws -> (ChildProcess, Int) {
    var environment = ProcessInfo.processInfo.environment
    environment.merge(extra) { $1 }
    let process = try ChildProcess(
      ChildProcess.buildProducts.appendingPathComponent(name).path,
      ["--port", "\(port)", "--log-level", "info"] + arguments, environment: environment)
    let bound = await process.waitForOutput { _, err in
      err.split(separator: "\n").first { $0.contains("\"message\":\"\(name) serving\"") }
        .flatMap { line in line.range(of: "\"port\":\"").map { line[$0.upperBound...].prefix { $0.isNumber } } }
        .flatMap { Int($0) }
    }
    guard let bound else {
      await process.stop()
      throw SystemFailure("\(name) did not start: \(process.stderr.suffix(2000))")
    }
    return (process, bound)
  }

  /// A loopback port nothing listens on now.
  static func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw SystemFailure("no socket") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
        bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
      }
    }
    guard bound else { throw SystemFailure("cannot bind a loopback port") }
    return Int(UInt16(bigEndian: address.sin_port))
  }
}

struct SystemFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
