import Contracts
public import Logging
public import RPCCore
public import RPCHTTP2
import Synchronization

/// Hosts one Charter service's gRPC server: the service's methods plus `grpc.health.v1`,
/// request ids, call logging and metrics, in the start and stop order every service shares.
///
/// Start: the caller opens its store and runs migrations, then ``start()`` listens and marks
/// health SERVING. Stop (SIGTERM, SIGINT or ``shutdown(gracePeriod:)``): health goes
/// NOT_SERVING at once, the server sends GOAWAY and lets open calls finish within the grace
/// period, then shutdown hooks run in reverse order of registration (peer clients, then the
/// database).
public final class ServiceHost: Sendable {
  public let identity: ServiceIdentity
  public let settings: ServiceSettings
  public let logger: Logger
  public let health: HealthStatus
  public let metrics: CallMetrics
  public let server: GRPCServer
  private let hooks = Mutex<[@Sendable () async -> Void]>([])

  /// - Parameters:
  ///   - services: the service implementations to serve (health is added).
  ///   - interceptors: the service's own interceptors (authentication), run after the
  ///     request-id, logging and metrics interceptors.
  ///   - standardInterceptors: whether to install request ids, call logging and metrics
  ///     (off only for conformance and benchmark servers).
  public init(
    identity: ServiceIdentity,
    settings: ServiceSettings,
    services: [any RegistrableRPCService],
    interceptors: [any ServerInterceptor] = [],
    serverConfiguration: GRPCServer.Configuration = .init(),
    standardInterceptors: Bool = true,
    logger: Logger
  ) {
    self.identity = identity
    self.settings = settings
    self.logger = logger
    self.metrics = CallMetrics()
    var router = RPCRouter()
    for service in services { router.register(service) }
    self.health = HealthStatus(services: router.services.sorted())
    router.register(HealthService(status: health))
    var configuration = serverConfiguration
    configuration.host = settings.host
    configuration.port = settings.port
    self.server = GRPCServer(
      configuration: configuration, router: router,
      interceptors: (standardInterceptors
        ? [
          RequestIDServerInterceptor(), CallLoggingInterceptor(logger: logger),
          CallMetricsInterceptor(metrics: metrics),
        ]
        : []) + interceptors,
      logger: logger)
  }

  /// Something to close at shutdown (a database, a peer client), after the server drained.
  public func onShutdown(_ hook: @escaping @Sendable () async -> Void) {
    hooks.withLock { $0.append(hook) }
  }

  /// Listens, then reports SERVING.
  /// - Returns: the bound port.
  /// - Throws: ``TransportError`` when the port cannot be bound.
  @discardableResult
  public func start() async throws -> Int {
    let port = try await server.start()
    health.setAll(.serving)
    logger.info(
      "\(identity.executable) serving", metadata: ["port": "\(port)", "data_dir": "\(settings.dataDirectory)"])
    return port
  }

  /// Drains and stops: NOT_SERVING, GOAWAY, open calls finish (or are cancelled after
  /// `gracePeriod`), then the shutdown hooks run, most recent first.
  public func shutdown(gracePeriod: Duration = .seconds(10)) async {
    logger.info("shutting down", metadata: ["grace_period_s": "\(gracePeriod.components.seconds)"])
    health.setAll(.notServing)
    // Let Watch subscribers see NOT_SERVING before their streams end with the drain.
    health.finishWatches()
    await server.shutdownGracefully(gracePeriod: gracePeriod)
    let hooks = self.hooks.withLock { $0 }
    for hook in hooks.reversed() { await hook() }
    logger.info("stopped")
  }
}
