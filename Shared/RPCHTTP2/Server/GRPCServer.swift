public import Logging
public import NIOCore
internal import NIOPosix
public import RPCCore
import Synchronization

/// A gRPC server over HTTP/2 (cleartext, h2c): SwiftNIO accepts connections and moves bytes,
/// nghttp2 speaks HTTP/2, and the router's handlers serve the calls.
///
/// ```swift
/// var router = RPCRouter()
/// router.register(MyService())
/// let server = GRPCServer(configuration: .init(port: 7101), router: router)
/// let port = try await server.start()
/// // … on SIGTERM:
/// await server.shutdownGracefully(gracePeriod: .seconds(10))
/// ```
public final class GRPCServer: Sendable {
  /// Asks a connection to close (delivered as a channel user event).
  enum ShutdownEvent: Sendable {
    case graceful
    case force
  }

  public let configuration: Configuration
  let router: RPCRouter
  let interceptors: [any ServerInterceptor]
  let logger: Logger
  let group: any EventLoopGroup
  let ownsGroup: Bool
  let executors: [ObjectIdentifier: EventLoopTaskExecutor]
  private let state = Mutex<State>(State())

  private struct State {
    var listener: (any Channel)?
    var connections: [ObjectIdentifier: any Channel] = [:]
    var port: Int?
    var shuttingDown = false
  }

  /// - Parameters:
  ///   - group: event loops to run on; by default the server creates its own
  ///     (`configuration.threads` of them) and shuts them down when it stops.
  public init(
    configuration: Configuration = .defaults,
    router: RPCRouter,
    interceptors: [any ServerInterceptor] = [],
    logger: Logger = Logger(label: "charter.grpc.server"),
    group: (any EventLoopGroup)? = nil
  ) {
    self.configuration = configuration
    self.router = router
    self.interceptors = interceptors
    self.logger = logger
    if let group {
      self.group = group
      self.ownsGroup = false
    } else {
      self.group = MultiThreadedEventLoopGroup(
        numberOfThreads: configuration.threads ?? System.coreCount)
      self.ownsGroup = true
    }
    var executors: [ObjectIdentifier: EventLoopTaskExecutor] = [:]
    for loop in self.group.makeIterator() {
      executors[ObjectIdentifier(loop as AnyObject)] = EventLoopTaskExecutor(loop)
    }
    self.executors = executors
  }

  /// The port the server listens on, once started.
  public var port: Int? { state.withLock { $0.port } }

  /// Binds and starts accepting connections.
  /// - Returns: the bound port (useful with port 0).
  /// - Throws: ``TransportError`` when the address cannot be bound.
  @discardableResult
  public func start() async throws -> Int {
    let bootstrap = ServerBootstrap(group: group)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .serverChannelOption(.backlog, value: 256)
      .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
      .childChannelOption(
        .writeBufferWaterMark, value: .init(low: 512 * 1024, high: 1024 * 1024)
      )
      .childChannelInitializer { [self] channel in
        channel.eventLoop.makeCompletedFuture {
          try self.accept(channel)
        }
      }
    let channel: any Channel
    do {
      channel = try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
    } catch {
      throw TransportError(
        .bindFailed, "could not listen on \(configuration.host):\(configuration.port): \(error)")
    }
    let port = channel.localAddress?.port ?? configuration.port
    state.withLock {
      $0.listener = channel
      $0.port = port
    }
    logger.info(
      "gRPC server listening",
      metadata: [
        "host": "\(configuration.host)", "port": "\(port)",
        "services": "\(router.services.sorted().joined(separator: ","))",
      ])
    return port
  }

  private func accept(_ channel: any Channel) throws {
    let refused = state.withLock { state -> Bool in
      if state.shuttingDown { return true }
      state.connections[ObjectIdentifier(channel)] = channel
      return false
    }
    if refused {
      channel.close(promise: nil)
      return
    }
    channel.closeFuture.whenComplete { [self] _ in
      _ = state.withLock { $0.connections.removeValue(forKey: ObjectIdentifier(channel)) }
    }
    let loop = channel.eventLoop
    let executor = executors[ObjectIdentifier(loop as AnyObject)] ?? EventLoopTaskExecutor(loop)
    let handler = ServerConnectionHandler(
      configuration: configuration, router: router, interceptors: interceptors, logger: logger,
      eventLoop: loop, executor: executor)
    try channel.pipeline.syncOperations.addHandler(handler)
  }

  /// Number of open client connections.
  public var connectionCount: Int { state.withLock { $0.connections.count } }

  /// Stops accepting connections, asks every connection to drain (GOAWAY; open calls
  /// finish), and closes what is still open after `gracePeriod`, cancelling its calls.
  public func shutdownGracefully(gracePeriod: Duration) async {
    let (listener, connections) = state.withLock { state in
      state.shuttingDown = true
      return (state.listener, Array(state.connections.values))
    }
    try? await listener?.close()
    for channel in connections { Self.send(.graceful, to: channel) }
    let deadline = ContinuousClock.now.advanced(by: gracePeriod)
    while ContinuousClock.now < deadline, connectionCount > 0 {
      try? await Task.sleep(for: .milliseconds(10))
    }
    let remaining = state.withLock { Array($0.connections.values) }
    if !remaining.isEmpty {
      logger.warning(
        "grace period over; closing connections with calls still open",
        metadata: ["connections": "\(remaining.count)"])
      for channel in remaining { Self.send(.force, to: channel) }
      for channel in remaining { try? await channel.closeFuture.get() }
    }
    if ownsGroup { try? await group.shutdownGracefully() }
  }

  /// Closes everything at once.
  public func close() async {
    await shutdownGracefully(gracePeriod: .zero)
  }

  private static func send(_ event: ShutdownEvent, to channel: any Channel) {
    channel.eventLoop.execute {
      channel.pipeline.fireUserInboundEventTriggered(event)
    }
  }
}

/// A failure of the transport itself rather than of a call: a port that cannot be bound, a
/// peer that cannot be reached.
public struct TransportError: Error, CustomStringConvertible, Sendable {
  /// What went wrong, as an extensible set of codes.
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    private enum Value: String { case bindFailed, connectFailed, connectionClosed }
    private let value: Value
    private init(_ value: Value) { self.value = value }
    public static let bindFailed = Code(.bindFailed)
    public static let connectFailed = Code(.connectFailed)
    public static let connectionClosed = Code(.connectionClosed)
    public var description: String { value.rawValue }
  }

  public let code: Code
  public let message: String

  public init(_ code: Code, _ message: String) {
    self.code = code
    self.message = message
  }

  public var description: String { "\(code): \(message)" }
}
