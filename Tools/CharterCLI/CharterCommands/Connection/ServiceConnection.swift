internal import ArgumentParser
internal import Identity
internal import RPCCore
internal import RPCHTTP2

/// One HTTP/2 connection pool to a service, and the typed-call layer over it.
///
/// Unary calls default to the command's `--timeout`; streams get no default deadline, so a
/// feed followed with `--follow` stays open (streams that end pass the timeout explicitly).
struct ServiceConnection {
  let transport: HTTP2ClientTransport
  let client: RPCClient

  /// - Parameter credential: the token every call presents (Identity's bearer credential).
  init(configuration: HTTP2ClientTransport.Configuration, timeout: Duration, credential: Credential? = nil) {
    transport = HTTP2ClientTransport(configuration: configuration)
    let token = credential?.token
    client = RPCClient(
      transport: transport,
      configuration: RPCClient.Configuration(defaultTimeout: timeout, defaultStreamingTimeout: nil),
      interceptors: token.map { token in [BearerTokenInterceptor { token }] } ?? []
    )
  }

  /// Closes the connections; always done before the process exits.
  func close() async { await transport.close() }

  /// Parses `host:port`; `origin` names where it came from, for the error.
  static func configuration(address: String, origin: String) throws
    -> HTTP2ClientTransport.Configuration
  {
    guard let configuration = HTTP2ClientTransport.Configuration(address: address) else {
      throw ValidationError("\(origin): \"\(address)\" is not a host:port address")
    }
    return configuration
  }
}
