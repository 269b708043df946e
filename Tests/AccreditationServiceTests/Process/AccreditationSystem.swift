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

/// The real `charter-registry`, `charter-self-review`, `charter-evaluation` and
/// `charter-accreditation` executables on loopback, wired as `deploy/local/run.sh` wires
/// them: each internal service with its own service token; self-review and evaluation follow
/// each other, accreditation follows all three.
final class AccreditationSystem: @unchecked Sendable {
  static let adminPassword = "accreditation system admin password"

  let directory: String
  let registry: ChildProcess
  let selfReview: ChildProcess
  let evaluation: ChildProcess
  private(set) var accreditation: ChildProcess
  let registryPort: Int
  let selfReviewPort: Int
  let evaluationPort: Int
  private(set) var accreditationPort: Int
  let adminToken: String
  private(set) var transports: [HTTP2ClientTransport]
  let accreditationArguments: [String]

  static func start() async throws -> AccreditationSystem {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("accreditation-system-\(UUID())")
      .path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let (registry, registryPort) = try await launch(
      "charter-registry", ["--data-dir", directory + "/registry", "--bootstrap-admin-email", "admin@charter.test"],
      environment: ["BOOTSTRAP_ADMIN_PASSWORD": adminPassword])
    let registryTransport = HTTP2ClientTransport(host: "127.0.0.1", port: registryPort)
    let adminToken = try await Registry.Client(RPCClient(transport: registryTransport)).signIn(
      .init(email: "admin@charter.test", password: adminPassword)
    ).token
    let admin = Registry.Client(
      RPCClient(transport: registryTransport, interceptors: [BearerTokenInterceptor { adminToken }]))
    func tokenFile(_ service: String) async throws -> String {
      let file = directory + "/\(service).token"
      try Data(try await admin.issueServiceToken(.init(serviceName: service)).token.utf8).write(
        to: URL(fileURLWithPath: file))
      return file
    }
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
      ], port: evaluationPort)
    let accreditationArguments = [
      "--data-dir", directory + "/accreditation", "--registry-addr", "127.0.0.1:\(registryPort)",
      "--self-review-addr", "127.0.0.1:\(selfReviewPort)", "--evaluation-addr", "127.0.0.1:\(evaluationPort)",
      "--service-token-file", try await tokenFile("accreditation"), "--scheduler-interval", "1",
    ]
    let (accreditation, accreditationPort) = try await launch("charter-accreditation", accreditationArguments)
    return AccreditationSystem(
      directory: directory, registry: registry, selfReview: selfReview, evaluation: evaluation,
      accreditation: accreditation, registryPort: registryPort, selfReviewPort: selfReviewPort,
      evaluationPort: evaluationPort, accreditationPort: accreditationPort, adminToken: adminToken,
      accreditationArguments: accreditationArguments,
      transports: [
        registryTransport, HTTP2ClientTransport(host: "127.0.0.1", port: selfReviewPort),
        HTTP2ClientTransport(host: "127.0.0.1", port: evaluationPort),
        HTTP2ClientTransport(host: "127.0.0.1", port: accreditationPort),
      ])
  }

  private init(
    directory: String, registry: ChildProcess, selfReview: ChildProcess, evaluation: ChildProcess,
    accreditation: ChildProcess, registryPort: Int, selfReviewPort: Int, evaluationPort: Int, accreditationPort: Int,
    adminToken: String, accreditationArguments: [String], transports: [HTTP2ClientTransport]
  ) {
    self.directory = directory
    self.registry = registry
    self.selfReview = selfReview
    self.evaluation = evaluation
    self.accreditation = accreditation
    self.registryPort = registryPort
    self.selfReviewPort = selfReviewPort
    self.evaluationPort = evaluationPort
    self.accreditationPort = accreditationPort
    self.adminToken = adminToken
    self.accreditationArguments = accreditationArguments
    self.transports = transports
  }

  /// Stops `charter-accreditation` with SIGTERM (returning its exit status) and starts it again
  /// on the same data with `extra` arguments, e.g. a clock some years ahead.
  func restartAccreditation(_ extra: [String]) async throws -> Int32? {
    await transports[3].close()
    accreditation.signal(SIGTERM)
    let status = await accreditation.waitForExit(timeout: .seconds(20))
    (accreditation, accreditationPort) = try await Self.launch(
      "charter-accreditation", accreditationArguments + extra)
    transports[3] = HTTP2ClientTransport(host: "127.0.0.1", port: accreditationPort)
    return status
  }

  /// SIGTERM to each; returns their exit statuses (accreditation, evaluation, self-review, registry).
  func stop() async -> [Int32?] {
    for transport in transports { await transport.close() }
    var statuses: [Int32?] = []
    for process in [accreditation, evaluation, selfReview, registry] {
      process.signal(SIGTERM)
      statuses.append(await process.waitForExit(timeout: .seconds(20)))
      await process.stop()
    }
    try? FileManager.default.removeItem(atPath: directory)
    return statuses
  }

  private func client(_ index: Int, _ token: String?) -> RPCClient {
    RPCClient(transport: transports[index], interceptors: token.map { t in [BearerTokenInterceptor { t }] } ?? [])
  }

  func registry(_ token: String?) -> Registry.Client { Registry.Client(client(0, token)) }
  func selfReview(_ token: String) -> SelfReview.Client { SelfReview.Client(client(1, token)) }
  func evaluation(_ token: String) -> Evaluation.Client { Evaluation.Client(client(2, token)) }
  func accreditation(_ token: String?) -> Accreditation.Client { Accreditation.Client(client(3, token)) }

  /// Invites someone with `roles`, accepts and signs in; returns their person id and token.
  func person(_ email: String, _ name: String, _ roles: [RoleGrant]) async throws -> (id: String, token: String) {
    let invitation = try await registry(adminToken).invitePerson(
      .init(email: email, displayName: name, roles: roles.map(\.message)))
    _ = try await registry(nil).acceptInvitation(
      .init(invitationCode: invitation.invitationCode, password: "password of \(email)"))
    let token = try await registry(nil).signIn(.init(email: email, password: "password of \(email)")).token
    return (invitation.person?.personId ?? "", token)
  }

  /// Registers a committed school with its head and waits until accreditation holds it at
  /// level 1. Returns the head's token.
  func committedSchool(_ urn: String, la: String = "383", name: String) async throws -> String {
    _ = try await registry(adminToken).registerSchool(
      .init(
        urn: urn, name: name,
        address: Common.PostalAddress(lines: ["1 Charter Row"], town: "Leeds", postcode: "LS1 4AP"),
        phase: .primary, localAuthority: Common.LocalAuthority(code: la, name: "Authority \(la)"),
        numberOnRoll: 310, location: Common.GeoPoint(latitude: 53.8, longitude: -1.55), commitToCharter: true))
    let head = try await person(
      "head@\(urn).example", "Head of \(urn)", [try RoleGrant(.schoolAdmin, .school(urn: urn))]
    ).token
    let accreditation = accreditation(head)
    guard
      await Self.eventually({
        (try? await accreditation.getCharterStanding(.init(schoolUrn: urn)))?.level == .committed
      })
    else { throw SystemFailure("accreditation never learnt that school \(urn) committed") }
    return head
  }

  /// The head rates every aspect at its threshold with commentary; waits until accreditation
  /// says the school may ask for recognition and evaluation says it may apply.
  func rateToTheStandard(_ urn: String, head: String) async throws {
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
    let accreditation = accreditation(head)
    guard
      await Self.eventually({
        (try? await accreditation.getCharterStanding(.init(schoolUrn: urn)))?.mayRequestRecognition == true
      })
    else { throw SystemFailure("accreditation never heard that the level 2 rule holds for \(urn)") }
    let evaluation = evaluation(head)
    guard
      await Self.eventually({ (try? await evaluation.getEligibility(.init(schoolUrn: urn)))?.eligible == true })
    else { throw SystemFailure("evaluation never learnt that school \(urn) may apply") }
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
