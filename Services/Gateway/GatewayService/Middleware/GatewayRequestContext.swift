public import Hummingbird
public import NIOCore

/// The gateway's request context: Hummingbird's, plus the client's address, which rate limits
/// and the access log key on.
public struct GatewayRequestContext: RequestContext, RemoteAddressRequestContext {
  public var coreContext: CoreRequestContextStorage
  public let remoteAddress: SocketAddress?

  public init(source: ApplicationRequestContextSource) {
    coreContext = CoreRequestContextStorage(source: source)
    remoteAddress = source.channel.remoteAddress
  }

  /// The client as rate limits count it: its IP address.
  var clientKey: String { remoteAddress?.ipAddress ?? "unknown" }
}
