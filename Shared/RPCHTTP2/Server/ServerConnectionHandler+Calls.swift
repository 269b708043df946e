internal import Logging
internal import NIOCore
import RPCCore

/// Turning streams into calls: request validation, running handlers, and responses.
extension ServerConnectionHandler {
  // MARK: request validation

  /// Validates a complete request header block, in the order gRPC prescribes, and either
  /// accepts the call or answers it at once.
  func acceptRequestHeaders(_ stream: ServerStream, endStream: Bool) {
    let head = stream.request
    if head.headerListSize > maxHeaderListSize {
      return reject(
        stream, Status(code: .resourceExhausted, message: "request headers exceed \(maxHeaderListSize) bytes"))
    }
    guard head.contentTypeIsGRPC else {
      // Not gRPC: answer HTTP 415 so a plain HTTP client does not read a 200 as success.
      return rejectHTTP(
        stream, 415, Status(code: .internalError, message: "content-type must be application/grpc"))
    }
    guard head.methodIsPOST else {
      return rejectHTTP(
        stream, 405, Status(code: .unimplemented, message: "gRPC requires the POST method"))
    }
    guard let method = head.route else {
      return reject(
        stream, Status(code: .unimplemented, message: "Method not found: \(head.unknownPath ?? "")"))
    }
    if let encoding = head.unsupportedEncoding {
      var block = ResponseHeaders.trailersOnly(
        status: Status(
          code: .unimplemented, message: "grpc-encoding \(encoding) is not supported"),
        metadata: [:])
      block.add("grpc-accept-encoding", ResponseHeaders.acceptEncoding)
      return respondAtOnce(stream, block)
    }
    if head.timeoutMalformed {
      return reject(stream, Status(code: .internalError, message: "malformed grpc-timeout"))
    }
    stream.method = method
    stream.phase = .awaitingRequest
    if let timeout = head.timeout {
      stream.deadline = ContinuousClock.now.advanced(by: timeout)
      let id = stream.id
      stream.deadlineTimer = eventLoop.assumeIsolated().scheduleTask(
        in: .nanoseconds(timeout.nanoseconds)
      ) {
        self.deadlineExpired(streamID: id)
      }
    }
    if method.descriptor.kind.clientStreams {
      stream.phase = .running
      readyToStart.append(stream)
    }
  }

  /// The client half-closed (END_STREAM on HEADERS, DATA or trailers).
  func requestDidEnd(_ stream: ServerStream) {
    guard !stream.requestEnded else { return }
    stream.requestEnded = true
    switch stream.phase {
    case .receivingHeaders, .responded:
      return
    case .awaitingRequest:
      // Unary and server-streaming: exactly one request message.
      if stream.deframer.hasPartialMessage {
        return reject(
          stream, Status(code: .internalError, message: "request ended inside a message"))
      }
      guard stream.deframer.messageCount == 1 else {
        return reject(
          stream,
          Status(
            code: .unimplemented,
            message:
              "\(stream.method!.descriptor.kind) call requires exactly one request message, got \(stream.deframer.messageCount)"
          ))
      }
      stream.phase = .running
      readyToStart.append(stream)
    case .running:
      if stream.deframer.hasPartialMessage {
        stream.inboundFailure = RPCError(
          code: .internalError, message: "request stream ended inside a message")
      }
      deliverInbound(stream)
    }
  }

  func receiveData(_ stream: ServerStream, _ bytes: UnsafeRawBufferPointer) {
    stream.receivedBytes += bytes.count
    guard stream.phase == .awaitingRequest || stream.phase == .running, stream.method != nil
    else {
      // Answered already (or never accepted): discard, but reopen the window.
      consumeAll(stream)
      return
    }
    do {
      try stream.deframer.append(bytes)
    } catch {
      switch error {
      case .messageTooLarge(let length, let limit):
        reject(
          stream,
          Status(
            code: .resourceExhausted,
            message: "Received message larger than max (\(length) vs. \(limit))"))
      case .compressedWithoutEncoding:
        reject(
          stream,
          Status(code: .internalError, message: "Compression bit set but no encoding configured"))
      case .invalidFlag(let flag):
        reject(
          stream, Status(code: .internalError, message: "invalid message flag \(flag)"))
      }
      consumeAll(stream)
      return
    }
    let kind = stream.method!.descriptor.kind
    if !kind.clientStreams {
      if stream.deframer.messageCount > 1 {
        reject(
          stream,
          Status(
            code: .unimplemented,
            message: "\(kind) call requires exactly one request message"))
      }
      // Bounded by the message size limit and the cardinality check: take it all now.
      consumeAll(stream)
    } else {
      updateInboundWindow(stream)
      deliverInbound(stream)
    }
  }

  /// Reports as consumed everything except complete messages the handler has not taken,
  /// which is what holds a fast streaming client back.
  func updateInboundWindow(_ stream: ServerStream) {
    let target = stream.receivedBytes - stream.deframer.pendingBytes
    if target > stream.consumedBytes {
      session.consume(streamID: stream.id, count: target - stream.consumedBytes)
      stream.consumedBytes = target
      scheduleFlush()
    }
  }

  func consumeAll(_ stream: ServerStream) {
    if stream.unconsumedBytes > 0 {
      session.consume(streamID: stream.id, count: stream.unconsumedBytes)
      stream.consumedBytes = stream.receivedBytes
      scheduleFlush()
    }
  }

  // MARK: running handlers

  func startReadyHandlers() {
    guard !readyToStart.isEmpty else { return }
    let ready = readyToStart
    readyToStart.removeAll(keepingCapacity: true)
    for stream in ready where stream.phase == .running && streams[stream.id] === stream {
      startHandler(stream)
    }
  }

  private func startHandler(_ stream: ServerStream) {
    guard let method = stream.method else { return }
    let context = ServerContext(
      descriptor: method.descriptor,
      requestMetadata: stream.request.metadata,
      deadline: stream.deadline,
      peer: peer)
    stream.responseMetadata = context.response
    let id = stream.id
    let interceptors = self.interceptors
    let loop = eventLoop
    guard let connection = loopBoundSelf else { return }
    let executor = self.executor
    let task: Task<Void, Never>
    switch method.descriptor.kind {
    case .unary:
      let request = stream.deframer.next() ?? []
      task = Task.immediate(executorPreference: executor) {
        let outcome = await method.execute(
          request: request, outbound: nil, context: context, interceptors: interceptors)
        deliverOutcome(outcome, streamID: id, to: connection, on: loop)
      }
    case .serverStreaming:
      let request = stream.deframer.next() ?? []
      let sink = ServerResponseSink(connection: connection, streamID: id)
      task = Task.immediate(executorPreference: executor) {
        let outcome = await method.execute(
          request: request, outbound: sink, context: context, interceptors: interceptors)
        deliverOutcome(outcome, streamID: id, to: connection, on: loop)
      }
    case .clientStreaming, .bidirectionalStreaming:
      let source = ServerRequestSource(connection: connection, streamID: id)
      let sink = ServerResponseSink(connection: connection, streamID: id)
      task = Task.immediate(executorPreference: executor) {
        let outcome = await method.execute(
          inbound: source, outbound: sink, context: context, interceptors: interceptors)
        deliverOutcome(outcome, streamID: id, to: connection, on: loop)
      }
    }
    if stream.phase == .running { stream.task = task }
  }

  func handlerFinished(streamID: Int32, outcome: ServerCallOutcome) {
    guard let stream = streams[streamID], stream.phase == .running else { return }
    stream.task = nil
    if outcome.status.code == .ok, let response = outcome.response {
      stream.outbound.append(response)
    }
    finish(stream, status: outcome.status, trailingMetadata: outcome.trailingMetadata)
  }

  func deadlineExpired(streamID: Int32) {
    guard let stream = streams[streamID],
      stream.phase == .running || stream.phase == .awaitingRequest
    else { return }
    stream.deadlineTimer = nil
    stream.task?.cancel()
    stream.task = nil
    failInboundAndWriters(stream, with: CancellationError())
    stream.outbound.removeAll()
    finish(
      stream, status: Status(code: .deadlineExceeded, message: "Deadline Exceeded"),
      trailingMetadata: [:])
  }

  // MARK: responses

  /// Ends a call with a status: trailers after the messages already sent, or a
  /// Trailers-Only response when nothing was sent yet and the call failed.
  func finish(_ stream: ServerStream, status: Status, trailingMetadata: Metadata) {
    stream.deadlineTimer?.cancel()
    stream.deadlineTimer = nil
    stream.phase = .responded
    stream.resetAfterTrailers = !stream.requestEnded
    let initial = stream.responseMetadata?.initial ?? [:]
    do {
      if stream.headersSubmitted {
        stream.trailers = ResponseHeaders.trailers(status: status, metadata: trailingMetadata)
        if stream.dataDeferred {
          stream.dataDeferred = false
          session.resumeData(streamID: stream.id)
        }
      } else if status.code != .ok && stream.outbound.isEmpty {
        var metadata = initial
        metadata.merge(trailingMetadata)
        try session.submitResponse(
          streamID: stream.id,
          headers: ResponseHeaders.trailersOnly(status: status, metadata: metadata),
          hasBody: false)
      } else {
        stream.trailers = ResponseHeaders.trailers(status: status, metadata: trailingMetadata)
        try session.submitResponse(
          streamID: stream.id, headers: ResponseHeaders.headers(initialMetadata: initial),
          hasBody: true)
        stream.headersSubmitted = true
      }
    } catch {
      logger.debug("could not submit response", metadata: ["error": "\(error)"])
      session.resetStream(stream.id, errorCode: .internalError)
    }
    scheduleFlush()
  }

  /// Rejects a call before its handler ran.
  func reject(_ stream: ServerStream, _ status: Status) {
    guard stream.phase != .responded else { return }
    stream.task?.cancel()
    stream.task = nil
    failInboundAndWriters(stream, with: RPCError(status: status))
    finish(stream, status: status, trailingMetadata: [:])
  }

  private func rejectHTTP(_ stream: ServerStream, _ httpStatus: Int, _ status: Status) {
    respondAtOnce(stream, ResponseHeaders.httpError(status: httpStatus, grpcStatus: status))
  }

  private func respondAtOnce(_ stream: ServerStream, _ block: HeaderBlock) {
    stream.phase = .responded
    stream.resetAfterTrailers = true
    do {
      try session.submitResponse(streamID: stream.id, headers: block, hasBody: false)
    } catch {
      session.resetStream(stream.id, errorCode: .internalError)
    }
    scheduleFlush()
  }

  /// The stream is gone (reset, connection closed): stop its handler and wake its waiters.
  func abandon(_ stream: ServerStream) {
    stream.deadlineTimer?.cancel()
    stream.deadlineTimer = nil
    stream.task?.cancel()
    stream.task = nil
    failInboundAndWriters(stream, with: CancellationError())
    stream.phase = .responded
  }

  func failInboundAndWriters(_ stream: ServerStream, with error: any Error) {
    if stream.inboundFailure == nil { stream.inboundFailure = error }
    if let waiter = stream.inboundWaiter {
      stream.inboundWaiter = nil
      waiter.resume(throwing: error)
    }
    let writers = stream.writerWaiters
    stream.writerWaiters.removeAll()
    for writer in writers { writer.resume(throwing: error) }
  }

  // MARK: streaming I/O (called from ServerRequestSource / ServerResponseSink on the loop)

  enum InboundPoll {
    case message([UInt8])
    case end
    case failed(any Error)
    case wait
  }

  func pollInbound(streamID: Int32) -> InboundPoll {
    guard let stream = streams[streamID] else { return .failed(CancellationError()) }
    if let message = stream.deframer.next() {
      updateInboundWindow(stream)
      return .message(message)
    }
    if let failure = stream.inboundFailure { return .failed(failure) }
    if stream.requestEnded { return .end }
    return .wait
  }

  func waitForInbound(streamID: Int32, _ continuation: CheckedContinuation<[UInt8]?, any Error>) {
    switch pollInbound(streamID: streamID) {
    case .message(let m): continuation.resume(returning: m)
    case .end: continuation.resume(returning: nil)
    case .failed(let e): continuation.resume(throwing: e)
    case .wait: streams[streamID]!.inboundWaiter = continuation
    }
  }

  /// Hands a waiting reader the next message (or the end) if there is one.
  func deliverInbound(_ stream: ServerStream) {
    guard let waiter = stream.inboundWaiter else { return }
    switch pollInbound(streamID: stream.id) {
    case .message(let m):
      stream.inboundWaiter = nil
      waiter.resume(returning: m)
    case .end:
      stream.inboundWaiter = nil
      waiter.resume(returning: nil)
    case .failed(let e):
      stream.inboundWaiter = nil
      waiter.resume(throwing: e)
    case .wait:
      break
    }
  }

  enum OutboundEnqueue {
    case accepted
    case full
    case failed(any Error)
  }

  /// Queues a response message; `.full` asks the writer to wait for room.
  func enqueueResponse(streamID: Int32, _ message: [UInt8]) -> OutboundEnqueue {
    guard let stream = streams[streamID], stream.phase == .running else {
      return .failed(CancellationError())
    }
    if !stream.headersSubmitted {
      do {
        try session.submitResponse(
          streamID: streamID,
          headers: ResponseHeaders.headers(initialMetadata: stream.responseMetadata?.initial ?? [:]),
          hasBody: true)
      } catch {
        return .failed(RPCError(code: .internalError, message: "could not send headers"))
      }
      stream.headersSubmitted = true
    }
    stream.outbound.append(message)
    if stream.dataDeferred {
      stream.dataDeferred = false
      session.resumeData(streamID: streamID)
    }
    scheduleFlush()
    return stream.outbound.bufferedBytes >= responseHighWatermark
      ? .full : .accepted
  }

  func waitForRoom(streamID: Int32, _ continuation: CheckedContinuation<Void, any Error>) {
    guard let stream = streams[streamID], stream.phase == .running else {
      continuation.resume(throwing: CancellationError())
      return
    }
    if stream.outbound.bufferedBytes < responseHighWatermark / 2 {
      continuation.resume()
    } else {
      stream.writerWaiters.append(continuation)
    }
  }

  func resumeWritersIfRoom(_ stream: ServerStream) {
    guard !stream.writerWaiters.isEmpty,
      stream.outbound.bufferedBytes < responseHighWatermark / 2
    else { return }
    let writers = stream.writerWaiters
    stream.writerWaiters.removeAll()
    for writer in writers { writer.resume() }
  }
}

/// Hands a finished handler's outcome back to its connection, on the connection's loop.
private func deliverOutcome(
  _ outcome: ServerCallOutcome, streamID: Int32,
  to connection: NIOLoopBound<ServerConnectionHandler>, on loop: any EventLoop
) {
  if loop.inEventLoop {
    connection.value.handlerFinished(streamID: streamID, outcome: outcome)
  } else {
    loop.execute { connection.value.handlerFinished(streamID: streamID, outcome: outcome) }
  }
}

extension Duration {
  /// Whole nanoseconds, saturating.
  var nanoseconds: Int64 {
    let (seconds, attoseconds) = components
    let (ns, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
    if overflow { return seconds < 0 ? .min : .max }
    return ns.addingReportingOverflow(attoseconds / 1_000_000_000).overflow
      ? .max : ns + attoseconds / 1_000_000_000
  }
}
