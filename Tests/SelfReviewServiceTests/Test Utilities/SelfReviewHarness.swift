import CharterValues
import Contracts
import Foundation
import Identity
import Logging
import RPCCore
import RPCHTTP2
import RegistryService
import SelfReviewService
import ServiceKit
import TestSupport

/// A real registry and a real self-review service on loopback ports, the latter following the
/// former's event feed, with helpers for the people of a test story.
final class SelfReviewHarness: Sendable {
  let registryHost: ServiceHost
  let registryPort: Int
  let host: ServiceHost
  let port: Int
  let directory: String
  let transport: HTTP2ClientTransport
  let registryTransport: HTTP2ClientTransport
  let adminToken: String

  static func start() async throws -> SelfReviewHarness {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "self-review-test-\(UUID().uuidString)"
    ).path
    var logger = Logger(label: "self-review-test")
    logger.logLevel = .warning
    // The registry.
    var registrySettings = ServiceSettings(port: 0, dataDirectory: directory + "/registry", logLevel: .warning)
    registrySettings.options[RegistryHost.bootstrapAdminEmail.flag] = "admin@charter.test"
    var configuration = RegistryService.Configuration()
    configuration.passwordLogRounds = 10
    let registryHost = try await RegistryHost.build(
      settings: registrySettings, environment: ["BOOTSTRAP_ADMIN_PASSWORD": "admin password for tests"], logger: logger,
      configuration: configuration)
    let registryPort = try await registryHost.start()!
    let registryTransport = HTTP2ClientTransport(host: "127.0.0.1", port: registryPort)
    let anonymous = Registry.Client(RPCClient(transport: registryTransport))
    let adminToken = try await anonymous.signIn(
      .init(email: "admin@charter.test", password: "admin password for tests")
    ).token
    let admin = Registry.Client(
      RPCClient(transport: registryTransport, interceptors: [BearerTokenInterceptor { adminToken }]))
    let serviceToken = try await admin.issueServiceToken(.init(serviceName: "self-review")).token
    // The self-review service.
    var settings = ServiceSettings(port: 0, dataDirectory: directory + "/self-review", logLevel: .warning)
    settings.peers[.registry] = "127.0.0.1:\(registryPort)"
    let host = try await SelfReviewHost.build(
      settings: settings, environment: ["SERVICE_TOKEN": serviceToken], logger: logger)
    let port = try await host.start()!
    return SelfReviewHarness(
      registryHost: registryHost, registryPort: registryPort, host: host, port: port, directory: directory,
      transport: HTTP2ClientTransport(host: "127.0.0.1", port: port), registryTransport: registryTransport,
      adminToken: adminToken)
  }

  private init(
    registryHost: ServiceHost, registryPort: Int, host: ServiceHost, port: Int, directory: String,
    transport: HTTP2ClientTransport, registryTransport: HTTP2ClientTransport, adminToken: String
  ) {
    self.registryHost = registryHost
    self.registryPort = registryPort
    self.host = host
    self.port = port
    self.directory = directory
    self.transport = transport
    self.registryTransport = registryTransport
    self.adminToken = adminToken
  }

  func stop() async {
    await transport.close()
    await registryTransport.close()
    await host.shutdown(gracePeriod: .seconds(1))
    await registryHost.shutdown(gracePeriod: .seconds(1))
  }

  func selfReview(token: String) -> SelfReview.Client {
    SelfReview.Client(RPCClient(transport: transport, interceptors: [BearerTokenInterceptor { token }]))
  }

  func registry(token: String?) -> Registry.Client {
    Registry.Client(
      RPCClient(transport: registryTransport, interceptors: token.map { t in [BearerTokenInterceptor { t }] } ?? []))
  }

  var adminReview: SelfReview.Client { selfReview(token: adminToken) }
  var adminRegistry: Registry.Client { registry(token: adminToken) }

  /// Registers a school (committed unless told otherwise) and waits until the self-review
  /// service has heard of it through the registry's feed.
  func school(_ urn: String, la: String = "330", phase: Common.SchoolPhase = .primary, committed: Bool = true)
    async throws
  {
    var request = Registry.RegisterSchoolRequest(
      urn: urn, name: "School \(urn)",
      address: Common.PostalAddress(lines: ["1 Lane"], town: "Town", postcode: "B15 2TT"), phase: phase,
      localAuthority: Common.LocalAuthority(code: la, name: "Authority \(la)"), numberOnRoll: 200)
    request.commitToCharter = committed
    _ = try await adminRegistry.registerSchool(request)
    try await waitUntilKnown(urn)
  }

  /// Polls until the self-review service knows the school (its feed consumer caught up).
  func waitUntilKnown(_ urn: String, timeout: Duration = .seconds(10)) async throws {
    let end = ContinuousClock.now.advanced(by: timeout)
    while ContinuousClock.now < end {
      do {
        _ = try await adminReview.getReviewStatus(.init(schoolUrn: urn))
        return
      } catch let error as RPCError where error.message.contains("has not started") {
        return
      } catch let error as RPCError where error.code == .notFound {
        try await Task.sleep(for: .milliseconds(10))
      }
    }
    throw TestFailure("self-review never heard of school \(urn)")
  }

  /// Invites a person with grants, accepts, signs in; returns their token.
  func person(_ email: String, _ grants: [RoleGrant]) async throws -> String {
    let invitation = try await adminRegistry.invitePerson(
      .init(email: email, displayName: email, roles: grants.map(\.message)))
    _ = try await registry(token: nil).acceptInvitation(
      .init(invitationCode: invitation.invitationCode, password: "password for \(email)"))
    return try await registry(token: nil).signIn(.init(email: email, password: "password for \(email)")).token
  }

  /// Events of the self-review feed (all schools, as the admin).
  func events(after: Int64 = 0) async throws -> [SelfReview.SelfReviewEvent] {
    try await adminReview.streamEvents(.init(afterSequence: after, stopAtHead: true)) { stream in
      var all: [SelfReview.SelfReviewEvent] = []
      for try await event in stream { all.append(event) }
      return all
    }
  }
}

struct TestFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

extension RoleGrant {
  static func schoolAdmin(_ urn: String) -> RoleGrant { try! RoleGrant(.schoolAdmin, .school(urn: urn)) }
  static func contributor(_ urn: String) -> RoleGrant { try! RoleGrant(.schoolContributor, .school(urn: urn)) }
  static func adviser(_ code: String) -> RoleGrant {
    try! RoleGrant(.localAuthorityAdviser, .localAuthority(code: code))
  }
  static var assessor: RoleGrant { try! RoleGrant(.assessor) }
}

/// The RPCError `body` throws.
func rpcError<T>(_ body: () async throws -> T) async -> RPCError? {
  do {
    _ = try await body()
    return nil
  } catch let error as RPCError {
    return error
  } catch {
    return nil
  }
}

/// srf-2008's aspects by element, with thresholds (level 1 is best; meeting = level ≤ threshold).
enum SRF2008 {
  static let elements: [(id: String, aspects: [(id: String, threshold: Int)])] = [
    (
      "E1",
      [("1a1", 2), ("1a2", 3), ("1b1", 3), ("1b2", 3), ("1b3", 3), ("1c1", 2), ("1c2", 3), ("1d1", 3), ("1d2", 3)]
    ),
    ("E2", [("2a1", 3), ("2a2", 3), ("2b1", 3), ("2b2", 3)]),
    ("E3", [("3a1", 3), ("3a2", 3), ("3b1", 3), ("3b2", 3)]),
    ("E4", [("4a1", 3), ("4a2", 3), ("4b1", 3), ("4b2", 3)]),
    ("E5", [("5a1", 3), ("5b1", 3), ("5b2", 2), ("5c1", 3)]),
    ("E6", [("6a1", 3), ("6a2", 3), ("6b1", 3), ("6b2", 3)]),
    ("E7", [("7a1", 3), ("7a2", 3), ("7b1", 3), ("7b2", 3), ("7b3", 3)]),
    ("E8", [("8a1", 3), ("8a2", 3), ("8b1", 3), ("8b2", 3)]),
  ]

  /// Ratings putting every aspect of `element` exactly at its threshold.
  static func atStandard(_ element: String) -> [SelfReview.RateAspectRequest] {
    elements.first { $0.id == element }!.aspects.map {
      SelfReview.RateAspectRequest(
        aspectId: $0.id, level: Int32($0.threshold), commentary: "We meet \($0.id): see the plan.")
    }
  }
}
