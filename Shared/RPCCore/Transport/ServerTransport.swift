/// The calls a server answers: its routes and the interceptors every call passes through,
/// independent of how calls arrive.
public struct CallDispatcher: Sendable {
  public let router: RPCRouter
  public let interceptors: [any ServerInterceptor]

  public init(router: RPCRouter, interceptors: [any ServerInterceptor] = []) {
    self.router = router
    self.interceptors = interceptors
  }
}

/// Where a server transport accepts calls, for logs and for clients to connect to.
public struct ServerAddress: Sendable, Hashable, CustomStringConvertible {
  /// The host it listens on (`127.0.0.1`), or `in-process`.
  public let host: String
  /// The bound port, or `nil` for a transport without one.
  public let port: Int?

  public init(host: String, port: Int?) {
    self.host = host
    self.port = port
  }

  public var description: String { port.map { "\(host):\($0)" } ?? host }
}

/// How calls reach a server, as grpc-swift separates its server from its transports: a
/// service is built against this protocol, HTTP/2 on nghttp2 carries calls in production, and
/// an ``InProcessTransport`` lets tests call the same service through its typed client with no
/// socket.
public protocol ServerTransport: Sendable {
  /// Starts accepting calls and dispatching them; returns once calls can arrive.
  /// - Throws: when the transport cannot start (an address already in use).
  func listen(dispatching dispatcher: CallDispatcher) async throws -> ServerAddress

  /// Stops accepting calls, lets the open ones finish within `gracePeriod`, then cancels the
  /// rest; returns when none is left.
  func shutdownGracefully(gracePeriod: Duration) async
}
