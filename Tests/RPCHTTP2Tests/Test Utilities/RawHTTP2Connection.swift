import NIOCore
import NIOPosix

@testable import RPCHTTP2

/// A bare HTTP/2 client over a real socket, for sending exactly the frames a test wants (no
/// gRPC client logic) and recording what the server sends back.
final class RawHTTP2Connection: Sendable {
  let channel: any Channel
  let handler: NIOLoopBound<RawClientHandler>

  static func connect(port: Int, readsAutomatically: Bool = true) async throws -> RawHTTP2Connection {
    let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .channelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.addHandler(RawClientHandler())
        }
      }
      .connect(host: "127.0.0.1", port: port).get()
    let handler = try await channel.pipeline.handler(type: RawClientHandler.self)
      .map { NIOLoopBound($0, eventLoop: channel.eventLoop) }.get()
    if !readsAutomatically { try await channel.setOption(.autoRead, value: false).get() }
    return RawHTTP2Connection(channel: channel, handler: handler)
  }

  private init(channel: any Channel, handler: NIOLoopBound<RawClientHandler>) {
    self.channel = channel
    self.handler = handler
  }

  /// Opens a stream with these headers and body; `endStream` half-closes after the body.
  func request(_ headers: [(String, String)], body: [UInt8] = [], endStream: Bool = true) async throws -> Int32 {
    let handler = self.handler
    return try await channel.eventLoop.submit {
      let h = handler.value
      let id = try h.session.submitRequest(headers: HeaderBlock(headers))
      h.events.bodies[id] = body
      if endStream { h.events.finished.insert(id) }
      h.flush()
      return id
    }.get()
  }

  /// Sends more body bytes on an open stream.
  func send(_ streamID: Int32, _ body: [UInt8], endStream: Bool) async throws {
    let handler = self.handler
    try await channel.eventLoop.submit {
      let h = handler.value
      h.events.bodies[streamID, default: []] += body
      if endStream { h.events.finished.insert(streamID) }
      h.session.resumeData(streamID: streamID)
      h.flush()
    }.get()
  }

  func ping(_ payload: UInt64) async throws {
    let handler = self.handler
    try await channel.eventLoop.submit {
      handler.value.session.submitPing(payload)
      handler.value.flush()
    }.get()
  }

  /// Reads recorded state on the connection's loop.
  func inspect<T: Sendable>(_ body: @escaping @Sendable (RawClientHandler) -> T) async throws -> T {
    let handler = self.handler
    return try await channel.eventLoop.submit { body(handler.value) }.get()
  }

  /// Polls until `condition` holds (or `timeout` passes); returns whether it held.
  func wait(
    timeout: Duration = .seconds(5), until condition: @escaping @Sendable (RawClientHandler) -> Bool
  ) async throws -> Bool {
    let end = ContinuousClock.now.advanced(by: timeout)
    while ContinuousClock.now < end {
      if try await inspect(condition) { return true }
      try await Task.sleep(for: .milliseconds(5))
    }
    return false
  }

  /// The headers of a stream's first (or only) header block, as a dictionary.
  func responseHeaders(_ streamID: Int32) async throws -> [String: String] {
    try await inspect { h in
      let block = h.events.headers.first { $0.0 == streamID }?.1 ?? []
      return Dictionary(block, uniquingKeysWith: { a, _ in a })
    }
  }

  /// The gRPC status a stream ended with (from trailers or Trailers-Only).
  func grpcStatus(_ streamID: Int32) async throws -> Int? {
    try await inspect { h in
      h.events.headers.last { $0.0 == streamID && $0.endStream }?.1
        .first { $0.0 == "grpc-status" }.flatMap { Int($0.1) }
    }
  }

  func close() async { try? await channel.close() }

  static func grpcHeaders(
    path: String = "/test.Control/Unary", contentType: String = "application/grpc",
    method: String = "POST", extra: [(String, String)] = []
  ) -> [(String, String)] {
    [
      (":method", method), (":scheme", "http"), (":path", path), (":authority", "localhost"),
      ("content-type", contentType), ("te", "trailers"),
    ] + extra
  }

  /// One framed gRPC message.
  static func frame(_ payload: [UInt8], compressed: Bool = false) -> [UInt8] {
    let n = payload.count
    return [compressed ? 1 : 0, UInt8(n >> 24 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)]
      + payload
  }
}

/// The channel handler behind ``RawHTTP2Connection``.
final class RawClientHandler: ChannelInboundHandler {
  typealias InboundIn = ByteBuffer
  typealias OutboundOut = ByteBuffer

  let events = RecordingDelegate()
  var session: NGHTTP2Session!
  var context: ChannelHandlerContext?
  var isClosed = false

  func handlerAdded(context: ChannelHandlerContext) {
    self.context = context
    session = try! NGHTTP2Session(isServer: false, delegate: events, allocator: context.channel.allocator)
    try! session.submitSettings([])
  }

  func channelActive(context: ChannelHandlerContext) {
    flush()
    context.fireChannelActive()
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let buffer = unwrapInboundIn(data)
    do {
      try buffer.withUnsafeReadableBytes { (b) throws(NGHTTP2Error) in try session.receive(b) }
    } catch {
      context.close(promise: nil)
    }
    flush()
  }

  func channelInactive(context: ChannelHandlerContext) {
    isClosed = true
    context.fireChannelInactive()
  }

  func flush() {
    guard let context else { return }
    try? session.send()
    if session.output.readableBytes > 0 {
      let out = session.output
      session.output = context.channel.allocator.buffer(capacity: 1024)
      context.writeAndFlush(wrapOutboundOut(out), promise: nil)
    }
  }
}
