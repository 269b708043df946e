public import CharterValues
public import Contracts
import CoreMetrics
public import Identity
public import Logging
public import RPCCore
public import RPCHTTP2
public import ServiceLifecycle
public import Storage
import Synchronization
import UnixSignals

/// One Charter service assembled from its parts, and its whole life: what every service shares
/// (settings, JSON logs, health, request ids, call logging, metrics, token checks, peer
/// clients, the store's upkeep, event feed followers, ordered graceful shutdown), so that a
/// service's `…Host.swift` is only wiring.
///
/// ```swift
/// let store = try await RegistryStore.open(inDirectory: settings.dataDirectory)
/// let host = ServiceHost(.registry, settings: settings, logger: logger)
/// host.keep(store.base)
/// host.serve([RegistryService(store: store, …)], verifier: verifier, publicMethods: RegistryService.publicMethods)
/// return host
/// ```
///
/// Its parts run as one `ServiceGroup` (swift-service-lifecycle): stores, peer clients,
/// background tasks (feed followers, key refresh) and, last, the gRPC server. Shutdown
/// (SIGTERM, SIGINT, or ``shutdown(gracePeriod:)``) runs in reverse: health goes NOT_SERVING,
/// open event feed streams end, the server stops accepting calls and drains them within the
/// grace period; then followers stop, peer connections close, and the store closes last.
public final class ServiceHost: Sendable {
  public let service: CharterService
  public let settings: ServiceSettings
  public let logger: Logger
  public let health: HealthStatus
  public let metrics: CallMetrics
  /// Prometheus metrics, served on `--metrics-port`.
  public let exportedMetrics = ServiceMetrics()
  /// What must hold before the service reports SERVING.
  public let readiness = Readiness()
  private let state = Mutex(State())

  private struct State {
    var services: [any RegistrableRPCService] = []
    var interceptors: [any ServerInterceptor] = []
    var standardInterceptors = true
    var stores: [any Service] = []
    var closings: [any Service] = []
    var background: [any Service] = []
    var feedStreamEnds: [@Sendable () -> Void] = []
    var gracePeriod: Duration = .seconds(10)
    var address: ServerAddress?
    var group: ServiceGroup?
    var running: Task<Void, Never>?
    var ended: Result<Void, any Error>?
  }

  public init(_ service: CharterService, settings: ServiceSettings, logger: Logger) {
    self.service = service
    self.settings = settings
    self.logger = logger
    self.metrics = CallMetrics()
    self.health = HealthStatus(services: service.grpcService.map { [$0] } ?? [])
  }

  // MARK: assembling

  /// Serves `services` (plus `grpc.health.v1`), every call after request ids, call logging and
  /// metrics, then `interceptors`.
  ///
  /// - Parameter standardInterceptors: off only for conformance and benchmark servers.
  public func serve(
    _ services: [any RegistrableRPCService], interceptors: [any ServerInterceptor] = [],
    standardInterceptors: Bool = true
  ) {
    state.withLock {
      $0.services += services
      $0.interceptors += interceptors
      $0.standardInterceptors = standardInterceptors
    }
  }

  /// Serves `services` to callers presenting a Charter token that `verifier` accepts; only
  /// `publicMethods` (and health) may be called without one.
  public func serve(
    _ services: [any RegistrableRPCService], verifier: TokenVerifier, publicMethods: [MethodDescriptor] = []
  ) {
    serve(
      services,
      interceptors: [
        AuthenticationInterceptor(authenticator: TokenAuthenticator(verifier: verifier), publicMethods: publicMethods)
      ])
  }

  /// Keeps the service's store while it runs (background WAL checkpoints), ends its event
  /// streams first at shutdown, and closes it last.
  public func keep<Schema: ServiceSchema>(_ store: ServiceStore<Schema>) {
    state.withLock {
      $0.stores.append(StoreKeeping(database: store.database, close: { await store.close() }, logger: logger))
      $0.feedStreamEnds.append { store.endFeedStreams() }
    }
    exportedMetrics.watch(store.database)
  }

  /// Runs `task` beside the server for as long as the service runs (a feed follower, a
  /// scheduler), stopping it at shutdown after the server has drained.
  public func run(_ task: some Service) {
    state.withLock { $0.background.append(task) }
    if let follower = task as? any FeedLagReporting { exportedMetrics.watch(follower, clock: SystemWallClock()) }
  }

  /// Runs `body` at shutdown, after the server and background tasks stopped, before the
  /// store closes.
  public func onShutdown(_ body: @escaping @Sendable () async -> Void) {
    state.withLock { $0.closings.append(Closing(close: body)) }
  }

  /// A client for a peer service at its configured address, presenting `credential` (this
  /// service's token) on every call; its connections close at shutdown.
  /// - Throws: ``SettingsError`` when the peer's address is not configured.
  public func client(for peer: CharterService, credential: String?) throws -> RPCClient {
    let transport: any ClientTransport
    if let given = settings.peerTransports[peer] {
      transport = given
    } else {
      guard let address = settings.address(of: peer) else {
        throw SettingsError.invalid(setting: peer.addressVariable, reason: "is required")
      }
      transport = HTTP2ClientTransport(host: address.host, port: address.port)
      onShutdown { await transport.close() }
    }
    let interceptors: [any ClientInterceptor] =
      [TraceContextClientInterceptor(), RequestIDClientInterceptor()]
      + (credential.map { token in [BearerTokenInterceptor { token }] } ?? [])
    return RPCClient(transport: transport, interceptors: interceptors)
  }

  /// How long open calls get to finish at shutdown.
  public var gracePeriod: Duration {
    get { state.withLock { $0.gracePeriod } }
    set { state.withLock { $0.gracePeriod = newValue } }
  }

  // MARK: running

  /// The lifecycle tasks, in start order: stores, shutdown steps, background tasks, the server.
  func lifecycle(on transport: any ServerTransport) -> [any Service] {
    let (state, dispatcher) = self.state.withLock { state in
      var router = RPCRouter()
      for service in state.services { router.register(service) }
      router.register(HealthService(status: health))
      let standard: [any ServerInterceptor] =
        state.standardInterceptors
        ? [
          TraceContextServerInterceptor(), RequestIDServerInterceptor(), CallLoggingInterceptor(logger: logger),
          CallMetricsInterceptor(metrics: metrics, exportingTo: exportedMetrics),
        ]
        : []
      return (state, CallDispatcher(router: router, interceptors: standard + state.interceptors))
    }
    health.register(services: dispatcher.router.services.sorted())
    if let http2 = transport as? HTTP2ServerTransport {
      let connections = exportedMetrics.gauge("http2_server_connections")
      exportedMetrics.sampleOnScrape { connections.record(http2.connectionCount) }
    }
    let endpoint: [any Service] =
      settings.metricsPort.map { port in
        [MetricsEndpoint(host: settings.host, port: port, metrics: exportedMetrics, logger: logger)]
      } ?? []
    return state.stores + state.closings.reversed() + state.background + endpoint
      + [RPCServing(host: self, transport: transport, dispatcher: dispatcher)]
  }

  /// Runs the service until SIGTERM or SIGINT, then shuts it down in order. What
  /// ``ServiceMain`` calls.
  /// - Throws: when a part fails (the port cannot be bound, say).
  public func run(on transport: any ServerTransport) async throws {
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(
        services: lifecycle(on: transport).map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
        gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    try await group.run()
  }

  func listening(at address: ServerAddress) {
    state.withLock { $0.address = address }
  }

  /// Where the server listens, once it does.
  public var address: ServerAddress? { state.withLock { $0.address } }

  func endFeedStreams() {
    for end in state.withLock({ $0.feedStreamEnds }) { end() }
  }
}

extension ServiceHost {
  /// Starts the service in this process and returns once it is ready (SERVING): for tests and
  /// tools that embed a service. By default on HTTP/2 at the configured host and port.
  /// - Returns: the bound port (`nil` for a transport without one).
  /// - Throws: what start-up threw (the port cannot be bound, say).
  @discardableResult
  public func start(on transport: (any ServerTransport)? = nil) async throws -> Int? {
    let transport =
      transport
      ?? HTTP2ServerTransport(configuration: .init(host: settings.host, port: settings.port), logger: logger)
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(
        services: lifecycle(on: transport).map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
        logger: logger))
    let running = Task {
      let result: Result<Void, any Error>
      do {
        try await group.run()
        result = .success(())
      } catch {
        result = .failure(error)
      }
      self.state.withLock { $0.ended = result }
    }
    state.withLock {
      $0.group = group
      $0.running = running
    }
    // Ready means listening, every readiness gate open, and health SERVING.
    while health.status(of: "") != .serving {
      switch state.withLock({ $0.ended }) {
      case .failure(let error)?: throw error
      case .success?: throw RPCError(code: .unavailable, message: "\(service.executable) stopped before it was ready")
      case nil: try await Task.sleep(for: .milliseconds(2))
      }
    }
    return address?.port
  }

  /// Shuts a service started with ``start(on:)`` down, in order, and waits until it stopped.
  public func shutdown(gracePeriod: Duration = .seconds(10)) async {
    self.gracePeriod = gracePeriod
    let (group, running) = state.withLock { ($0.group, $0.running) }
    await group?.triggerGracefulShutdown()
    await running?.value
  }
}
