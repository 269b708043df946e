/// Per-call settings a caller may give a typed client method.
public struct CallOptions: Sendable {
  /// How long the caller will wait. `nil` uses the client's default for the call shape; an
  /// inbound call's deadline (when serving one) also bounds it.
  public var timeout: Duration?
  /// Custom metadata sent in the request headers.
  public var metadata: Metadata

  public init(timeout: Duration? = nil, metadata: Metadata = [:]) {
    self.timeout = timeout
    self.metadata = metadata
  }

  public static var defaults: CallOptions { CallOptions() }
}

/// Code that runs around every outbound call: adding credentials or a request id to the
/// metadata, timing, logging.
///
/// `next` performs the call (including any retries) with the options it is given.
public protocol ClientInterceptor: Sendable {
  func intercept<Result: Sendable>(
    descriptor: MethodDescriptor,
    options: CallOptions,
    next: @Sendable (CallOptions) async throws -> Result
  ) async throws -> Result
}
