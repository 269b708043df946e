/// The typed face of a ``ClientTransport``: what generated clients (`Registry.Client`) call.
///
/// It encodes requests and decodes responses, gives every call a deadline (the caller's, the
/// client's default, or the remaining time of the inbound call being served, whichever is
/// soonest), runs client interceptors, and retries calls to methods marked idempotent when
/// they fail with `UNAVAILABLE`, with jittered exponential backoff, within the deadline.
public struct RPCClient: Sendable {
  /// Defaults applied to every call of this client.
  public struct Configuration: Sendable {
    /// Deadline for unary and client-streaming calls that set none.
    public var defaultTimeout: Duration?
    /// Deadline for server- and bidirectional-streaming calls that set none (`nil`: none,
    /// so long-lived event feeds stay open).
    public var defaultStreamingTimeout: Duration?
    public var retry: RetryPolicy

    public init(
      defaultTimeout: Duration? = .seconds(30),
      defaultStreamingTimeout: Duration? = nil,
      retry: RetryPolicy = .defaults
    ) {
      self.defaultTimeout = defaultTimeout
      self.defaultStreamingTimeout = defaultStreamingTimeout
      self.retry = retry
    }

    public static var defaults: Configuration { Configuration() }
  }

  public let transport: any ClientTransport
  public var configuration: Configuration
  public var interceptors: [any ClientInterceptor]

  public init(
    transport: any ClientTransport,
    configuration: Configuration = .defaults,
    interceptors: [any ClientInterceptor] = []
  ) {
    self.transport = transport
    self.configuration = configuration
    self.interceptors = interceptors
  }

  // MARK: unary

  /// Calls a unary method and returns its response.
  public func unary<Request: RPCMessage, Response: RPCMessage>(
    _ descriptor: MethodDescriptor,
    request: Request,
    options: CallOptions = .defaults
  ) async throws -> Response {
    try await unaryWithMetadata(descriptor, request: request, options: options).message
  }

  /// Calls a unary method and returns its response together with the server's metadata.
  public func unaryWithMetadata<Request: RPCMessage, Response: RPCMessage>(
    _ descriptor: MethodDescriptor,
    request: Request,
    options: CallOptions = .defaults
  ) async throws -> ClientResponse<Response> {
    let bytes = try encodeRequest(request)
    let transport = self.transport
    let retry = configuration.retry
    return try await intercepted(descriptor, options) { options in
      let deadline = self.deadline(for: descriptor, options)
      var attempt = 1
      while true {
        do {
          let result = try await transport.unary(
            descriptor, request: bytes, metadata: options.metadata, deadline: deadline)
          return ClientResponse(
            message: try decodeResponse(Response.self, from: result.message),
            initialMetadata: result.initialMetadata,
            trailingMetadata: result.trailingMetadata)
        } catch let error as RPCError
          where error.code == .unavailable && descriptor.isIdempotent
          && attempt < retry.maxAttempts
        {
          let pause = retry.backoff(afterAttempt: attempt)
          if let deadline, ContinuousClock.now.advanced(by: pause) >= deadline { throw error }
          try await Task.sleep(for: pause)
          attempt += 1
        }
      }
    }
  }

  // MARK: streaming

  /// Calls a server-streaming method; `handle` reads the responses. The call is cancelled if
  /// `handle` returns or throws before the stream ends.
  public func serverStreaming<Request: RPCMessage, Response: RPCMessage, Result: Sendable>(
    _ descriptor: MethodDescriptor,
    request: Request,
    options: CallOptions = .defaults,
    handle: @Sendable (RPCResponseStream<Response>) async throws -> Result
  ) async throws -> Result {
    let bytes = try encodeRequest(request)
    return try await intercepted(descriptor, options) { options in
      let call = try await self.transport.openStream(
        descriptor, metadata: options.metadata, deadline: self.deadline(for: descriptor, options))
      defer { call.cancel() }
      return try await withTaskCancellationHandler {
        try await call.send(bytes)
        try await call.closeSending()
        return try await handle(RPCResponseStream(call: call))
      } onCancel: {
        call.cancel()
      }
    }
  }

  /// Calls a client-streaming method: `requests` writes the messages (the call half-closes when
  /// it returns), then the single response is returned.
  public func clientStreaming<Request: RPCMessage, Response: RPCMessage>(
    _ descriptor: MethodDescriptor,
    options: CallOptions = .defaults,
    requests: @Sendable (RPCRequestWriter<Request>) async throws -> Void
  ) async throws -> Response {
    try await intercepted(descriptor, options) { options in
      let call = try await self.transport.openStream(
        descriptor, metadata: options.metadata, deadline: self.deadline(for: descriptor, options))
      defer { call.cancel() }
      return try await withTaskCancellationHandler {
        try await requests(RPCRequestWriter(call: call))
        try await call.closeSending()
        guard let bytes = try await call.receive() else {
          throw RPCError(code: .internalError, message: "server ended the call without a response")
        }
        let response = try decodeResponse(Response.self, from: bytes)
        if try await call.receive() != nil {
          throw RPCError(code: .internalError, message: "server sent more than one response")
        }
        return response
      } onCancel: {
        call.cancel()
      }
    }
  }

  /// Calls a bidirectional-streaming method. `body` gets the writer and the response stream
  /// and may interleave them freely (ping-pong); sending is half-closed when `body` returns
  /// and the call is cancelled if the responses were not read to the end.
  public func bidirectionalStreaming<Request: RPCMessage, Response: RPCMessage, Result: Sendable>(
    _ descriptor: MethodDescriptor,
    options: CallOptions = .defaults,
    body: @Sendable (RPCRequestWriter<Request>, RPCResponseStream<Response>) async throws -> Result
  ) async throws -> Result {
    try await intercepted(descriptor, options) { options in
      let call = try await self.transport.openStream(
        descriptor, metadata: options.metadata, deadline: self.deadline(for: descriptor, options))
      defer { call.cancel() }
      return try await withTaskCancellationHandler {
        let result = try await body(RPCRequestWriter(call: call), RPCResponseStream(call: call))
        try? await call.closeSending()
        return result
      } onCancel: {
        call.cancel()
      }
    }
  }

  // MARK: internals

  private func intercepted<R: Sendable>(
    _ descriptor: MethodDescriptor,
    _ options: CallOptions,
    _ body: @Sendable (CallOptions) async throws -> R
  ) async throws -> R {
    if interceptors.isEmpty { return try await body(options) }
    return try await runClientInterceptors(interceptors[...], descriptor, options, body)
  }

  /// The soonest of: the caller's timeout (or the default for the call shape), and the
  /// deadline of the inbound call being served.
  func deadline(for descriptor: MethodDescriptor, _ options: CallOptions)
    -> ContinuousClock.Instant?
  {
    let timeout =
      options.timeout
      ?? (descriptor.kind.serverStreams
        ? configuration.defaultStreamingTimeout : configuration.defaultTimeout)
    let own = timeout.map { ContinuousClock.now.advanced(by: $0) }
    switch (own, CallDeadline.inbound) {
    case (let a?, let b?): return min(a, b)
    case (let a?, nil): return a
    case (nil, let b?): return b
    case (nil, nil): return nil
    }
  }
}

private func runClientInterceptors<R: Sendable>(
  _ chain: ArraySlice<any ClientInterceptor>,
  _ descriptor: MethodDescriptor,
  _ options: CallOptions,
  _ body: @Sendable (CallOptions) async throws -> R
) async throws -> R {
  guard let first = chain.first else { return try await body(options) }
  let rest = chain.dropFirst()
  return try await first.intercept(descriptor: descriptor, options: options) { options in
    try await runClientInterceptors(rest, descriptor, options, body)
  }
}

private func encodeRequest<M: RPCMessage>(_ message: M) throws -> [UInt8] {
  do {
    return try message.serializedBytes()
  } catch {
    throw RPCError(code: .invalidArgument, message: "could not encode request: \(error)")
  }
}

/// A response message with the metadata the server sent around it.
public struct ClientResponse<Message: Sendable>: Sendable {
  public var message: Message
  public var initialMetadata: Metadata
  public var trailingMetadata: Metadata
}

/// When and how often a client retries an idempotent call that failed with `UNAVAILABLE`.
public struct RetryPolicy: Sendable {
  /// Total attempts including the first; 1 disables retries.
  public var maxAttempts: Int
  public var initialBackoff: Duration
  public var maxBackoff: Duration
  public var multiplier: Double

  public init(
    maxAttempts: Int = 3, initialBackoff: Duration = .milliseconds(50),
    maxBackoff: Duration = .seconds(1), multiplier: Double = 2
  ) {
    self.maxAttempts = max(1, maxAttempts)
    self.initialBackoff = initialBackoff
    self.maxBackoff = maxBackoff
    self.multiplier = multiplier
  }

  public static var defaults: RetryPolicy { RetryPolicy() }

  /// A random pause in [0, min(maxBackoff, initial × multiplier^(attempt-1))] ("full jitter").
  public func backoff(afterAttempt attempt: Int) -> Duration {
    var ceiling =
      Double(initialBackoff.components.seconds)
      + Double(initialBackoff.components.attoseconds) / 1e18
    for _ in 1..<max(1, attempt) { ceiling *= multiplier }
    let cap =
      Double(maxBackoff.components.seconds)
      + Double(maxBackoff.components.attoseconds) / 1e18
    let seconds = Double.random(in: 0...min(ceiling, cap))
    return .nanoseconds(Int64(seconds * 1e9))
  }
}
