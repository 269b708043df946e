/// Maps wire paths (`/charter.registry.v1.Registry/GetSchool`) to the methods that serve them.
///
/// Services register through generated code (`RegistrableRPCService.registerMethods(with:)`);
/// the transport looks a path up once per call and answers `UNIMPLEMENTED` when it is absent.
public struct RPCRouter: Sendable {
  private var methods: [String: ServerMethod] = [:]
  private var serviceNames: Set<String> = []

  public init() {}

  /// Every registered method, for listing and health.
  public var registeredMethods: [MethodDescriptor] { methods.values.map(\.descriptor) }
  /// Fully qualified names of every service with at least one method.
  public var services: Set<String> { serviceNames }

  /// Registers all methods of a service.
  public mutating func register(_ service: some RegistrableRPCService) {
    service.registerMethods(with: &self)
  }

  public func method(forPath path: String) -> ServerMethod? { methods[path] }

  public mutating func registerUnary<Request: RPCMessage, Response: RPCMessage>(
    _ descriptor: MethodDescriptor,
    handler: @escaping @Sendable (Request, ServerContext) async throws -> Response
  ) {
    insert(
      ServerMethod(
        descriptor: descriptor,
        handler: .unary { bytes, context in
          let request = try decodeRequest(Request.self, from: bytes)
          return try encodeResponse(try await handler(request, context))
        }))
  }

  public mutating func registerServerStreaming<Request: RPCMessage, Response: RPCMessage>(
    _ descriptor: MethodDescriptor,
    handler:
      @escaping @Sendable (Request, RPCResponseWriter<Response>, ServerContext) async throws
      -> Void
  ) {
    insert(
      ServerMethod(
        descriptor: descriptor,
        handler: .serverStreaming { bytes, sink, context in
          let request = try decodeRequest(Request.self, from: bytes)
          try await handler(request, RPCResponseWriter(sink: sink), context)
        }))
  }

  public mutating func registerClientStreaming<Request: RPCMessage, Response: RPCMessage>(
    _ descriptor: MethodDescriptor,
    handler: @escaping @Sendable (RPCRequestStream<Request>, ServerContext) async throws -> Response
  ) {
    insert(
      ServerMethod(
        descriptor: descriptor,
        handler: .clientStreaming { source, context in
          try encodeResponse(try await handler(RPCRequestStream(source: source), context))
        }))
  }

  public mutating func registerBidirectionalStreaming<Request: RPCMessage, Response: RPCMessage>(
    _ descriptor: MethodDescriptor,
    handler:
      @escaping @Sendable (
        RPCRequestStream<Request>, RPCResponseWriter<Response>, ServerContext
      ) async throws -> Void
  ) {
    insert(
      ServerMethod(
        descriptor: descriptor,
        handler: .bidirectional { source, sink, context in
          try await handler(RPCRequestStream(source: source), RPCResponseWriter(sink: sink), context)
        }))
  }

  private mutating func insert(_ method: ServerMethod) {
    methods[method.descriptor.path] = method
    serviceNames.insert(method.descriptor.service)
  }
}

/// A service implementation that can put its methods into a router (generated for every
/// service protocol in the contracts).
public protocol RegistrableRPCService: Sendable {
  func registerMethods(with router: inout RPCRouter)
}

func encodeResponse<M: RPCMessage>(_ message: M) throws -> [UInt8] {
  do {
    return try message.serializedBytes()
  } catch {
    throw RPCError(code: .internalError, message: "could not encode response: \(error)")
  }
}
