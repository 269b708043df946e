public import CharterValues
import Foundation
import HTTPTypes
public import Hummingbird
public import Logging
import NIOCore
public import RPCCore
import RPCHTTP2
public import ServiceKit

/// charter-gateway: the Charter's public HTTP face on Hummingbird 2. It stores nothing: every
/// answer comes from public-map (and accreditation, for certificates) over gRPC, through the
/// typed clients. Wiring only: settings, backend clients, the page, the API, the middleware.
public enum GatewayApplication {
  public static let tileURL = SettingOption(
    flag: "--tile-url", environment: "TILE_URL",
    help: "tile server URL template ({z}/{x}/{y}) for the map; default: none (a coastline outline)")
  public static let leafletDirectory = SettingOption(
    flag: "--leaflet-dir", environment: "LEAFLET_DIR", default: MapPage.debianLeafletDirectory,
    help: "where Debian's libjs-leaflet and libjs-leaflet.markercluster are installed")
  public static let rateLimit = SettingOption(
    flag: "--rate-limit", environment: "RATE_LIMIT", default: "50",
    help: "requests a second each client may make on average; 0 turns limiting off")
  public static let rateBurst = SettingOption(
    flag: "--rate-burst", environment: "RATE_BURST", default: "100", help: "requests a client may make at once")
  public static let backendTimeout = SettingOption(
    flag: "--backend-timeout-ms", environment: "BACKEND_TIMEOUT_MS", default: "2000",
    help: "deadline of each call to public-map or accreditation, in milliseconds")
  public static let cacheLifetime = SettingOption(
    flag: "--cache-ms", environment: "RESPONSE_CACHE_MS", default: "2000",
    help: "how long identical reads share one answer, in milliseconds, until the map changes; 0: no cache")
  public static let options = [tileURL, leafletDirectory, rateLimit, rateBurst, backendTimeout, cacheLifetime]
  public static let peers: [CharterService] = [.publicMap, .accreditation]

  static func number(_ option: SettingOption, in settings: ServiceSettings, minimum: Double) throws -> Double {
    let text = settings.option(option) ?? ""
    guard let value = Double(text), value >= minimum else {
      throw SettingsError.invalid(
        setting: option.environmentVariable, reason: "\"\(text)\" is not a number ≥ \(minimum)")
    }
    return value
  }

  /// The backend clients: dialled at the configured addresses, unless the settings give
  /// transports (tests).
  public static func backend(settings: ServiceSettings) throws -> (MapBackend, close: @Sendable () async -> Void) {
    var transports: [any ClientTransport] = []
    func transport(_ peer: CharterService) throws -> any ClientTransport {
      if let given = settings.peerTransports[peer] { return given }
      guard let address = settings.address(of: peer) else {
        throw SettingsError.invalid(setting: peer.addressVariable, reason: "is required")
      }
      let made = HTTP2ClientTransport(host: address.host, port: address.port)
      transports.append(made)
      return made
    }
    let timeout = try number(backendTimeout, in: settings, minimum: 1)
    let backend = MapBackend(
      publicMap: RPCClient(transport: try transport(.publicMap), interceptors: [TraceContextClientInterceptor()]),
      accreditation: RPCClient(
        transport: try transport(.accreditation), interceptors: [TraceContextClientInterceptor()]),
      timeout: .milliseconds(Int64(timeout)))
    let opened = transports
    return (backend, { for transport in opened { await transport.close() } })
  }

  /// The router: the page, the API, and the middleware every response passes.
  public static func router(
    settings: ServiceSettings, backend: MapBackend, cache: ResponseCache = ResponseCache(lifetime: .zero),
    metrics: ServiceMetrics? = nil, logger: Logger
  ) throws -> Router<GatewayRequestContext> {
    let tiles = settings.option(tileURL)
    let page: MapPage
    do {
      page = try MapPage(
        leafletDirectory: settings.option(leafletDirectory) ?? MapPage.debianLeafletDirectory, tileURL: tiles)
    } catch {
      throw SettingsError.invalid(setting: leafletDirectory.environmentVariable, reason: error.description)
    }
    // HEAD answers as GET without the body (crawlers and uptime checks use it).
    let router = Router(context: GatewayRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(
      middleware: PublicHeadersMiddleware(logger: logger, tileOrigin: tiles.flatMap(Self.origin), metrics: metrics))
    router.add(
      middleware: RateLimitMiddleware(
        rate: try number(rateLimit, in: settings, minimum: 0), burst: try number(rateBurst, in: settings, minimum: 1)))
    router.add(
      middleware: CORSMiddleware(
        allowOrigin: .all, allowHeaders: [.accept, .ifNoneMatch, HTTPField.Name("Last-Event-ID")!],
        allowMethods: [.get, .head, .options], exposedHeaders: ["ETag", "Retry-After"], maxAge: .seconds(3600)))
    page.add(to: router)
    MapRoutes(backend: backend, cache: cache).add(to: router)
    let openAPI = StaticAsset(
      Array(PackageResources.openapi_json), contentType: "application/json", cacheControl: "public, max-age=300")
    router.get("/api/v1/openapi.json") { request, _ in openAPI.response(to: request) }
    return router
  }

  /// `scheme://host[:port]` of a URL template, for the CSP.
  static func origin(of template: String) -> String? {
    guard let schemeEnd = template.range(of: "://") else { return nil }
    let rest = template[schemeEnd.upperBound...]
    let host = rest.prefix { $0 != "/" }
    return String(template[..<schemeEnd.upperBound]) + host
  }

  /// Runs the gateway until SIGTERM or SIGINT; what `main.swift` calls.
  public static func run(settings: ServiceSettings, logger: Logger) async throws {
    let (backend, close) = try backend(settings: settings)
    let cache = ResponseCache(
      lifetime: .milliseconds(Int64(try number(cacheLifetime, in: settings, minimum: 0))))
    let metrics = ServiceMetrics()
    let router = try router(settings: settings, backend: backend, cache: cache, metrics: metrics, logger: logger)
    // Prometheus text on the admin port, as every Charter service serves it.
    let metricsEndpoint = settings.metricsPort.map { port in
      Task { try? await MetricsEndpoint(host: settings.host, port: port, metrics: metrics, logger: logger).run() }
    }
    defer { metricsEndpoint?.cancel() }
    let following = Task { await cache.follow(backend.publicMap, logger: logger) }
    defer { following.cancel() }
    let app = Application(
      router: router,
      configuration: ApplicationConfiguration(
        address: .hostname(settings.host, port: settings.port), serverName: "charter-gateway"),
      onServerRunning: { channel in
        // The same line every Charter executable logs once it listens (tests read the port).
        logger.info(
          "charter-gateway serving",
          metadata: ["host": "\(settings.host)", "port": "\(channel.localAddress?.port ?? settings.port)"])
      },
      logger: logger)
    do {
      try await app.runService()
    } catch {
      await close()
      throw error
    }
    await close()
  }
}
