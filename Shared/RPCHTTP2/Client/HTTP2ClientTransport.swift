public import Logging
public import NIOCore
internal import NIOPosix
public import RPCCore
import Synchronization

/// Calls to one gRPC server over HTTP/2 (h2c), multiplexed on reused connections.
///
/// A connection is opened on first use and shared by concurrent calls up to the server's
/// stream limit; more connections open only when all are full. A failed connection attempt
/// puts the transport into backoff (exponential, jittered): calls fail fast with UNAVAILABLE
/// until it ends, and the next call after it tries again. A server's GOAWAY drains its
/// connection and new calls move to a fresh one.
public final class HTTP2ClientTransport: ClientTransport, Sendable {
  public let configuration: Configuration
  let logger: Logger
  let group: any EventLoopGroup
  let ownsGroup: Bool
  private let state = Mutex<PoolState>(PoolState())
  private let loopExecutor: EventLoopTaskExecutor

  /// A task executor on the transport's event loop. Tasks that make many calls run best with
  /// it as their preference (`group.addTask(executorPreference: transport.taskExecutor)`):
  /// a response then resumes its caller on the thread where it arrived, with no hop to the
  /// global pool. Meaningful with a one-loop group (the default); such tasks must not block.
  public var taskExecutor: any TaskExecutor { loopExecutor }

  private struct PoolState {
    var connections: [ClientConnection] = []
    var connecting: [CheckedContinuation<ClientConnection, any Error>]?
    var failures = 0
    var backoffUntil: ContinuousClock.Instant?
    var lastFailure = ""
    var closed = false
  }

  public init(
    configuration: Configuration,
    logger: Logger = Logger(label: "charter.grpc.client"),
    group: (any EventLoopGroup)? = nil
  ) {
    self.configuration = configuration
    self.logger = logger
    if let group {
      self.group = group
      self.ownsGroup = false
    } else {
      self.group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
      self.ownsGroup = true
    }
    self.loopExecutor = EventLoopTaskExecutor(self.group.next())
  }

  /// Convenience for `host:port`.
  public convenience init(host: String, port: Int, group: (any EventLoopGroup)? = nil) {
    self.init(configuration: Configuration(host: host, port: port), group: group)
  }

  // MARK: ClientTransport

  public func unary(
    _ descriptor: MethodDescriptor, request: [UInt8], metadata: Metadata,
    deadline: ContinuousClock.Instant?
  ) async throws -> UnaryCallResult {
    // A call the server never processed (the connection was closing, or the server refused
    // the stream) is replayed on another connection: nothing of it ran anywhere.
    var attempt = 0
    while true {
      attempt += 1
      let connection = try await connection(deadline: deadline)
      do {
        return try await unary(
          on: connection, descriptor, request: request, metadata: metadata, deadline: deadline)
      } catch let refused as NotProcessed {
        connection.status.update(.closed)
        if attempt >= 3 { throw RPCError(status: refused.status) }
      }
    }
  }

  private func unary(
    on connection: ClientConnection,
    _ descriptor: MethodDescriptor, request: [UInt8], metadata: Metadata,
    deadline: ContinuousClock.Instant?
  ) async throws -> UnaryCallResult {
    let stream = ClientStream(
      descriptor: descriptor, deadline: deadline,
      maxMessageSize: configuration.maxResponseMessageSize)
    stream.outbound.append(request)
    stream.requestClosed = true
    let token = CallToken()
    return try await withTaskCancellationHandler {
      try await withUnsafeThrowingContinuation { continuation in
        stream.unaryContinuation = continuation
        connection.run { handler in
          if !handler.start(stream, metadata: metadata) {
            stream.unaryContinuation = nil
            continuation.resume(
              throwing: NotProcessed(status: Status(code: .unavailable, message: "connection is closing")))
            return
          }
          token.started(stream.id)
        }
      }
    } onCancel: {
      token.cancel { id in connection.run { $0.cancel(streamID: id) } }
    }
  }

  public func openStream(
    _ descriptor: MethodDescriptor, metadata: Metadata, deadline: ContinuousClock.Instant?
  ) async throws -> any ClientStreamCall {
    for _ in 0..<3 {
      let connection = try await connection(deadline: deadline)
      let stream = ClientStream(
        descriptor: descriptor, deadline: deadline,
        maxMessageSize: configuration.maxResponseMessageSize)
      let started: Bool = try await connection.submit { handler in
        handler.start(stream, metadata: metadata)
      }
      if started { return HTTP2ClientStreamCall(connection: connection, stream: stream) }
      connection.status.update(.closed)
    }
    throw RPCError(code: .unavailable, message: "every connection to the server is closing")
  }

  public func close() async {
    let connections = state.withLock { state -> [ClientConnection] in
      state.closed = true
      let all = state.connections
      state.connections.removeAll()
      return all
    }
    for connection in connections { try? await connection.channel.close() }
    if ownsGroup { try? await group.shutdownGracefully() }
  }

  // MARK: connection pool

  private func connection(deadline: ContinuousClock.Instant?) async throws -> ClientConnection {
    enum Next {
      case use(ClientConnection)
      case wait
      case connect
      case fail(RPCError)
    }
    let next = state.withLock { state -> Next in
      if state.closed {
        return .fail(RPCError(code: .unavailable, message: "client transport is closed"))
      }
      state.connections.removeAll { !$0.isUsable }
      if let ready = state.connections.first(where: { $0.hasCapacity }) { return .use(ready) }
      if state.connecting != nil { return .wait }
      if let until = state.backoffUntil, ContinuousClock.now < until {
        return .fail(
          RPCError(
            code: .unavailable,
            message: "cannot reach \(configuration.host):\(configuration.port): \(state.lastFailure)"))
      }
      state.connecting = []
      return .connect
    }
    switch next {
    case .use(let connection):
      return connection
    case .fail(let error):
      throw error
    case .wait:
      return try await withCheckedThrowingContinuation { continuation in
        let queued = state.withLock { state -> Bool in
          guard state.connecting != nil else { return false }
          state.connecting!.append(continuation)
          return true
        }
        if !queued {
          Task { [self] in
            do { continuation.resume(returning: try await connection(deadline: deadline)) } catch {
              continuation.resume(throwing: error)
            }
          }
        }
      }
    case .connect:
      do {
        let connection = try await connect()
        let waiters = state.withLock { state -> [CheckedContinuation<ClientConnection, any Error>] in
          state.failures = 0
          state.backoffUntil = nil
          state.connections.append(connection)
          let waiters = state.connecting ?? []
          state.connecting = nil
          return waiters
        }
        for waiter in waiters { waiter.resume(returning: connection) }
        return connection
      } catch {
        let (waiters, rpcError) = state.withLock {
          state -> ([CheckedContinuation<ClientConnection, any Error>], RPCError) in
          state.failures += 1
          let pause = configuration.backoff.delay(afterFailures: state.failures)
          state.backoffUntil = ContinuousClock.now.advanced(by: pause)
          state.lastFailure = Self.summary(ofConnectFailure: error)
          let waiters = state.connecting ?? []
          state.connecting = nil
          return (
            waiters,
            RPCError(
              code: .unavailable,
              message: "cannot reach \(configuration.host):\(configuration.port): \(state.lastFailure)")
          )
        }
        for waiter in waiters { waiter.resume(throwing: rpcError) }
        throw rpcError
      }
    }
  }

  /// A failed connection attempt in the few words a person needs ("connection refused",
  /// "connect timed out after 5 s"); `connect()` logs the whole error at debug level.
  static func summary(ofConnectFailure error: any Error) -> String {
    switch error {
    case let error as TransportError:
      return error.message
    case let error as NIOConnectionError:
      if let attempt = error.connectionErrors.first { return summary(ofConnectFailure: attempt.error) }
      if let lookup = error.dnsAError ?? error.dnsAAAAError { return summary(ofConnectFailure: lookup) }
      return "\(error.host) has no address to connect to"
    case let error as SocketAddressError.UnknownHost:
      return "cannot resolve \(error.host): \(error.errorDescription.lowercased())"
    case let error as IOError:
      return String(cString: strerror(error.errnoCode)).lowercased()
    case ChannelError.connectTimeout(let limit):
      return "connect timed out after \(Duration.nanoseconds(limit.nanoseconds))"
    default:
      return "\(error)"
    }
  }

  private func connect() async throws -> ClientConnection {
    let configuration = self.configuration
    let logger = self.logger
    let authority = "\(configuration.host):\(configuration.port)"
    let status = ConnectionStatus()
    let created = Mutex<NIOLoopBound<ClientConnectionHandler>?>(nil)
    let channel: any Channel
    do {
      channel = try await ClientBootstrap(group: group)
        .channelOption(.socketOption(.tcp_nodelay), value: 1)
        .channelOption(.writeBufferWaterMark, value: .init(low: 512 * 1024, high: 1024 * 1024))
        .connectTimeout(TimeAmount(configuration.connectTimeout))
        .channelInitializer { channel in
          channel.eventLoop.makeCompletedFuture {
            let handler = ClientConnectionHandler(
              configuration: configuration, authority: authority, logger: logger,
              eventLoop: channel.eventLoop, onStateChange: { status.update($0) })
            try channel.pipeline.syncOperations.addHandler(handler)
            created.withLock { $0 = NIOLoopBound(handler, eventLoop: channel.eventLoop) }
          }
        }
        .connect(host: configuration.host, port: configuration.port).get()
    } catch {
      logger.debug("connect failed", metadata: ["error": "\(error)"])
      throw TransportError(.connectFailed, Self.summary(ofConnectFailure: error))
    }
    // The handler comes from the initializer, not a pipeline lookup: a connection the server
    // closes at once has no handler left to find, and must still fail calls cleanly.
    guard let handler = created.withLock({ $0 }) else {
      throw TransportError(.connectFailed, "connection set-up did not complete")
    }
    return ClientConnection(channel: channel, handler: handler, status: status)
  }

  /// Backoff between connection attempts (gRPC connection-backoff.md).
  public struct Backoff: Sendable {
    public var initial: Duration
    public var multiplier: Double
    public var jitter: Double
    public var maximum: Duration

    public init(
      initial: Duration = .seconds(1), multiplier: Double = 1.6, jitter: Double = 0.2,
      maximum: Duration = .seconds(120)
    ) {
      self.initial = initial
      self.multiplier = multiplier
      self.jitter = jitter
      self.maximum = maximum
    }

    /// `min(initial × multiplier^(failures-1), maximum)`, randomised by ±jitter.
    public func delay(afterFailures failures: Int) -> Duration {
      var seconds = Double(initial.nanoseconds) / 1e9
      for _ in 1..<max(1, failures) { seconds *= multiplier }
      seconds = min(seconds, Double(maximum.nanoseconds) / 1e9)
      seconds *= 1 + Double.random(in: -jitter...jitter)
      return .nanoseconds(Int64(max(0, seconds) * 1e9))
    }
  }

  public struct Keepalive: Sendable {
    /// Ping after this long without activity. gRPC disables client keepalive by default.
    public var time: Duration
    public var timeout: Duration
    public var permitWithoutCalls: Bool

    public init(time: Duration, timeout: Duration = .seconds(20), permitWithoutCalls: Bool = false) {
      self.time = time
      self.timeout = timeout
      self.permitWithoutCalls = permitWithoutCalls
    }
  }

  public struct Configuration: Sendable {
    public var host: String
    public var port: Int
    public var connectTimeout: Duration
    public var backoff: Backoff
    /// Client keepalive pings; `nil` (the default) sends none.
    public var keepalive: Keepalive?
    /// Largest response message accepted (RESOURCE_EXHAUSTED beyond). Default 4 MiB.
    public var maxResponseMessageSize: Int
    /// Request bytes a streaming caller may queue before `send` suspends. Default 1 MiB.
    public var requestBufferHighWatermark: Int
    /// Per-stream receive window announced to the server. Default 1 MiB.
    public var streamWindowSize: Int
    /// Connection receive window. Default 8 MiB.
    public var connectionWindowSize: Int

    public init(
      host: String, port: Int, connectTimeout: Duration = .seconds(20),
      backoff: Backoff = Backoff(), keepalive: Keepalive? = nil,
      maxResponseMessageSize: Int = 4 * 1024 * 1024,
      requestBufferHighWatermark: Int = 1024 * 1024,
      streamWindowSize: Int = 1024 * 1024, connectionWindowSize: Int = 8 * 1024 * 1024
    ) {
      self.host = host
      self.port = port
      self.connectTimeout = connectTimeout
      self.backoff = backoff
      self.keepalive = keepalive
      self.maxResponseMessageSize = maxResponseMessageSize
      self.requestBufferHighWatermark = requestBufferHighWatermark
      self.streamWindowSize = streamWindowSize
      self.connectionWindowSize = connectionWindowSize
    }

    /// Parses `host:port` (as in `REGISTRY_SERVICE_ADDR`).
    public init?(address: String) {
      guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
        (1...65535).contains(port)
      else { return nil }
      var host = String(address[..<colon])
      if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
      guard !host.isEmpty else { return nil }
      self.init(host: host, port: port)
    }
  }
}

/// A pooled connection: its channel, its loop-bound handler and what the pool may know of it
/// without hopping to its loop.
struct ClientConnection: Sendable {
  let channel: any Channel
  let handler: NIOLoopBound<ClientConnectionHandler>
  let status: ConnectionStatus

  var eventLoop: any EventLoop { channel.eventLoop }
  var isUsable: Bool { status.isUsable }
  /// A conservative check made off the loop; `start` makes the exact one.
  var hasCapacity: Bool { status.isUsable }

  /// Runs `body` with the handler on its loop (inline when already there).
  func run(_ body: @escaping (ClientConnectionHandler) -> Void) {
    let handler = self.handler
    if channel.eventLoop.inEventLoop {
      body(handler.value)
    } else {
      let box = UnsafeTransfer(body)
      channel.eventLoop.execute { box.value(handler.value) }
    }
  }

  /// Runs `body` on the handler's loop and returns its result.
  func submit<T: Sendable>(_ body: @escaping (ClientConnectionHandler) -> T) async throws -> T {
    let handler = self.handler
    if channel.eventLoop.inEventLoop { return body(handler.value) }
    let box = UnsafeTransfer(body)
    return try await channel.eventLoop.submit { box.value(handler.value) }.get()
  }
}

/// Moves a non-Sendable value to the event loop that owns what it touches.
struct UnsafeTransfer<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}

/// Whether a connection still takes new calls, updated from its event loop.
final class ConnectionStatus: Sendable {
  private let usable = Atomic<Bool>(true)
  var isUsable: Bool { usable.load(ordering: .relaxed) }
  func update(_ event: ClientConnectionEvent) { usable.store(false, ordering: .relaxed) }
}

/// Remembers a call's stream id so that task cancellation, which can race the call's start,
/// reaches the right stream exactly once.
final class CallToken: Sendable {
  private enum State {
    case idle
    case started(Int32)
    case cancelRequested(@Sendable (Int32) -> Void)
    case done
  }

  private let state = Mutex<State>(.idle)

  func started(_ id: Int32) {
    let action = state.withLock { state -> (@Sendable (Int32) -> Void)? in
      switch state {
      case .idle:
        state = .started(id)
        return nil
      case .cancelRequested(let action):
        state = .done
        return action
      case .started, .done:
        return nil
      }
    }
    action?(id)
  }

  func cancel(_ action: @escaping @Sendable (Int32) -> Void) {
    let id = state.withLock { state -> Int32? in
      switch state {
      case .idle:
        state = .cancelRequested(action)
        return nil
      case .started(let id):
        state = .done
        return id
      case .cancelRequested, .done:
        return nil
      }
    }
    if let id { action(id) }
  }
}
