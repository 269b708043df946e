import CharterValues
import Contracts
import Foundation
import Identity
import Logging
import RPCCore
import RegistryService
import SelfReviewService
import ServiceKit
import Testing

/// The registry and the self-review service as production wires them, in one process on the
/// in-process transport: self-review learns the registry's keys and follows its feed through
/// an in-process peer client.
@Suite("Self-review over the in-process transport")
struct SelfReviewInProcessTests {
  @Test("a school registered in the registry reaches self-review's replica; its head reviews it, with no socket")
  func journey() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("review-inproc-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var logger = Logger(label: "review-inproc")
    logger.logLevel = .warning
    var registrySettings = ServiceSettings(port: 0, dataDirectory: directory + "/registry", logLevel: .warning)
    registrySettings.options[RegistryHost.bootstrapAdminEmail.flag] = "admin@inproc.test"
    var configuration = RegistryService.Configuration()
    configuration.passwordLogRounds = 10
    let registryHost = try await RegistryHost.build(
      settings: registrySettings, environment: ["BOOTSTRAP_ADMIN_PASSWORD": "in-process password"], logger: logger,
      configuration: configuration)
    let registryTransport = InProcessTransport()
    try await registryHost.start(on: registryTransport)
    let anonymous = Registry.Client(RPCClient(transport: registryTransport.client))
    let adminToken = try await anonymous.signIn(.init(email: "admin@inproc.test", password: "in-process password"))
      .token
    let admin = Registry.Client(
      RPCClient(transport: registryTransport.client, interceptors: [BearerTokenInterceptor { adminToken }]))
    let serviceToken = try await admin.issueServiceToken(.init(serviceName: "self-review")).token

    var settings = ServiceSettings(port: 0, dataDirectory: directory + "/self-review", logLevel: .warning)
    settings.peerTransports[.registry] = registryTransport.client
    let host = try await SelfReviewHost.build(
      settings: settings, environment: ["SERVICE_TOKEN": serviceToken], logger: logger)
    let transport = InProcessTransport()
    try await host.start(on: transport)

    _ = try await admin.registerSchool(
      .init(
        urn: "910001", name: "In Process Primary",
        address: Common.PostalAddress(lines: ["1 Lane"], town: "Leeds", postcode: "LS1 4AP"), phase: .primary,
        localAuthority: Common.LocalAuthority(code: "383", name: "Leeds"), numberOnRoll: 200, commitToCharter: true))
    let invitation = try await admin.invitePerson(
      .init(email: "head@910001.example", displayName: "Head", roles: [RoleGrant.schoolAdmin("910001").message]))
    _ = try await anonymous.acceptInvitation(
      .init(invitationCode: invitation.invitationCode, password: "head password 1"))
    let headToken = try await anonymous.signIn(.init(email: "head@910001.example", password: "head password 1")).token
    let head = SelfReview.Client(
      RPCClient(transport: transport.client, interceptors: [BearerTokenInterceptor { headToken }]))

    // The follower brings the school over; then the head starts and rates.
    let end = ContinuousClock.now.advanced(by: .seconds(10))
    var review: SelfReview.Review?
    while review == nil, ContinuousClock.now < end {
      review = try? await head.startReview(.init(schoolUrn: "910001"))
      if review == nil { try await Task.sleep(for: .milliseconds(10)) }
    }
    #expect(review?.frameworkId == "srf-2008")
    for request in SRF2008.atStandard("E1") {
      var rating = request
      rating.schoolUrn = "910001"
      _ = try await head.rateAspect(rating)
    }
    let status = try await head.getReviewStatus(.init(schoolUrn: "910001"))
    #expect(status.elements.first { $0.elementId == "E1" }?.atNationalStandard == true)
    let events = try await head.streamEvents(.init(afterSequence: 0, stopAtHead: true, schoolUrn: "910001")) { stream in
      var all: [SelfReview.SelfReviewEvent] = []
      for try await event in stream { all.append(event) }
      return all
    }
    #expect(events.contains { if case .elementReachedStandard = $0.payload { true } else { false } })
    await host.shutdown(gracePeriod: .seconds(1))
    await registryHost.shutdown(gracePeriod: .seconds(1))
  }
}
