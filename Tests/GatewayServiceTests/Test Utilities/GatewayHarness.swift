import CharterValues
import Contracts
import Foundation
import GatewayService
import Hummingbird
import Logging
import PublicMapService
import RPCCore
import ServiceKit
import Storage
import Synchronization

/// A real gateway on a loopback port in front of a real public-map service (its store fed
/// registry and accreditation events directly, served through its host on the in-process
/// transport). Accreditation is not running unless a test serves it.
final class GatewayHarness: Sendable {
  let directory: String
  let keeper: PinKeeper
  let mapHost: ServiceHost
  let port: Int
  let gateway: Task<Void, any Error>
  let sequence = Mutex(0)

  init(directory: String, keeper: PinKeeper, mapHost: ServiceHost, port: Int, gateway: Task<Void, any Error>) {
    self.directory = directory
    self.keeper = keeper
    self.mapHost = mapHost
    self.port = port
    self.gateway = gateway
  }

  static func start(options: [String: String] = [:]) async throws -> GatewayHarness {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gateway-\(UUID())").path
    var logger = Logger(label: "gateway-test")
    logger.logLevel = .critical
    let store = try await PublicMapStore.open(inDirectory: directory)
    let keeper = PinKeeper(store: store)
    let mapHost = ServiceHost(.publicMap, settings: ServiceSettings(port: 0, dataDirectory: directory), logger: logger)
    mapHost.keep(store)
    mapHost.serve([PublicMapService(store: store)])
    let transport = InProcessTransport()
    try await mapHost.start(on: transport)

    var settings = ServiceSettings(port: 0)
    settings.peerTransports[.publicMap] = transport.client
    settings.peerTransports[.accreditation] = InProcessTransport().client
    settings.options = options
    let (backend, _) = try GatewayApplication.backend(settings: settings)
    let cache = ResponseCache(lifetime: .milliseconds(Int64(options["--cache-ms"] ?? "0") ?? 0))
    let router = try GatewayApplication.router(settings: settings, backend: backend, cache: cache, logger: logger)
    let following = Task { await cache.follow(backend.publicMap, logger: logger) }
    let bound = AsyncStream<Int>.makeStream()
    let app = Application(
      router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
      onServerRunning: { channel in
        bound.continuation.yield(channel.localAddress?.port ?? 0)
        bound.continuation.finish()
      }, logger: logger)
    let gateway = Task {
      defer { following.cancel() }
      try await app.run()
    }
    var port = 0
    for await value in bound.stream { port = value }
    return GatewayHarness(directory: directory, keeper: keeper, mapHost: mapHost, port: port, gateway: gateway)
  }

  /// Announces a school on the registry's feed.
  func announce(
    _ urn: String, _ name: String, town: String = "Leeds", postcode: String = "LS1 4AP", la: String = "383",
    laName: String = "Leeds", phase: Common.SchoolPhase = .primary, location: (Double, Double)? = (53.80, -1.55),
    listed: Bool = true
  ) async throws {
    var school = Registry.School()
    school.urn = urn
    school.name = name
    school.address = Common.PostalAddress(lines: ["1 Road"], town: town, postcode: postcode)
    school.phase = phase
    school.localAuthority = Common.LocalAuthority(code: la, name: laName)
    school.location = location.map { Common.GeoPoint(latitude: $0.0, longitude: $0.1) }
    school.commitment = Registry.Commitment(
      committed: true, committedAt: Protobuf.Timestamp(UTCTime(secondsSince1970: 1_230_768_000)))
    school.publicListing = Registry.PublicListing(publiclyListed: listed)
    var event = Registry.RegistryEvent()
    event.occurredAt = Protobuf.Timestamp(
      UTCTime(
        secondsSince1970: 1_230_768_000
          + Int64(
            sequence.withLock {
              $0 += 1
              return $0
            })))
    event.payload = .schoolDetailsChanged(Registry.SchoolDetailsChanged(school: school))
    let keeper = self.keeper
    let announced = event
    try await keeper.store.database.write { db in try keeper.applyRegistry(announced, in: db) }
  }

  /// Accreditation announces a level.
  func level(_ urn: String, _ level: Common.CharterLevel) async throws {
    var event = Accreditation.AccreditationEvent()
    event.occurredAt = Protobuf.Timestamp(
      UTCTime(
        secondsSince1970: 1_240_000_000
          + Int64(
            sequence.withLock {
              $0 += 1
              return $0
            })))
    event.schoolUrn = urn
    event.payload = .levelChanged(Accreditation.LevelChanged(level: level))
    let keeper = self.keeper
    let announced = event
    try await keeper.store.database.write { db in try keeper.applyAccreditation(announced, in: db) }
  }

  func get(_ target: String, headers: [String: String] = [:], method: String = "GET") async throws -> HTTPExchange {
    try await HTTPExchange.get(port: port, target, headers: headers, method: method)
  }

  func stop() async {
    gateway.cancel()
    _ = await gateway.result
    await mapHost.shutdown(gracePeriod: .seconds(1))
    try? FileManager.default.removeItem(atPath: directory)
  }
}
