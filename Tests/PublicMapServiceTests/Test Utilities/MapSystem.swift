import AccreditationService
import CharterValues
import Contracts
import Foundation
import Identity
import Logging
import PublicMapService
import RPCCore
import RegistryService
import ServiceKit

/// The registry, accreditation and any number of public-map replicas in one process on the
/// in-process transport, wired as production wires them (the map follows both feeds with its
/// service credential).
final class MapSystem: Sendable {
  let directory: String
  let logger: Logger
  let registryHost: ServiceHost
  let registryTransport: InProcessTransport
  let accreditationHost: ServiceHost
  let accreditationTransport: InProcessTransport
  let admin: Registry.Client
  let serviceToken: String

  init(
    directory: String, logger: Logger, registryHost: ServiceHost, registryTransport: InProcessTransport,
    accreditationHost: ServiceHost, accreditationTransport: InProcessTransport, admin: Registry.Client,
    serviceToken: String
  ) {
    self.directory = directory
    self.logger = logger
    self.registryHost = registryHost
    self.registryTransport = registryTransport
    self.accreditationHost = accreditationHost
    self.accreditationTransport = accreditationTransport
    self.admin = admin
    self.serviceToken = serviceToken
  }

  static func start() async throws -> MapSystem {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("map-system-\(UUID())").path
    var logger = Logger(label: "map-system")
    logger.logLevel = .critical
    var registrySettings = ServiceSettings(port: 0, dataDirectory: directory + "/registry", logLevel: .critical)
    registrySettings.options[RegistryHost.bootstrapAdminEmail.flag] = "admin@map.test"
    var configuration = RegistryService.Configuration()
    configuration.passwordLogRounds = 10
    let registryHost = try await RegistryHost.build(
      settings: registrySettings, environment: ["BOOTSTRAP_ADMIN_PASSWORD": "map test password"], logger: logger,
      configuration: configuration)
    let registryTransport = InProcessTransport()
    try await registryHost.start(on: registryTransport)
    let anonymous = Registry.Client(RPCClient(transport: registryTransport.client))
    let adminToken = try await anonymous.signIn(.init(email: "admin@map.test", password: "map test password")).token
    let admin = Registry.Client(
      RPCClient(transport: registryTransport.client, interceptors: [BearerTokenInterceptor { adminToken }]))
    let accreditationToken = try await admin.issueServiceToken(.init(serviceName: "accreditation")).token
    let mapToken = try await admin.issueServiceToken(.init(serviceName: "public-map")).token

    var settings = ServiceSettings(port: 0, dataDirectory: directory + "/accreditation", logLevel: .critical)
    settings.peerTransports[.registry] = registryTransport.client
    // Self-review and evaluation are not running: their followers retry quietly.
    settings.peerTransports[.selfReview] = InProcessTransport().client
    settings.peerTransports[.evaluation] = InProcessTransport().client
    let accreditationHost = try await AccreditationHost.build(
      settings: settings, environment: ["SERVICE_TOKEN": accreditationToken], logger: logger)
    let accreditationTransport = InProcessTransport()
    try await accreditationHost.start(on: accreditationTransport)
    return MapSystem(
      directory: directory, logger: logger, registryHost: registryHost, registryTransport: registryTransport,
      accreditationHost: accreditationHost, accreditationTransport: accreditationTransport, admin: admin,
      serviceToken: mapToken)
  }

  /// Starts a public-map replica with its own data directory; returns its host and client.
  func startMap(named name: String) async throws -> (host: ServiceHost, client: PublicMap.Client) {
    var settings = ServiceSettings(port: 0, dataDirectory: directory + "/" + name, logLevel: .critical)
    settings.peerTransports[.registry] = registryTransport.client
    settings.peerTransports[.accreditation] = accreditationTransport.client
    let host = try await PublicMapHost.build(
      settings: settings, environment: ["SERVICE_TOKEN": serviceToken], logger: logger)
    let transport = InProcessTransport()
    try await host.start(on: transport)
    return (host, PublicMap.Client(RPCClient(transport: transport.client)))
  }

  /// Registers a school, committed and publicly listed unless told otherwise.
  func register(
    _ urn: String, _ name: String, town: String = "Leeds", postcode: String = "LS1 4AP", la: String = "383",
    laName: String = "Leeds", location: (Double, Double)? = (53.80, -1.55), listed: Bool = true
  ) async throws {
    _ = try await admin.registerSchool(
      .init(
        urn: urn, name: name, address: Common.PostalAddress(lines: ["1 Lane"], town: town, postcode: postcode),
        phase: .primary, localAuthority: Common.LocalAuthority(code: la, name: laName), numberOnRoll: 200,
        location: location.map { Common.GeoPoint(latitude: $0.0, longitude: $0.1) }, commitToCharter: true,
        publiclyListed: listed))
  }

  func stop() async {
    await accreditationHost.shutdown(gracePeriod: .seconds(1))
    await registryHost.shutdown(gracePeriod: .seconds(1))
    try? FileManager.default.removeItem(atPath: directory)
  }
}

/// Polls `body` until it returns a value (or 20 s pass).
func eventually<T>(_ what: String, _ body: () async throws -> T?) async throws -> T {
  let end = ContinuousClock.now.advanced(by: .seconds(20))
  while ContinuousClock.now < end {
    if let value = try? await body() { return value }
    try await Task.sleep(for: .milliseconds(20))
  }
  throw MapTestTimeout(what: what)
}

struct MapTestTimeout: Error, CustomStringConvertible {
  var what: String
  var description: String { "timed out waiting for \(what)" }
}
