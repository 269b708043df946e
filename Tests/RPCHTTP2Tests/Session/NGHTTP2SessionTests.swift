import NIOCore
import Testing

@testable import RPCHTTP2

/// Records what a session reports, and serves bodies from a queue.
final class RecordingDelegate: NGHTTP2SessionDelegate {
  var headers: [(Int32, [(String, String)], isTrailers: Bool, endStream: Bool)] = []
  var data: [Int32: [UInt8]] = [:]
  var endOfStream: Set<Int32> = []
  var closed: [Int32: UInt32] = [:]
  var pings: [(ack: Bool, payload: UInt64)] = []
  var goAways: [(lastStreamID: Int32, errorCode: UInt32)] = []
  var sentEndOfStream: Set<Int32> = []
  var sentHeadersOrData = 0
  /// Body bytes to serve per stream, and trailers to end with (nil: END_STREAM on DATA).
  var bodies: [Int32: [UInt8]] = [:]
  var finished: Set<Int32> = []
  var trailers: [Int32: HeaderBlock] = [:]
  var deferred: Set<Int32> = []

  func sessionDidReceiveHeaders(
    streamID: Int32, headers block: borrowing HeaderBlock, isTrailers: Bool, endStream: Bool
  ) {
    headers.append((streamID, block.pairs, isTrailers, endStream))
  }
  func sessionDidReceiveData(streamID: Int32, bytes: UnsafeRawBufferPointer) {
    data[streamID, default: []] += Array(bytes)
  }
  func sessionDidReceiveEndOfStream(streamID: Int32) { endOfStream.insert(streamID) }
  func sessionDidCloseStream(streamID: Int32, errorCode: UInt32) { closed[streamID] = errorCode }
  func sessionReadData(streamID: Int32, into buffer: UnsafeMutableRawBufferPointer)
    -> DataSourceResult
  {
    var body = bodies[streamID] ?? []
    let n = min(body.count, buffer.count)
    if n > 0 { buffer.copyBytes(from: body[..<n]) }
    body.removeFirst(n)
    bodies[streamID] = body
    if body.isEmpty, finished.contains(streamID) {
      return .end(n, trailers: trailers[streamID])
    }
    if n > 0 { return .bytes(n) }
    deferred.insert(streamID)
    return .deferred
  }
  func sessionDidReceivePing(ack: Bool, payload: UInt64) { pings.append((ack, payload)) }
  func sessionDidReceiveGoAway(lastStreamID: Int32, errorCode: UInt32) {
    goAways.append((lastStreamID, errorCode))
  }
  func sessionDidReceiveSettings() {}
  func sessionDidSendEndOfStream(streamID: Int32) { sentEndOfStream.insert(streamID) }
  func sessionDidSendHeadersOrData() { sentHeadersOrData += 1 }
}

/// A client and a server session whose output is fed to each other, with no socket.
struct WiredSessions {
  let client: NGHTTP2Session
  let server: NGHTTP2Session
  let clientEvents: RecordingDelegate
  let serverEvents: RecordingDelegate

  init(serverSettings: [(id: Int32, value: UInt32)] = []) throws {
    clientEvents = RecordingDelegate()
    serverEvents = RecordingDelegate()
    client = try NGHTTP2Session(isServer: false, delegate: clientEvents, allocator: .init())
    server = try NGHTTP2Session(isServer: true, delegate: serverEvents, allocator: .init())
    try client.submitSettings([])
    try server.submitSettings(serverSettings)
    try pump()
  }

  /// Moves bytes both ways until neither side has anything to send.
  func pump() throws {
    for _ in 0..<100 {
      try client.send()
      try server.send()
      let toServer = client.output
      let toClient = server.output
      client.output.clear()
      server.output.clear()
      if toServer.readableBytes == 0 && toClient.readableBytes == 0 { return }
      try toServer.withUnsafeReadableBytes { (b) throws(NGHTTP2Error) in try server.receive(b) }
      try toClient.withUnsafeReadableBytes { (b) throws(NGHTTP2Error) in try client.receive(b) }
    }
    Issue.record("sessions did not settle")
  }

  static func requestHeaders(path: String = "/test.Control/Unary") -> HeaderBlock {
    HeaderBlock([
      (":method", "POST"), (":scheme", "http"), (":path", path), (":authority", "localhost"),
      ("content-type", "application/grpc"), ("te", "trailers"),
    ])
  }
}

@Suite("Two nghttp2 sessions wired byte to byte")
struct NGHTTP2SessionTests {
  @Test("a response's trailers arrive after its data and end the stream")
  func trailersAfterData() throws {
    let wire = try WiredSessions()
    wire.clientEvents.bodies[1] = [0, 0, 0, 0, 2, 0xAB, 0xCD]
    wire.clientEvents.finished.insert(1)
    let id = try wire.client.submitRequest(headers: WiredSessions.requestHeaders())
    #expect(id == 1)
    try wire.pump()
    #expect(wire.serverEvents.data[1] == [0, 0, 0, 0, 2, 0xAB, 0xCD])
    #expect(wire.serverEvents.endOfStream.contains(1))

    wire.serverEvents.bodies[1] = [0, 0, 0, 0, 1, 0x42]
    wire.serverEvents.finished.insert(1)
    wire.serverEvents.trailers[1] = HeaderBlock([("grpc-status", "0")])
    try wire.server.submitResponse(
      streamID: 1, headers: HeaderBlock([(":status", "200"), ("content-type", "application/grpc")]),
      hasBody: true)
    try wire.pump()

    let received = wire.clientEvents.headers
    #expect(received.count == 2)
    #expect(received[0].1.contains { $0 == (":status", "200") })
    #expect(received[0].isTrailers == false && received[0].endStream == false)
    #expect(received[1].1.map { $0.0 } == ["grpc-status"])
    #expect(received[1].isTrailers && received[1].endStream)
    #expect(wire.clientEvents.data[1] == [0, 0, 0, 0, 1, 0x42])
    #expect(wire.clientEvents.closed[1] == 0)
    #expect(wire.serverEvents.sentEndOfStream.contains(1))
  }

  @Test("each HEADERS and DATA frame sent is reported, and no other frame is")
  func sentHeadersAndData() throws {
    let wire = try WiredSessions()
    wire.client.submitPing(1)
    try wire.pump()
    // SETTINGS, their ACKs and a PING with its ACK have gone both ways: none of them counts.
    #expect(wire.clientEvents.sentHeadersOrData == 0)
    #expect(wire.serverEvents.sentHeadersOrData == 0)

    wire.clientEvents.bodies[1] = [0, 0, 0, 0, 1, 0x01]
    wire.clientEvents.finished.insert(1)
    _ = try wire.client.submitRequest(headers: WiredSessions.requestHeaders())
    try wire.pump()
    #expect(wire.clientEvents.sentHeadersOrData == 2)  // HEADERS, DATA with END_STREAM

    wire.serverEvents.bodies[1] = [0, 0, 0, 0, 1, 0x02]
    try wire.server.submitResponse(
      streamID: 1, headers: HeaderBlock([(":status", "200"), ("content-type", "application/grpc")]),
      hasBody: true)
    try wire.pump()
    #expect(wire.serverEvents.sentHeadersOrData == 2)  // HEADERS, DATA
    wire.serverEvents.bodies[1] = [0, 0, 0, 0, 1, 0x03]
    wire.serverEvents.finished.insert(1)
    wire.serverEvents.trailers[1] = HeaderBlock([("grpc-status", "0")])
    wire.server.resumeData(streamID: 1)
    try wire.pump()
    #expect(wire.serverEvents.sentHeadersOrData == 4)  // and DATA, trailers
    #expect(wire.clientEvents.closed[1] == 0)
  }

  @Test("a Trailers-Only response is one HEADERS frame with END_STREAM")
  func trailersOnly() throws {
    let wire = try WiredSessions()
    wire.clientEvents.finished.insert(1)
    _ = try wire.client.submitRequest(headers: WiredSessions.requestHeaders())
    try wire.pump()
    try wire.server.submitResponse(
      streamID: 1,
      headers: HeaderBlock([(":status", "200"), ("content-type", "application/grpc"), ("grpc-status", "12")]),
      hasBody: false)
    try wire.pump()
    #expect(wire.clientEvents.headers.count == 1)
    #expect(wire.clientEvents.headers[0].endStream)
    #expect(wire.clientEvents.headers[0].1.contains { $0 == ("grpc-status", "12") })
    #expect(wire.clientEvents.data[1] == nil)
  }

  @Test("RST_STREAM closes the stream on the other side with its error code")
  func resetStream() throws {
    let wire = try WiredSessions()
    _ = try wire.client.submitRequest(headers: WiredSessions.requestHeaders())
    try wire.pump()
    wire.client.resetStream(1, errorCode: .cancel)
    try wire.pump()
    #expect(wire.serverEvents.closed[1] == HTTP2ErrorCode.cancel.rawValue)
    #expect(wire.clientEvents.closed[1] == HTTP2ErrorCode.cancel.rawValue)
  }

  @Test("GOAWAY tells the client the last stream the server will process")
  func goAway() throws {
    let wire = try WiredSessions()
    _ = try wire.client.submitRequest(headers: WiredSessions.requestHeaders())
    try wire.pump()
    wire.server.submitShutdownNotice()
    try wire.pump()
    #expect(wire.clientEvents.goAways.first?.lastStreamID == Int32.max)
    wire.server.submitGoAway(lastStreamID: wire.server.lastProcessedStreamID, errorCode: .noError)
    try wire.pump()
    #expect(wire.clientEvents.goAways.last?.lastStreamID == 1)
    #expect(wire.clientEvents.goAways.last?.errorCode == 0)
  }

  @Test("a PING is answered with an ACK carrying the same payload")
  func ping() throws {
    let wire = try WiredSessions()
    wire.client.submitPing(0x0102_0304_0506_0708)
    try wire.pump()
    #expect(wire.serverEvents.pings.first?.ack == false)
    #expect(wire.clientEvents.pings.first?.ack == true)
    #expect(wire.clientEvents.pings.first?.payload == 0x0102_0304_0506_0708)
  }

  @Test("data beyond the stream window waits until the receiver consumes it")
  func flowControl() throws {
    // The server announces a 1 KiB stream window and does not consume automatically.
    let wire = try WiredSessions(serverSettings: [(id: 0x4, value: 1024)])
    wire.clientEvents.bodies[1] = Array(repeating: 7, count: 4096)
    wire.clientEvents.finished.insert(1)
    _ = try wire.client.submitRequest(headers: WiredSessions.requestHeaders())
    try wire.pump()
    #expect(wire.serverEvents.data[1]?.count == 1024)
    #expect(!wire.serverEvents.endOfStream.contains(1))
    wire.server.consume(streamID: 1, count: 1024)
    try wire.pump()
    // nghttp2 sends WINDOW_UPDATE once half the window is consumed; the client resumes.
    #expect((wire.serverEvents.data[1]?.count ?? 0) == 2048)
    for _ in 0..<2 {
      wire.server.consume(streamID: 1, count: 1024)
      try wire.pump()
    }
    #expect(wire.serverEvents.data[1]?.count == 4096)
    #expect(wire.serverEvents.endOfStream.contains(1))
  }

  @Test("a deferred body resumes when more data is ready")
  func deferredBody() throws {
    let wire = try WiredSessions()
    _ = try wire.client.submitRequest(headers: WiredSessions.requestHeaders())
    try wire.pump()
    #expect(wire.clientEvents.deferred.contains(1))
    wire.clientEvents.bodies[1] = [1, 2, 3]
    wire.clientEvents.finished.insert(1)
    wire.client.resumeData(streamID: 1)
    try wire.pump()
    #expect(wire.serverEvents.data[1] == [1, 2, 3])
    #expect(wire.serverEvents.endOfStream.contains(1))
  }
}
