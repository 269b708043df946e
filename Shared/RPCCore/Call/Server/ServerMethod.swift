/// One routable method with its handler erased to bytes: what a transport runs for a call.
/// A reference type, so that keeping it in per-call state costs one retain.
public final class ServerMethod: Sendable {
  public let descriptor: MethodDescriptor
  let handler: Handler

  init(descriptor: MethodDescriptor, handler: Handler) {
    self.descriptor = descriptor
    self.handler = handler
  }

  enum Handler: Sendable {
    case unary(@Sendable ([UInt8], ServerContext) async throws -> [UInt8])
    case serverStreaming(
      @Sendable ([UInt8], any OutboundMessageSink, ServerContext) async throws -> Void)
    case clientStreaming(@Sendable (any InboundMessageSource, ServerContext) async throws -> [UInt8])
    case bidirectional(
      @Sendable (any InboundMessageSource, any OutboundMessageSink, ServerContext) async throws
        -> Void)
  }

  /// Runs a call whose client sends exactly one message (unary, server-streaming).
  ///
  /// The transport has already assembled the request. The returned outcome holds the single
  /// response for a unary call; streamed responses went out through `outbound`.
  public func execute(
    request: [UInt8],
    outbound: (any OutboundMessageSink)?,
    context: ServerContext,
    interceptors: [any ServerInterceptor]
  ) async -> ServerCallOutcome {
    switch handler {
    case .unary(let body):
      return await run(context, interceptors) { ctx in try await body(request, ctx) }
    case .serverStreaming(let body):
      guard let outbound else { return .missingStream }
      return await run(context, interceptors) { ctx in
        try await body(request, outbound, ctx)
        return nil
      }
    case .clientStreaming, .bidirectional:
      return .missingStream
    }
  }

  /// Runs a call whose client streams (client-streaming, bidirectional).
  public func execute(
    inbound: any InboundMessageSource,
    outbound: any OutboundMessageSink,
    context: ServerContext,
    interceptors: [any ServerInterceptor]
  ) async -> ServerCallOutcome {
    switch handler {
    case .clientStreaming(let body):
      return await run(context, interceptors) { ctx in try await body(inbound, ctx) }
    case .bidirectional(let body):
      return await run(context, interceptors) { ctx in
        try await body(inbound, outbound, ctx)
        return nil
      }
    case .unary, .serverStreaming:
      return .missingStream
    }
  }

  private func run(
    _ context: ServerContext,
    _ interceptors: [any ServerInterceptor],
    _ body: @Sendable (ServerContext) async throws -> [UInt8]?
  ) async -> ServerCallOutcome {
    do {
      let response: [UInt8]?
      if let deadline = context.deadline {
        response = try await CallDeadline.$inbound.withValue(deadline) {
          try await runInterceptors(interceptors[...], context, body)
        }
      } else {
        response = try await runInterceptors(interceptors[...], context, body)
      }
      return ServerCallOutcome(
        status: .ok, response: response, trailingMetadata: context.response.trailing)
    } catch {
      let rpcError = RPCError(mapping: error, deadline: context.deadline)
      var trailers = context.response.trailing
      trailers.merge(rpcError.metadata)
      return ServerCallOutcome(status: rpcError.status, response: nil, trailingMetadata: trailers)
    }
  }
}

private func runInterceptors<R: Sendable>(
  _ chain: ArraySlice<any ServerInterceptor>,
  _ context: ServerContext,
  _ body: @Sendable (ServerContext) async throws -> R
) async throws -> R {
  guard let first = chain.first else { return try await body(context) }
  let rest = chain.dropFirst()
  return try await first.intercept(context: context) { ctx in
    try await runInterceptors(rest, ctx, body)
  }
}

/// How a call ended, as the transport must report it.
public struct ServerCallOutcome: Sendable {
  public var status: Status
  /// The one response message of a unary or client-streaming call that succeeded.
  public var response: [UInt8]?
  public var trailingMetadata: Metadata

  public init(status: Status, response: [UInt8]?, trailingMetadata: Metadata) {
    self.status = status
    self.response = response
    self.trailingMetadata = trailingMetadata
  }

  static let missingStream = ServerCallOutcome(
    status: Status(code: .internalError, message: "method invoked with the wrong call shape"),
    response: nil, trailingMetadata: [:])
}

/// The deadline of the inbound call a task is serving, so outbound calls made while serving it
/// inherit it (deadline propagation across services).
public enum CallDeadline {
  @TaskLocal public static var inbound: ContinuousClock.Instant?
}

extension RPCError {
  /// Maps any error thrown by a handler or interceptor to the error the client will see.
  ///
  /// ``RPCError`` and ``RPCErrorConvertible`` keep their code; cancellation becomes
  /// `DEADLINE_EXCEEDED` when the deadline has passed and `CANCELLED` otherwise; anything else
  /// becomes `UNKNOWN` with a generic message, so internal details never leak.
  public init(mapping error: any Error, deadline: ContinuousClock.Instant?) {
    switch error {
    case let error as RPCError:
      self = error
    case let error as any RPCErrorConvertible:
      self = error.rpcError
    case is CancellationError:
      if let deadline, deadline <= .now {
        self = RPCError(code: .deadlineExceeded, message: "deadline exceeded")
      } else {
        self = RPCError(code: .cancelled, message: "call cancelled")
      }
    default:
      self = RPCError(code: .unknown, message: "the server failed to handle the call")
    }
  }
}
