/// The request messages of a client- or bidirectional-streaming call, in the order sent.
///
/// Iteration ends when the client half-closes. Iterating pulls from the transport, which only
/// reopens the flow-control window as messages are consumed, so a fast client cannot make the
/// server buffer without bound. A message that does not decode ends iteration with an
/// `INTERNAL` ``RPCError``, as gRPC prescribes for request parse failures.
public struct RPCRequestStream<Message: RPCMessage>: AsyncSequence, Sendable {
  public typealias Element = Message
  let source: any InboundMessageSource

  public init(source: any InboundMessageSource) { self.source = source }

  public struct AsyncIterator: AsyncIteratorProtocol {
    let source: any InboundMessageSource
    public mutating func next() async throws -> Message? {
      guard let bytes = try await source.nextMessage() else { return nil }
      return try decodeRequest(Message.self, from: bytes)
    }
  }

  public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(source: source) }
}

/// Writes the response messages of a server- or bidirectional-streaming call.
///
/// `write` suspends while the transport's outbound buffer for this call is full (the client
/// reads slowly or its flow-control window is closed), so a handler never outruns its reader.
public struct RPCResponseWriter<Message: RPCMessage>: Sendable {
  let sink: any OutboundMessageSink

  public init(sink: any OutboundMessageSink) { self.sink = sink }

  /// Sends one message.
  /// - Throws: `CancellationError` or an ``RPCError`` if the call has ended.
  public func write(_ message: Message) async throws {
    let bytes: [UInt8]
    do {
      bytes = try message.serializedBytes()
    } catch {
      throw RPCError(code: .internalError, message: "could not encode response: \(error)")
    }
    try await sink.writeMessage(bytes)
  }

  /// Sends each message in turn.
  public func write(contentsOf messages: some Sequence<Message>) async throws {
    for m in messages { try await write(m) }
  }
}

/// The transport side of an inbound message stream (implemented by transports).
public protocol InboundMessageSource: Sendable {
  /// The next whole message, or `nil` after the peer half-closed.
  func nextMessage() async throws -> [UInt8]?
}

/// The transport side of an outbound message stream (implemented by transports).
public protocol OutboundMessageSink: Sendable {
  /// Queues one encoded message, suspending while the call's outbound buffer is full.
  func writeMessage(_ bytes: [UInt8]) async throws
}

func decodeRequest<M: RPCMessage>(_ type: M.Type, from bytes: [UInt8]) throws -> M {
  do {
    return try M(serializedBytes: bytes)
  } catch {
    throw RPCError(code: .internalError, message: "could not decode request message: \(error)")
  }
}
