internal import Logging
internal import NIOCore
import RPCCore

/// Carries calls over one client HTTP/2 connection: owns the connection's nghttp2 client
/// session, opens a stream per call, and reports each call's messages and status.
///
/// Runs only on the connection's event loop; ``HTTP2ClientTransport`` and the call objects
/// reach it through `NIOLoopBound`.
final class ClientConnectionHandler: ChannelInboundHandler, NGHTTP2SessionDelegate {
  typealias InboundIn = ByteBuffer
  typealias OutboundOut = ByteBuffer

  let configuration: HTTP2ClientTransport.Configuration
  let authority: String
  let logger: Logger
  let eventLoop: any EventLoop
  /// Tells the pool when the connection stops accepting calls or closes.
  let onStateChange: @Sendable (ClientConnectionEvent) -> Void

  var session: NGHTTP2Session!
  var context: ChannelHandlerContext?
  var streams = StreamTable<ClientStream>()
  var inReadBatch = false
  var flushScheduled = false
  var isClosed = false
  /// The server sent GOAWAY: no new calls here.
  var isDraining = false
  var keepaliveTimer: Scheduled<Void>?
  var keepaliveTimeoutTimer: Scheduled<Void>?
  var lastReadAt = NIODeadline.now()

  init(
    configuration: HTTP2ClientTransport.Configuration, authority: String, logger: Logger,
    eventLoop: any EventLoop, onStateChange: @escaping @Sendable (ClientConnectionEvent) -> Void
  ) {
    self.configuration = configuration
    self.authority = authority
    self.logger = logger
    self.eventLoop = eventLoop
    self.onStateChange = onStateChange
  }

  // MARK: channel events

  func handlerAdded(context: ChannelHandlerContext) {
    self.context = context
    do {
      session = try NGHTTP2Session(isServer: false, delegate: self, allocator: context.channel.allocator)
      try session.submitSettings([
        (id: 0x2, value: 0),  // ENABLE_PUSH
        (id: 0x4, value: UInt32(configuration.streamWindowSize)),  // INITIAL_WINDOW_SIZE
        (id: 0x6, value: 16 * 1024),  // MAX_HEADER_LIST_SIZE
      ])
      session.setConnectionWindowSize(Int32(clamping: configuration.connectionWindowSize))
    } catch {
      logger.error("could not start HTTP/2 session", metadata: ["error": "\(error)"])
      context.close(promise: nil)
      return
    }
    if configuration.keepalive != nil { scheduleKeepalive() }
    if context.channel.isActive { flush() }
  }

  func channelActive(context: ChannelHandlerContext) {
    flush()
    context.fireChannelActive()
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let buffer = unwrapInboundIn(data)
    lastReadAt = .now()
    inReadBatch = true
    defer { inReadBatch = false }
    do {
      try buffer.withUnsafeReadableBytes { (bytes) throws(NGHTTP2Error) in
        try session.receive(bytes)
      }
    } catch {
      logger.debug("HTTP/2 protocol error from server", metadata: ["error": "\(error)"])
      flush()
      closeNow(Status(code: .unavailable, message: "HTTP/2 protocol error: \(error)"))
    }
  }

  func channelReadComplete(context: ChannelHandlerContext) {
    flush()
  }

  func channelWritabilityChanged(context: ChannelHandlerContext) {
    if context.channel.isWritable { flush() }
    context.fireChannelWritabilityChanged()
  }

  func channelInactive(context: ChannelHandlerContext) {
    tearDown(Status(code: .unavailable, message: "connection closed"))
    context.fireChannelInactive()
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    closeNow(Status(code: .unavailable, message: "connection failed: \(error)"))
  }

  // MARK: writing

  func flush() {
    flushScheduled = false
    guard let context, !isClosed else { return }
    var wrote = false
    while context.channel.isWritable {
      do {
        try session.send()
      } catch {
        closeNow(Status(code: .internalError, message: "HTTP/2 send failed: \(error)"))
        return
      }
      let pending = session.output.readableBytes
      if pending == 0 { break }
      let chunk = session.output
      session.output = context.channel.allocator.buffer(capacity: max(1024, min(pending, 64 * 1024)))
      context.write(wrapOutboundOut(chunk), promise: nil)
      wrote = true
      if pending < session.outputLimit { break }
    }
    if wrote { context.flush() }
    if isDraining, streams.isEmpty { closeAfterWrites() }
  }

  func scheduleFlush() {
    if inReadBatch || flushScheduled { return }
    flushScheduled = true
    eventLoop.assumeIsolated().execute { self.flush() }
  }

  func closeNow(_ status: Status) {
    guard !isClosed else { return }
    tearDown(status)
    context?.close(promise: nil)
  }

  private func closeAfterWrites() {
    guard let context, !isClosed else { return }
    tearDown(Status(code: .unavailable, message: "connection closed"))
    context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(capacity: 0)))
      .assumeIsolated().whenComplete { _ in context.close(promise: nil) }
  }

  private func tearDown(_ status: Status) {
    guard !isClosed else { return }
    isClosed = true
    keepaliveTimer?.cancel()
    keepaliveTimeoutTimer?.cancel()
    let open = streams.all
    streams.removeAll()
    for stream in open { complete(stream, status: status, trailers: [:]) }
    onStateChange(.closed)
  }

  // MARK: starting calls

  /// Whether another call may start here. Calls beyond the server's concurrent-stream limit
  /// are queued by nghttp2 and open as earlier streams close.
  var canStartCall: Bool { !isClosed && !isDraining }

  func start(_ stream: ClientStream, metadata: Metadata) -> Bool {
    guard canStartCall else { return false }
    var headers = HeaderBlock()
    headers.add(":method", "POST")
    headers.add(":scheme", "http")
    headers.add(":path", stream.descriptor.path)
    headers.add(":authority", authority)
    headers.add("content-type", "application/grpc")
    headers.add("te", "trailers")
    headers.add("user-agent", "charter-grpc-swift/1.0")
    headers.add("grpc-accept-encoding", "identity")
    if let deadline = stream.deadline {
      let remaining = ContinuousClock.now.duration(to: deadline)
      headers.add("grpc-timeout", GRPCTimeout.encode(remaining))
    }
    ResponseHeaders.appendMetadata(metadata, to: &headers)
    do {
      stream.id = try session.submitRequest(headers: headers)
    } catch {
      complete(stream, status: Status(code: .internalError, message: "\(error)"), trailers: [:])
      return true
    }
    streams.insert(stream, for: stream.id)
    if let deadline = stream.deadline {
      let delay = ContinuousClock.now.duration(to: deadline)
      let id = stream.id
      stream.deadlineTimer = eventLoop.assumeIsolated().scheduleTask(
        in: .nanoseconds(max(0, delay.nanoseconds))
      ) {
        self.deadlineExpired(streamID: id)
      }
    }
    scheduleFlush()
    return true
  }

  private func deadlineExpired(streamID: Int32) {
    guard let stream = streams[streamID], !stream.isFinished else { return }
    stream.deadlineTimer = nil
    session.resetStream(streamID, errorCode: .cancel)
    complete(stream, status: Status(code: .deadlineExceeded, message: "Deadline Exceeded"), trailers: [:])
    scheduleFlush()
  }

  /// Cancels a call at the caller's request (RST_STREAM CANCEL).
  func cancel(streamID: Int32) {
    guard let stream = streams[streamID], !stream.isFinished else { return }
    session.resetStream(streamID, errorCode: .cancel)
    complete(stream, status: Status(code: .cancelled, message: "call cancelled by the client"), trailers: [:])
    scheduleFlush()
  }

  // MARK: request body

  func enqueueRequest(_ stream: ClientStream, _ message: [UInt8]) -> Result<Bool, any Error> {
    guard !stream.isFinished, streams[stream.id] === stream else {
      return .failure(finishedError(stream))
    }
    guard !stream.requestClosed else {
      return .failure(RPCError(code: .internalError, message: "request stream already closed"))
    }
    stream.outbound.append(message)
    resume(stream)
    return .success(stream.outbound.bufferedBytes >= configuration.requestBufferHighWatermark)
  }

  func closeRequest(_ stream: ClientStream) {
    guard streams[stream.id] === stream, !stream.requestClosed else { return }
    stream.requestClosed = true
    resume(stream)
  }

  func waitForRoom(_ stream: ClientStream, _ continuation: CheckedContinuation<Void, any Error>) {
    guard !stream.isFinished, streams[stream.id] === stream else {
      continuation.resume(throwing: finishedError(stream))
      return
    }
    if stream.outbound.bufferedBytes < configuration.requestBufferHighWatermark / 2 {
      continuation.resume()
    } else {
      stream.writerWaiters.append(continuation)
    }
  }

  private func resume(_ stream: ClientStream) {
    if stream.dataDeferred {
      stream.dataDeferred = false
      session.resumeData(streamID: stream.id)
    }
    scheduleFlush()
  }

  /// The error a late writer gets: how the call ended, when it failed.
  func finishedError(_ stream: ClientStream) -> any Error {
    if let outcome = stream.outcome, outcome.status.code != .ok {
      return RPCError(status: outcome.status, metadata: outcome.trailers)
    }
    return RPCError(code: .cancelled, message: "the server has already ended the call")
  }

  // MARK: responses

  enum MessagePoll {
    case message([UInt8])
    case end
    case failed(RPCError)
    case wait
  }

  /// The next response message, the end, or the call's error.
  func pollMessage(_ stream: ClientStream) -> MessagePoll {
    if let message = stream.deframer.next() {
      let target = stream.receivedBytes - stream.deframer.pendingBytes
      if target > stream.consumedBytes, streams[stream.id] != nil {
        session.consume(streamID: stream.id, count: target - stream.consumedBytes)
        stream.consumedBytes = target
        scheduleFlush()
      }
      return .message(message)
    }
    if let outcome = stream.outcome {
      if outcome.status.code == .ok { return .end }
      return .failed(RPCError(status: outcome.status, metadata: outcome.trailers))
    }
    return .wait
  }

  /// Records a call's final status and wakes everything waiting on it.
  func complete(_ stream: ClientStream, status: Status, trailers: Metadata) {
    guard stream.outcome == nil else { return }
    var status = status
    let trailers = trailers
    stream.deadlineTimer?.cancel()
    stream.deadlineTimer = nil
    if let continuation = stream.unaryContinuation {
      stream.unaryContinuation = nil
      if status.code == .ok {
        let first = stream.deframer.next()
        if stream.deframer.hasPartialMessage {
          status = Status(code: .internalError, message: "response ended inside a message")
        } else if let message = first, stream.deframer.next() == nil {
          continuation.resume(
            returning: UnaryCallResult(
              message: message, initialMetadata: stream.initialMetadata ?? [:],
              trailingMetadata: trailers))
        } else {
          status = Status(
            code: first == nil ? .unimplemented : .internalError,
            message: first == nil
              ? "server sent no response message" : "server sent more than one response message")
        }
      }
      if status.code != .ok {
        if stream.wasRefused {
          continuation.resume(throwing: NotProcessed(status: status))
        } else {
          continuation.resume(throwing: RPCError(status: status, metadata: trailers))
        }
      }
    }
    if stream.deframer.hasPartialMessage && status.code == .ok {
      status = Status(code: .internalError, message: "response ended inside a message")
    }
    stream.outcome = (status, trailers)
    let error = RPCError(status: status, metadata: trailers)
    for waiter in stream.headerWaiters {
      if let initial = stream.initialMetadata {
        waiter.resume(returning: initial)
      } else if status.code == .ok {
        waiter.resume(returning: [:])
      } else {
        waiter.resume(throwing: error)
      }
    }
    stream.headerWaiters.removeAll()
    if let waiter = stream.messageWaiter {
      stream.messageWaiter = nil
      switch pollMessage(stream) {
      case .message(let m): waiter.resume(returning: m)
      case .end: waiter.resume(returning: nil)
      case .failed(let e): waiter.resume(throwing: e)
      case .wait: waiter.resume(throwing: error)
      }
    }
    for waiter in stream.endWaiters { waiter.resume(returning: trailers) }
    stream.endWaiters.removeAll()
    for writer in stream.writerWaiters { writer.resume(throwing: error) }
    stream.writerWaiters.removeAll()
  }

  // MARK: NGHTTP2SessionDelegate

  func sessionDidReceiveHeaders(
    streamID: Int32, headers: borrowing HeaderBlock, isTrailers: Bool, endStream: Bool
  ) {
    guard let stream = streams[streamID], !stream.isFinished else { return }
    var head = ResponseHead()
    headers.forEachField { name, value in head.accept(name: name, value: value) }
    if !stream.headersReceived {
      stream.headersReceived = true
      if let http = head.httpStatus, http != 200 {
        session.resetStream(streamID, errorCode: .cancel)
        return complete(
          stream, status: head.status ?? ResponseHead.status(forHTTPStatus: http), trailers: head.metadata)
      }
      if endStream {
        // Trailers-Only.
        return complete(
          stream,
          status: head.status ?? Status(code: .internalError, message: "missing grpc-status"),
          trailers: head.metadata)
      }
      guard head.contentTypeIsGRPC else {
        session.resetStream(streamID, errorCode: .cancel)
        return complete(
          stream, status: Status(code: .unknown, message: "response is not gRPC (content-type)"),
          trailers: head.metadata)
      }
      stream.initialMetadata = head.metadata
      let waiters = stream.headerWaiters
      stream.headerWaiters.removeAll()
      for waiter in waiters { waiter.resume(returning: head.metadata) }
      return
    }
    // Trailers.
    complete(
      stream,
      status: head.status ?? Status(code: .internalError, message: "No grpc-status in trailers"),
      trailers: head.metadata)
  }

  func sessionDidReceiveData(streamID: Int32, bytes: UnsafeRawBufferPointer) {
    guard let stream = streams[streamID], !stream.isFinished else {
      session.consumeConnection(count: bytes.count)
      return
    }
    stream.receivedBytes += bytes.count
    do {
      try stream.deframer.append(bytes)
    } catch {
      let status: Status =
        switch error {
        case .messageTooLarge(let length, let limit):
          Status(
            code: .resourceExhausted,
            message: "Received message larger than max (\(length) vs. \(limit))")
        case .compressedWithoutEncoding:
          Status(code: .internalError, message: "compressed response without grpc-encoding")
        case .invalidFlag(let f):
          Status(code: .internalError, message: "invalid message flag \(f)")
        }
      session.consume(streamID: streamID, count: stream.receivedBytes - stream.consumedBytes)
      stream.consumedBytes = stream.receivedBytes
      session.resetStream(streamID, errorCode: .cancel)
      complete(stream, status: status, trailers: [:])
      return
    }
    if stream.unaryContinuation != nil {
      // One message expected, bounded by the size limit: consume at once.
      session.consume(streamID: streamID, count: stream.receivedBytes - stream.consumedBytes)
      stream.consumedBytes = stream.receivedBytes
      return
    }
    // Consume partial-message bytes now; complete messages wait until the caller reads them.
    let target = stream.receivedBytes - stream.deframer.pendingBytes
    if target > stream.consumedBytes {
      session.consume(streamID: streamID, count: target - stream.consumedBytes)
      stream.consumedBytes = target
    }
    if let waiter = stream.messageWaiter, case .message(let m) = pollMessage(stream) {
      stream.messageWaiter = nil
      waiter.resume(returning: m)
    }
  }

  func sessionDidReceiveEndOfStream(streamID: Int32) {
    guard let stream = streams[streamID], !stream.isFinished else { return }
    // END_STREAM on DATA without trailers: not a valid gRPC response.
    complete(stream, status: Status(code: .internalError, message: "No grpc-status in trailers"), trailers: [:])
  }

  func sessionDidCloseStream(streamID: Int32, errorCode: UInt32) {
    guard let stream = streams.remove(streamID) else { return }
    session.consumeConnection(count: stream.receivedBytes - stream.consumedBytes)
    stream.consumedBytes = stream.receivedBytes
    if !stream.isFinished {
      let status: Status =
        switch HTTP2ErrorCode(rawValue: errorCode) {
        case .refusedStream:
          refused(stream, Status(code: .unavailable, message: "stream refused by server"))
        case .cancel:
          // A server whose deadline timer fired may reset with CANCEL instead of sending
          // DEADLINE_EXCEEDED (PROTOCOL-HTTP2 allows both); past our deadline, it is that.
          if let deadline = stream.deadline, ContinuousClock.now >= deadline {
            Status(code: .deadlineExceeded, message: "Deadline Exceeded")
          } else {
            Status(code: .cancelled, message: "stream cancelled by server")
          }
        case .enhanceYourCalm:
          Status(code: .resourceExhausted, message: "server asked to enhance calm")
        default:
          Status(code: .internalError, message: "stream reset by server (HTTP/2 error \(errorCode))")
        }
      complete(stream, status: status, trailers: [:])
    }
    if isDraining, streams.isEmpty { scheduleFlush() }
  }

  func sessionReadData(streamID: Int32, into buffer: UnsafeMutableRawBufferPointer)
    -> DataSourceResult
  {
    guard let stream = streams[streamID] else { return .end(0, trailers: nil) }
    let n = stream.outbound.write(into: buffer)
    if n > 0 {
      if !stream.writerWaiters.isEmpty,
        stream.outbound.bufferedBytes < configuration.requestBufferHighWatermark / 2
      {
        let writers = stream.writerWaiters
        stream.writerWaiters.removeAll()
        for writer in writers { writer.resume() }
      }
    }
    if stream.outbound.isEmpty, stream.requestClosed { return .end(n, trailers: nil) }
    if n > 0 { return .bytes(n) }
    stream.dataDeferred = true
    return .deferred
  }

  func sessionDidReceivePing(ack: Bool, payload: UInt64) {
    if ack, payload == PingPayload.keepalive {
      keepaliveTimeoutTimer?.cancel()
      keepaliveTimeoutTimer = nil
      scheduleKeepalive()
    }
  }

  func sessionDidReceiveGoAway(lastStreamID: Int32, errorCode: UInt32) {
    isDraining = true
    onStateChange(.draining)
    // Streams the server will never process fail with UNAVAILABLE: safe to retry elsewhere.
    for (id, stream) in streams.entries where id > lastStreamID {
      stream.wasRefused = true
      complete(stream, status: Status(code: .unavailable, message: "server is going away"), trailers: [:])
    }
    if errorCode == HTTP2ErrorCode.enhanceYourCalm.rawValue {
      logger.warning("server sent GOAWAY ENHANCE_YOUR_CALM (pinging too often?)")
    }
    scheduleFlush()
  }

  func sessionDidReceiveSettings() {}

  private func refused(_ stream: ClientStream, _ status: Status) -> Status {
    stream.wasRefused = true
    return status
  }

  func sessionDidSendEndOfStream(streamID: Int32) {}

  func sessionDidSendHeadersOrData() {}

  // MARK: keepalive

  private func scheduleKeepalive() {
    guard let keepalive = configuration.keepalive else { return }
    keepaliveTimer = eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(keepalive.time)) {
      guard !self.isClosed else { return }
      if self.streams.isEmpty && !keepalive.permitWithoutCalls {
        self.scheduleKeepalive()
        return
      }
      self.session.submitPing(PingPayload.keepalive)
      self.scheduleFlush()
      self.keepaliveTimeoutTimer = self.eventLoop.assumeIsolated().scheduleTask(
        in: TimeAmount(keepalive.timeout)
      ) {
        self.closeNow(Status(code: .unavailable, message: "keepalive ping timed out"))
      }
    }
  }
}

/// A call the server never processed: the transport replays it elsewhere (gRPC "transparent
/// retry"), whatever the method's idempotency.
struct NotProcessed: Error {
  let status: Status
}

/// What a connection tells its pool.
enum ClientConnectionEvent: Sendable {
  /// GOAWAY received: open calls finish, new ones go elsewhere.
  case draining
  case closed
}
