/// Identifies one RPC method: its fully qualified service, its name and its call shape.
///
/// Generated contract code declares one descriptor per method (`Registry.Method.getSchool`);
/// routers, clients and interceptors only ever build wire paths from these, never from literals.
public struct MethodDescriptor: Sendable, Hashable, CustomStringConvertible {
  /// The fully qualified service name, e.g. `charter.registry.v1.Registry`.
  public let service: String
  /// The method name as declared in the proto, e.g. `GetSchool`.
  public let method: String
  public let kind: RPCKind
  /// Whether the proto marks the method `idempotency_level = IDEMPOTENT` or `NO_SIDE_EFFECTS`:
  /// only such methods are retried by the client, and only on `UNAVAILABLE`.
  public let isIdempotent: Bool
  /// The HTTP/2 `:path`, `/<service>/<method>`.
  public let path: String

  public init(service: String, method: String, kind: RPCKind, isIdempotent: Bool = false) {
    self.service = service
    self.method = method
    self.kind = kind
    self.isIdempotent = isIdempotent
    self.path = "/\(service)/\(method)"
  }

  public var description: String { path }
}

/// The four call shapes gRPC supports.
public enum RPCKind: Sendable, Hashable {
  /// One request, one response.
  case unary
  /// One request, a stream of responses.
  case serverStreaming
  /// A stream of requests, one response.
  case clientStreaming
  /// Streams in both directions, independent of each other.
  case bidirectionalStreaming

  public var clientStreams: Bool { self == .clientStreaming || self == .bidirectionalStreaming }
  public var serverStreams: Bool { self == .serverStreaming || self == .bidirectionalStreaming }
}
