/// Identifies one RPC method: its fully qualified service, its name and its call shape.
///
/// Generated contract code declares one descriptor per method (`Registry.Method.getSchool`);
/// routers, clients and interceptors only ever build wire paths from these, never from literals.
/// A descriptor is a single reference, so passing one around per call costs one retain.
public struct MethodDescriptor: Sendable, Hashable, CustomStringConvertible {
  private final class Storage: Sendable {
    let service: String
    let method: String
    let kind: RPCKind
    let isIdempotent: Bool
    let path: String

    init(service: String, method: String, kind: RPCKind, isIdempotent: Bool) {
      self.service = service
      self.method = method
      self.kind = kind
      self.isIdempotent = isIdempotent
      self.path = "/\(service)/\(method)"
    }
  }

  private let storage: Storage

  /// The fully qualified service name, e.g. `charter.registry.v1.Registry`.
  public var service: String { storage.service }
  /// The method name as declared in the proto, e.g. `GetSchool`.
  public var method: String { storage.method }
  public var kind: RPCKind { storage.kind }
  /// Whether the proto marks the method `idempotency_level = IDEMPOTENT` or `NO_SIDE_EFFECTS`:
  /// only such methods are retried by the client, and only on `UNAVAILABLE`.
  public var isIdempotent: Bool { storage.isIdempotent }
  /// The HTTP/2 `:path`, `/<service>/<method>`.
  public var path: String { storage.path }

  public init(service: String, method: String, kind: RPCKind, isIdempotent: Bool = false) {
    storage = Storage(service: service, method: method, kind: kind, isIdempotent: isIdempotent)
  }

  public static func == (lhs: MethodDescriptor, rhs: MethodDescriptor) -> Bool {
    lhs.storage === rhs.storage
      || (lhs.path == rhs.path && lhs.kind == rhs.kind && lhs.isIdempotent == rhs.isIdempotent)
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(path) }

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
