import CharterValues
import Contracts
import Foundation
import Identity
import Logging
import RPCCore
import RegistryService
import SelfReviewService
import ServiceKit

@testable import AccreditationService

/// The registry, the self-review service and the accreditation service as production wires
/// them, in one process on in-process transports sharing one clock the test moves:
/// accreditation learns the registry's keys and follows the registry's and self-review's
/// feeds with its service token. (Evaluation is not running here: its peer transport has no
/// server, so that follower waits, as it would for a peer that is down.)
final class AccreditationHarness: @unchecked Sendable {
  let clock: ManualWallClock
  let registryHost: ServiceHost
  let selfReviewHost: ServiceHost
  let assembly: AccreditationHost.Assembly
  let registryTransport: InProcessTransport
  let selfReviewTransport: InProcessTransport
  let transport = InProcessTransport()
  let directory: String
  let adminToken: String
  let serviceToken: String

  static let adminPassword = "in-process admin password"

  static func start(rules: AccreditationRules = AccreditationRules()) async throws -> AccreditationHarness {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("accreditation-inproc-\(UUID())").path
    var logger = Logger(label: "accreditation-inproc")
    logger.logLevel = .critical
    let clock = ManualWallClock(UTCTime.now())
    let registryTransport = InProcessTransport()
    var registrySettings = ServiceSettings(port: 0, dataDirectory: directory + "/registry", logLevel: .critical)
    registrySettings.options[RegistryHost.bootstrapAdminEmail.flag] = "admin@inproc.test"
    var configuration = RegistryService.Configuration()
    configuration.passwordLogRounds = 10
    let registryHost = try await RegistryHost.build(
      settings: registrySettings, environment: ["BOOTSTRAP_ADMIN_PASSWORD": adminPassword], logger: logger,
      configuration: configuration, clock: clock)
    try await registryHost.start(on: registryTransport)
    let anonymous = Registry.Client(RPCClient(transport: registryTransport.client))
    let adminToken = try await anonymous.signIn(.init(email: "admin@inproc.test", password: adminPassword)).token
    let admin = Registry.Client(
      RPCClient(transport: registryTransport.client, interceptors: [BearerTokenInterceptor { adminToken }]))

    let reviewToken = try await admin.issueServiceToken(.init(serviceName: "self-review")).token
    var reviewSettings = ServiceSettings(port: 0, dataDirectory: directory + "/self-review", logLevel: .critical)
    reviewSettings.peerTransports[.registry] = registryTransport.client
    let selfReviewTransport = InProcessTransport()
    let selfReviewHost = try await SelfReviewHost.build(
      settings: reviewSettings, environment: ["SERVICE_TOKEN": reviewToken], logger: logger, clock: clock)
    try await selfReviewHost.start(on: selfReviewTransport)

    let serviceToken = try await admin.issueServiceToken(.init(serviceName: "accreditation")).token
    var settings = ServiceSettings(port: 0, dataDirectory: directory + "/accreditation", logLevel: .critical)
    settings.peerTransports[.registry] = registryTransport.client
    settings.peerTransports[.selfReview] = selfReviewTransport.client
    settings.peerTransports[.evaluation] = InProcessTransport().client
    let assembly = try await AccreditationHost.assemble(
      settings: settings, environment: ["SERVICE_TOKEN": serviceToken], logger: logger, rules: rules, clock: clock)
    let harness = AccreditationHarness(
      clock: clock, registryHost: registryHost, selfReviewHost: selfReviewHost, assembly: assembly,
      directory: directory, adminToken: adminToken, serviceToken: serviceToken,
      registryTransport: registryTransport, selfReviewTransport: selfReviewTransport)
    try await assembly.host.start(on: harness.transport)
    return harness
  }

  private init(
    clock: ManualWallClock, registryHost: ServiceHost, selfReviewHost: ServiceHost,
    assembly: AccreditationHost.Assembly,
    directory: String, adminToken: String, serviceToken: String, registryTransport: InProcessTransport,
    selfReviewTransport: InProcessTransport
  ) {
    self.clock = clock
    self.registryHost = registryHost
    self.selfReviewHost = selfReviewHost
    self.assembly = assembly
    self.directory = directory
    self.adminToken = adminToken
    self.serviceToken = serviceToken
    self.registryTransport = registryTransport
    self.selfReviewTransport = selfReviewTransport
  }

  func stop() async {
    await assembly.host.shutdown(gracePeriod: .seconds(1))
    await selfReviewHost.shutdown(gracePeriod: .seconds(1))
    await registryHost.shutdown(gracePeriod: .seconds(1))
    try? FileManager.default.removeItem(atPath: directory)
  }

  // MARK: clients

  func accreditation(token: String?) -> Accreditation.Client {
    Accreditation.Client(
      RPCClient(transport: transport.client, interceptors: token.map { t in [BearerTokenInterceptor { t }] } ?? []))
  }

  func registry(token: String?) -> Registry.Client {
    Registry.Client(
      RPCClient(
        transport: registryTransport.client, interceptors: token.map { t in [BearerTokenInterceptor { t }] } ?? []))
  }

  func selfReview(token: String) -> SelfReview.Client {
    SelfReview.Client(
      RPCClient(transport: selfReviewTransport.client, interceptors: [BearerTokenInterceptor { token }]))
  }

  var admin: Accreditation.Client { accreditation(token: adminToken) }
  var adminRegistry: Registry.Client { registry(token: adminToken) }

  // MARK: the story's people and schools

  /// Invites a person with grants; they accept and sign in. Returns their id and token.
  func person(_ email: String, _ grants: [RoleGrant]) async throws -> (id: String, token: String) {
    let invitation = try await adminRegistry.invitePerson(
      .init(email: email, displayName: email, roles: grants.map(\.message)))
    _ = try await registry(token: nil).acceptInvitation(
      .init(invitationCode: invitation.invitationCode, password: "password for \(email)"))
    let token = try await registry(token: nil).signIn(.init(email: email, password: "password for \(email)")).token
    return (invitation.person?.personId ?? "", token)
  }

  /// Registers a school and waits until accreditation has a standing for it.
  func school(_ urn: String, la: String = "383", committed: Bool = true) async throws {
    var request = Registry.RegisterSchoolRequest(
      urn: urn, name: "School \(urn)",
      address: Common.PostalAddress(lines: ["1 Lane"], town: "Leeds", postcode: "LS1 4AP"), phase: .primary,
      localAuthority: Common.LocalAuthority(code: la, name: "Authority \(la)"), numberOnRoll: 200)
    request.commitToCharter = committed
    _ = try await adminRegistry.registerSchool(request)
    try await until("accreditation knows school \(urn) at level \(committed ? 1 : 0)") {
      (try? await self.admin.getCharterStanding(.init(schoolUrn: urn)).level)
        == (committed ? .committed : .notCommitted)
    }
  }

  /// Rates leadership and management plus two elements to the standard and waits until
  /// accreditation hears that the level 2 rule holds.
  func meetLevel2Rule(_ urn: String, headToken: String) async throws {
    let review = selfReview(token: headToken)
    _ = try await review.startReview(.init(schoolUrn: urn))
    var ratings: [SelfReview.RateAspectRequest] = []
    for element in ["E1", "E5", "E7"] { ratings += SRF2008.atStandard(element) }
    _ = try await review.rateAspects(.init(schoolUrn: urn, ratings: ratings))
    try await until("accreditation hears the level 2 rule holds for \(urn)") {
      (try? await self.admin.getCharterStanding(.init(schoolUrn: urn)).mayRequestRecognition) == true
    }
  }

  /// Polls `condition` for up to ten seconds.
  func until(_ what: String, _ condition: @escaping () async -> Bool) async throws {
    let end = ContinuousClock.now.advanced(by: .seconds(10))
    while ContinuousClock.now < end {
      if await condition() { return }
      try await Task.sleep(for: .milliseconds(10))
    }
    throw TestFailure("timed out: \(what)")
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

  /// Ratings putting every aspect of `element` exactly at its threshold, with commentary.
  static func atStandard(_ element: String) -> [SelfReview.RateAspectRequest] {
    elements.first { $0.id == element }!.aspects.map {
      SelfReview.RateAspectRequest(
        aspectId: $0.id, level: Int32($0.threshold), commentary: "We meet \($0.id): see the plan.")
    }
  }

  /// Ratings putting every aspect of `element` one level below its threshold.
  static func belowStandard(_ element: String) -> [SelfReview.RateAspectRequest] {
    elements.first { $0.id == element }!.aspects.map {
      SelfReview.RateAspectRequest(aspectId: $0.id, level: Int32($0.threshold + 1), commentary: "Not yet.")
    }
  }
}
