public import RPCCore

/// The id that ties together the log lines of one request across every service it touches.
///
/// A server takes the caller's `x-request-id` (or makes one), returns it in the response
/// headers, and keeps it in a task local while the handler runs; outbound calls made from
/// there carry it on.
public enum RequestID {
  public static let metadataKey = "x-request-id"

  /// The id of the request the current task is serving.
  @TaskLocal public static var current: String?

  /// 16 random hex digits.
  public static func generate() -> String {
    let value = UInt64.random(in: .min ... .max)
    let hex = String(value, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }

  public struct AttributeKey: ContextAttributeKey { public typealias Value = String }
}

/// Server side of ``RequestID``.
public struct RequestIDServerInterceptor: ServerInterceptor {
  public init() {}

  public func intercept<Result: Sendable>(
    context: ServerContext, next: @Sendable (ServerContext) async throws -> Result
  ) async throws -> Result {
    let id =
      context.requestMetadata.firstString(forKey: RequestID.metadataKey)
      .flatMap { $0.isEmpty || $0.count > 128 ? nil : $0 } ?? RequestID.generate()
    var context = context
    context.attributes[RequestID.AttributeKey.self] = id
    context.response.addInitial(RequestID.metadataKey, .string(id))
    return try await RequestID.$current.withValue(id) { try await next(context) }
  }
}

/// Client side of ``RequestID``: outbound calls carry the current request's id.
public struct RequestIDClientInterceptor: ClientInterceptor {
  public init() {}

  public func intercept<Result: Sendable>(
    descriptor: MethodDescriptor, options: CallOptions,
    next: @Sendable (CallOptions) async throws -> Result
  ) async throws -> Result {
    guard let id = RequestID.current, options.metadata[RequestID.metadataKey].isEmpty else {
      return try await next(options)
    }
    var options = options
    options.metadata.append(RequestID.metadataKey, .string(id))
    return try await next(options)
  }
}
