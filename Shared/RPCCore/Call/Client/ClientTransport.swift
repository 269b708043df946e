/// A way to carry calls to one server (an HTTP/2 connection pool, an in-process pipe).
///
/// Typed clients never use it directly: ``RPCClient`` encodes messages, applies deadlines,
/// interceptors and retries, and hands the transport bytes.
public protocol ClientTransport: Sendable {
  /// Performs a unary call.
  /// - Throws: ``RPCError`` with the status the server (or the transport) reported.
  func unary(
    _ descriptor: MethodDescriptor,
    request: [UInt8],
    metadata: Metadata,
    deadline: ContinuousClock.Instant?
  ) async throws -> UnaryCallResult

  /// Opens a streaming call (any of the three streaming shapes).
  func openStream(
    _ descriptor: MethodDescriptor,
    metadata: Metadata,
    deadline: ContinuousClock.Instant?
  ) async throws -> any ClientStreamCall

  /// Stops accepting new calls and closes connections once in-flight calls finish.
  func close() async
}

/// The result of a successful unary call, with the metadata that came with it.
public struct UnaryCallResult: Sendable {
  public var message: [UInt8]
  public var initialMetadata: Metadata
  public var trailingMetadata: Metadata

  public init(message: [UInt8], initialMetadata: Metadata, trailingMetadata: Metadata) {
    self.message = message
    self.initialMetadata = initialMetadata
    self.trailingMetadata = trailingMetadata
  }
}

/// One open streaming call, as a transport exposes it.
public protocol ClientStreamCall: Sendable {
  /// Sends a request message, suspending while the call's outbound buffer is full.
  func send(_ message: [UInt8]) async throws
  /// Half-closes: tells the server no more requests follow.
  func closeSending() async throws
  /// The response headers, once they arrive (empty for a Trailers-Only response).
  func initialMetadata() async throws -> Metadata
  /// The next response message; `nil` when the server ended the call with OK.
  /// - Throws: ``RPCError`` when the call ended with any other status.
  func receive() async throws -> [UInt8]?
  /// The trailers, once the call has ended.
  func trailingMetadata() async -> Metadata
  /// Cancels the call (RST_STREAM CANCEL on HTTP/2).
  func cancel()
}
