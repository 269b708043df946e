import CharterValues
import Contracts
import Foundation
import Identity
import Logging
import RPCCore
import RegistryService
import ServiceKit
import Testing

/// The registry exactly as it is wired for production (`RegistryHost`), served over the
/// in-process transport: calls go through the typed client, interceptors and handlers with
/// no socket.
@Suite("Registry over the in-process transport")
struct RegistryInProcessTests {
  @Test("sign in, register, read back, page, stream the feed and get typed errors, with no socket")
  func journey() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("registry-inproc-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var settings = ServiceSettings(port: 0, dataDirectory: directory, logLevel: .warning)
    settings.options[RegistryHost.bootstrapAdminEmail.flag] = "admin@inproc.test"
    var configuration = RegistryService.Configuration()
    configuration.passwordLogRounds = 10
    var logger = Logger(label: "registry-inproc")
    logger.logLevel = .warning
    let host = try await RegistryHost.build(
      settings: settings, environment: ["BOOTSTRAP_ADMIN_PASSWORD": "in-process password"], logger: logger,
      configuration: configuration)
    let transport = InProcessTransport()
    #expect(try await host.start(on: transport) == nil)

    let anonymous = Registry.Client(RPCClient(transport: transport.client))
    #expect(await code { try await anonymous.listSchools(.init()) } == .unauthenticated)
    let token = try await anonymous.signIn(.init(email: "admin@inproc.test", password: "in-process password")).token
    let admin = Registry.Client(
      RPCClient(transport: transport.client, interceptors: [BearerTokenInterceptor { token }]))
    for urn in 900_001...900_005 {
      _ = try await admin.registerSchool(RegistryHarness.schoolRequest(urn: String(urn), commit: true))
    }
    #expect(try await admin.getSchool(.init(urn: " 900003 ")).urn == "900003")
    let first = try await admin.listSchools(.init(pageSize: 3))
    #expect(first.schools.map(\.urn) == ["900001", "900002", "900003"])
    let second = try await admin.listSchools(.init(pageSize: 3, pageToken: first.nextPageToken))
    #expect(second.schools.map(\.urn) == ["900004", "900005"])
    #expect(await code { try await admin.getSchool(.init(urn: "9000")) } == .invalidArgument)
    #expect(
      await code { try await admin.registerSchool(RegistryHarness.schoolRequest(urn: "900001")) } == .alreadyExists)
    let events = try await admin.streamEvents(.init(afterSequence: 0, stopAtHead: true)) { stream in
      var all: [Registry.RegistryEvent] = []
      for try await event in stream { all.append(event) }
      return all
    }
    #expect(events.filter { if case .schoolCommitted = $0.payload { true } else { false } }.count == 5)
    #expect(events.map(\.sequence) == events.map(\.sequence).sorted())
    // A deadline reaches the handler as on the wire.
    let expired = await code {
      try await admin.listSchools(.init(), options: CallOptions(timeout: .nanoseconds(1)))
    }
    #expect(expired == .deadlineExceeded)
    await host.shutdown(gracePeriod: .seconds(1))
    #expect(await code { try await admin.listSchools(.init()) } == .unavailable)
  }
}
