public import Logging
public import RPCCore
import Synchronization

/// The production ``ServerTransport``: gRPC over HTTP/2 on nghttp2 and SwiftNIO (a
/// ``GRPCServer`` made when the service starts listening).
public final class HTTP2ServerTransport: ServerTransport {
  public let configuration: GRPCServer.Configuration
  private let logger: Logger
  private let server = Mutex<GRPCServer?>(nil)

  public init(configuration: GRPCServer.Configuration = .defaults, logger: Logger) {
    self.configuration = configuration
    self.logger = logger
  }

  public func listen(dispatching dispatcher: CallDispatcher) async throws -> ServerAddress {
    let server = GRPCServer(
      configuration: configuration, router: dispatcher.router, interceptors: dispatcher.interceptors, logger: logger)
    self.server.withLock { $0 = server }
    let port = try await server.start()
    return ServerAddress(host: configuration.host, port: port)
  }

  public func shutdownGracefully(gracePeriod: Duration) async {
    await server.withLock { $0 }?.shutdownGracefully(gracePeriod: gracePeriod)
  }

  /// Open client connections (for metrics and tests).
  public var connectionCount: Int { server.withLock { $0 }?.connectionCount ?? 0 }
}
