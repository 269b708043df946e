/// Responses arriving on a server- or bidirectional-streaming call, decoded in order.
///
/// Iteration ends normally when the server finishes with `OK`; any other status is thrown as
/// an ``RPCError``. Metadata the server sent is available from ``initialMetadata()`` and, after
/// the end, ``trailingMetadata()``.
public struct RPCResponseStream<Message: RPCMessage>: AsyncSequence, Sendable {
  public typealias Element = Message
  let call: any ClientStreamCall

  init(call: any ClientStreamCall) { self.call = call }

  public func initialMetadata() async throws -> Metadata { try await call.initialMetadata() }
  public func trailingMetadata() async -> Metadata { await call.trailingMetadata() }

  public struct AsyncIterator: AsyncIteratorProtocol {
    let call: any ClientStreamCall
    public mutating func next() async throws -> Message? {
      guard let bytes = try await call.receive() else { return nil }
      return try decodeResponse(Message.self, from: bytes)
    }
  }

  public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(call: call) }
}

/// Sends the requests of a client- or bidirectional-streaming call.
public struct RPCRequestWriter<Message: RPCMessage>: Sendable {
  let call: any ClientStreamCall

  init(call: any ClientStreamCall) { self.call = call }

  /// Sends one message, suspending while the transport is backed up.
  public func write(_ message: Message) async throws {
    let bytes: [UInt8]
    do {
      bytes = try message.serializedBytes()
    } catch {
      throw RPCError(code: .invalidArgument, message: "could not encode request: \(error)")
    }
    try await call.send(bytes)
  }

  /// Half-closes the call; the client sends nothing more. Called automatically when the
  /// request closure returns.
  public func finish() async throws { try await call.closeSending() }
}

func decodeResponse<M: RPCMessage>(_ type: M.Type, from bytes: [UInt8]) throws -> M {
  do {
    return try M(serializedBytes: bytes)
  } catch {
    throw RPCError(code: .internalError, message: "could not decode response message: \(error)")
  }
}
