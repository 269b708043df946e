internal import Logging
internal import NIOCore
import RPCCore

/// Serves gRPC on one accepted TCP connection: owns the connection's nghttp2 session, turns
/// HTTP/2 streams into calls on the router, and writes what the session produces.
///
/// Everything here runs on the connection's event loop. nghttp2 callbacks only record state
/// and submit frames; bytes are pulled from the session (``flush()``) after each read batch,
/// after handler completions, and when the socket becomes writable again.
final class ServerConnectionHandler: ChannelInboundHandler, NGHTTP2SessionDelegate {
  typealias InboundIn = ByteBuffer
  typealias OutboundOut = ByteBuffer

  let configuration: GRPCServer.Configuration
  let router: RPCRouter
  let interceptors: [any ServerInterceptor]
  let logger: Logger
  let executor: EventLoopTaskExecutor
  let eventLoop: any EventLoop

  var session: NGHTTP2Session!
  var context: ChannelHandlerContext?
  var streams = StreamTable<ServerStream>()
  let routes: RouteTable
  // Limits read on every call, kept out of `configuration` so reading them copies no struct.
  let maxHeaderListSize: Int
  let maxRequestMessageSize: Int
  let responseHighWatermark: Int
  /// This handler, bound to its loop, for handler tasks to report back through. Set while the
  /// handler is in a pipeline (the cycle is broken in `handlerRemoved`).
  var loopBoundSelf: NIOLoopBound<ServerConnectionHandler>?
  /// Streams whose handler should start once the current read batch has been processed.
  var readyToStart: [ServerStream] = []
  var inReadBatch = false
  var flushScheduled = false
  var peer = "unknown"
  var isClosed = false

  // Connection management (see ServerConnectionHandler+Lifecycle.swift).
  var drain = DrainState.open
  var lastReadAt = NIODeadline.now()
  var keepaliveTimer: Scheduled<Void>?
  var keepaliveTimeoutTimer: Scheduled<Void>?
  var idleTimer: Scheduled<Void>?
  var ageTimer: Scheduled<Void>?
  var forceCloseTimer: Scheduled<Void>?
  var pingStrikes = 0
  var lastClientPingAt: NIODeadline?

  init(
    configuration: GRPCServer.Configuration,
    router: RPCRouter,
    interceptors: [any ServerInterceptor],
    logger: Logger,
    eventLoop: any EventLoop,
    executor: EventLoopTaskExecutor
  ) {
    self.configuration = configuration
    self.router = router
    self.routes = RouteTable(router)
    self.maxHeaderListSize = configuration.rpc.maxHeaderListSize
    self.maxRequestMessageSize = configuration.rpc.maxRequestMessageSize
    self.responseHighWatermark = configuration.rpc.responseBufferHighWatermark
    self.interceptors = interceptors
    self.logger = logger
    self.eventLoop = eventLoop
    self.executor = executor
  }

  // MARK: channel events

  func handlerAdded(context: ChannelHandlerContext) {
    self.context = context
    loopBoundSelf = NIOLoopBound(self, eventLoop: eventLoop)
    if let address = context.channel.remoteAddress { peer = Self.describe(address) }
    do {
      session = try NGHTTP2Session(
        isServer: true, delegate: self, allocator: context.channel.allocator,
        maxConcurrentStreamsForPeer: UInt32(configuration.http2.maxConcurrentStreams))
      try session.submitSettings([
        (id: 0x3, value: UInt32(configuration.http2.maxConcurrentStreams)),  // MAX_CONCURRENT_STREAMS
        (id: 0x4, value: UInt32(configuration.http2.streamWindowSize)),  // INITIAL_WINDOW_SIZE
        (id: 0x6, value: UInt32(configuration.rpc.maxHeaderListSize)),  // MAX_HEADER_LIST_SIZE
      ])
      session.setConnectionWindowSize(Int32(clamping: configuration.http2.connectionWindowSize))
    } catch {
      logger.error("could not start HTTP/2 session", metadata: ["error": "\(error)"])
      context.close(promise: nil)
      return
    }
    startConnectionTimers()
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
    do {
      try buffer.withUnsafeReadableBytes { (bytes) throws(NGHTTP2Error) in
        try session.receive(bytes)
      }
    } catch {
      inReadBatch = false
      // Not HTTP/2 (an HTTP/1.1 client), or a connection-level protocol error nghttp2 could
      // not answer with GOAWAY itself.
      logger.debug("closing connection", metadata: ["peer": "\(peer)", "error": "\(error)"])
      flush()
      closeNow()
      return
    }
    startReadyHandlers()
    inReadBatch = false
    // Answer this batch now rather than after NIO's next (usually empty) read attempt: one
    // write per read batch, as nghttpd does, and no added latency for a lone request.
    flush()
  }

  func channelReadComplete(context: ChannelHandlerContext) {
    flush()
  }

  func channelWritabilityChanged(context: ChannelHandlerContext) {
    if context.channel.isWritable { flush() }
    context.fireChannelWritabilityChanged()
  }

  func channelInactive(context: ChannelHandlerContext) {
    tearDown()
    context.fireChannelInactive()
  }

  func handlerRemoved(context: ChannelHandlerContext) {
    tearDown()
    self.context = nil
    loopBoundSelf = nil
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    logger.debug("connection error", metadata: ["peer": "\(peer)", "error": "\(error)"])
    closeNow()
  }

  func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
    if let event = event as? GRPCServer.ShutdownEvent {
      switch event {
      case .graceful: beginGracefulClose()
      case .force: closeNow()
      }
      return
    }
    context.fireUserInboundEventTriggered(event)
  }

  // MARK: writing

  /// Pulls every frame nghttp2 has ready and writes it, unless the socket is backed up.
  func flush() {
    flushScheduled = false
    guard let context, !isClosed else { return }
    var wrote = false
    while context.channel.isWritable {
      do {
        try session.send()
      } catch {
        logger.debug("HTTP/2 send failed", metadata: ["error": "\(error)"])
        closeNow()
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
    closeIfFinished()
  }

  /// Flushes soon: at the end of the current read batch, or on the next loop tick.
  func scheduleFlush() {
    if inReadBatch || flushScheduled { return }
    flushScheduled = true
    eventLoop.assumeIsolated().execute { self.flush() }
  }

  /// Closes at once: cancels every call and drops the connection.
  func closeNow() {
    guard !isClosed else { return }
    tearDown()
    context?.close(promise: nil)
  }

  /// Ends every call (their handlers see cancellation) and stops all timers.
  func tearDown() {
    guard !isClosed else { return }
    isClosed = true
    for stream in streams.all { abandon(stream) }
    streams.removeAll()
    readyToStart.removeAll()
    for timer in [keepaliveTimer, keepaliveTimeoutTimer, idleTimer, ageTimer, forceCloseTimer] {
      timer?.cancel()
    }
  }

  static func describe(_ address: SocketAddress) -> String {
    switch address {
    case .v4: "ipv4:\(address.ipAddress ?? "?"):\(address.port ?? 0)"
    case .v6: "ipv6:[\(address.ipAddress ?? "?")]:\(address.port ?? 0)"
    case .unixDomainSocket: "unix:\(address.pathname ?? "")"
    }
  }

  // MARK: NGHTTP2SessionDelegate

  func sessionDidReceiveHeaders(
    streamID: Int32, headers: borrowing HeaderBlock, isTrailers: Bool, endStream: Bool
  ) {
    let stream: ServerStream
    if let existing = streams[streamID] {
      stream = existing  // trailers of an open stream
    } else {
      guard !isTrailers else { return }
      stream = ServerStream(id: streamID, maxMessageSize: maxRequestMessageSize)
      streams.insert(stream, for: streamID)
      idleTimer?.cancel()
      idleTimer = nil
      var head = RequestHead()
      let limit = maxHeaderListSize
      let routes = self.routes
      headers.forEachField { name, value in
        RequestHeaderParser.accept(
          name: name, value: value, into: &head, limit: limit, routes: routes)
      }
      stream.request = head
      acceptRequestHeaders(stream, endStream: endStream)
    }
    if endStream { requestDidEnd(stream) }
  }

  func sessionDidReceiveData(streamID: Int32, bytes: UnsafeRawBufferPointer) {
    guard let stream = streams[streamID] else {
      session.consumeConnection(count: bytes.count)
      return
    }
    receiveData(stream, bytes)
  }

  func sessionDidReceiveEndOfStream(streamID: Int32) {
    guard let stream = streams[streamID] else { return }
    requestDidEnd(stream)
  }

  func sessionDidCloseStream(streamID: Int32, errorCode: UInt32) {
    guard let stream = streams.remove(streamID) else { return }
    // Data delivered for this stream but never consumed still occupies the connection window.
    session.consumeConnection(count: stream.unconsumedBytes)
    stream.consumedBytes = stream.receivedBytes
    if stream.phase != .responded {
      logger.debug(
        "call reset by client",
        metadata: ["path": "\(stream.method?.descriptor.path ?? "")", "http2_error": "\(errorCode)"])
    }
    abandon(stream)
    streamsDidChange()
  }

  func sessionReadData(streamID: Int32, into buffer: UnsafeMutableRawBufferPointer)
    -> DataSourceResult
  {
    guard let stream = streams[streamID] else { return .end(0, trailers: nil) }
    let n = stream.outbound.write(into: buffer)
    if n > 0 { resumeWritersIfRoom(stream) }
    if stream.outbound.isEmpty, let trailers = stream.trailers {
      stream.trailers = nil
      return .end(n, trailers: trailers)
    }
    if n > 0 { return .bytes(n) }
    stream.dataDeferred = true
    return .deferred
  }

  func sessionDidReceivePing(ack: Bool, payload: UInt64) {
    if ack {
      receivedPingAck(payload)
    } else {
      receivedClientPing()
    }
  }

  func sessionDidReceiveGoAway(lastStreamID: Int32, errorCode: UInt32) {
    // The client is going away; finish what is open, then close.
    if case .open = drain { drain = .closingAfterCalls }
  }

  func sessionDidReceiveSettings() {}

  func sessionDidSendEndOfStream(streamID: Int32) {
    guard let stream = streams[streamID], stream.resetAfterTrailers, !stream.requestEnded else {
      return
    }
    stream.resetAfterTrailers = false
    session.resetStream(streamID, errorCode: .noError)
  }

  /// Forgives the client's pings (see `ClientKeepalivePolicy`):
  /// gRPC's C core probes bandwidth with a PING as response data arrives, so pings that
  /// follow what the server sent are not abuse, however long the stream.
  func sessionDidSendHeadersOrData() {
    pingStrikes = 0
    lastClientPingAt = nil
  }
}
