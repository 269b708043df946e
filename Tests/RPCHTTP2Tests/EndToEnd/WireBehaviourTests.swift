import RPCCore
import Testing

@testable import RPCHTTP2

/// What the server puts on the wire for requests a normal client would never send, checked
/// with a bare HTTP/2 client (gRPC PROTOCOL-HTTP2 and the project's GRPC-WIRE checklist).
@Suite("Server wire behaviour")
struct WireBehaviourTests {
  @Test("a non-gRPC content-type is answered with HTTP 415")
  func wrongContentType() async throws {
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let raw = try await RawHTTP2Connection.connect(port: loopback.port)
    defer { Task { await raw.close() } }
    let id = try await raw.request(RawHTTP2Connection.grpcHeaders(contentType: "application/json"), body: [])
    #expect(try await raw.wait { $0.events.closed[id] != nil })
    #expect(try await raw.responseHeaders(id)[":status"] == "415")
  }

  @Test("a method other than POST is refused")
  func wrongMethod() async throws {
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let raw = try await RawHTTP2Connection.connect(port: loopback.port)
    defer { Task { await raw.close() } }
    let id = try await raw.request(RawHTTP2Connection.grpcHeaders(method: "GET"))
    #expect(try await raw.wait { $0.events.closed[id] != nil })
    #expect(try await raw.responseHeaders(id)[":status"] == "405")
  }

  @Test("an unknown method gets a Trailers-Only UNIMPLEMENTED response")
  func trailersOnlyForUnknownMethod() async throws {
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let raw = try await RawHTTP2Connection.connect(port: loopback.port)
    defer { Task { await raw.close() } }
    let id = try await raw.request(
      RawHTTP2Connection.grpcHeaders(path: "/no.Such/Method"), body: RawHTTP2Connection.frame([]))
    #expect(try await raw.wait { $0.events.closed[id] != nil })
    let blocks = try await raw.inspect { h in h.events.headers.filter { $0.0 == id } }
    #expect(blocks.count == 1)
    #expect(blocks.first?.endStream == true)
    let headers = try await raw.responseHeaders(id)
    #expect(headers[":status"] == "200")
    #expect(headers["content-type"] == "application/grpc")
    #expect(headers["grpc-status"] == "12")
    #expect(headers["grpc-message"]?.contains("/no.Such/Method") == true)
  }

  @Test("trailers sent before the client finished are followed by RST_STREAM(NO_ERROR)")
  func resetAfterEarlyTrailers() async throws {
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let raw = try await RawHTTP2Connection.connect(port: loopback.port)
    defer { Task { await raw.close() } }
    // The client keeps its side open; the stream can only close fully through a reset.
    let id = try await raw.request(RawHTTP2Connection.grpcHeaders(path: "/no.Such/Method"), endStream: false)
    #expect(try await raw.wait { $0.events.closed[id] != nil })
    #expect(try await raw.inspect { $0.events.closed[id] } == 0)
    #expect(try await raw.grpcStatus(id) == 12)
  }

  @Test("an unsupported grpc-encoding is UNIMPLEMENTED and names what is accepted")
  func unsupportedEncoding() async throws {
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let raw = try await RawHTTP2Connection.connect(port: loopback.port)
    defer { Task { await raw.close() } }
    let id = try await raw.request(
      RawHTTP2Connection.grpcHeaders(extra: [("grpc-encoding", "x-unknown")]),
      body: RawHTTP2Connection.frame([1], compressed: true))
    #expect(try await raw.wait { $0.events.closed[id] != nil })
    let headers = try await raw.responseHeaders(id)
    #expect(headers["grpc-status"] == "12")
    #expect(headers["grpc-accept-encoding"] == "identity")
  }

  @Test("the compressed flag without an encoding is INTERNAL")
  func compressedWithoutEncoding() async throws {
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let raw = try await RawHTTP2Connection.connect(port: loopback.port)
    defer { Task { await raw.close() } }
    let id = try await raw.request(
      RawHTTP2Connection.grpcHeaders(), body: RawHTTP2Connection.frame([1], compressed: true))
    #expect(try await raw.wait { $0.events.closed[id] != nil })
    #expect(try await raw.grpcStatus(id) == 13)
  }

  @Test(
    "a unary call with zero or two request messages is UNIMPLEMENTED",
    arguments: [0, 2])
  func cardinality(messages: Int) async throws {
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let raw = try await RawHTTP2Connection.connect(port: loopback.port)
    defer { Task { await raw.close() } }
    let body = (0..<messages).flatMap { _ in RawHTTP2Connection.frame([7]) }
    let id = try await raw.request(RawHTTP2Connection.grpcHeaders(), body: body)
    #expect(try await raw.wait { $0.events.closed[id] != nil })
    #expect(try await raw.grpcStatus(id) == 12)
  }

  @Test("a request that ends inside a message is INTERNAL")
  func truncatedMessage() async throws {
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let raw = try await RawHTTP2Connection.connect(port: loopback.port)
    defer { Task { await raw.close() } }
    let id = try await raw.request(RawHTTP2Connection.grpcHeaders(), body: [0, 0, 0, 0, 9, 1, 2])
    #expect(try await raw.wait { $0.events.closed[id] != nil })
    #expect(try await raw.grpcStatus(id) == 13)
  }

  @Test("a message prefix split across DATA frames is reassembled")
  func splitAcrossFrames() async throws {
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let raw = try await RawHTTP2Connection.connect(port: loopback.port)
    defer { Task { await raw.close() } }
    let message = RawHTTP2Connection.frame(Array("split".utf8))
    let id = try await raw.request(RawHTTP2Connection.grpcHeaders(), body: Array(message[0..<2]), endStream: false)
    try await Task.sleep(for: .milliseconds(20))
    try await raw.send(id, Array(message[2..<4]), endStream: false)
    try await Task.sleep(for: .milliseconds(20))
    try await raw.send(id, Array(message[4...]), endStream: true)
    #expect(try await raw.wait { $0.events.closed[id] != nil })
    #expect(try await raw.grpcStatus(id) == 0)
    #expect(try await raw.inspect { $0.events.data[id] } == message)
  }

  @Test("binary metadata is accepted padded or not and echoed unpadded", arguments: ["/w==", "/w"])
  func binaryMetadata(value: String) async throws {
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let raw = try await RawHTTP2Connection.connect(port: loopback.port)
    defer { Task { await raw.close() } }
    let id = try await raw.request(
      RawHTTP2Connection.grpcHeaders(extra: [("x-echo-v-bin", value)]), body: RawHTTP2Connection.frame([]))
    #expect(try await raw.wait { $0.events.closed[id] != nil })
    #expect(try await raw.responseHeaders(id)["x-echo-v-bin"] == "/w")
  }

  @Test("grpc-timeout is accepted in every unit", arguments: ["1H", "2M", "3S", "400m", "5000000u", "99999999n"])
  func timeoutUnits(value: String) async throws {
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let raw = try await RawHTTP2Connection.connect(port: loopback.port)
    defer { Task { await raw.close() } }
    let id = try await raw.request(
      RawHTTP2Connection.grpcHeaders(extra: [("grpc-timeout", value)]), body: RawHTTP2Connection.frame([]))
    #expect(try await raw.wait { $0.events.closed[id] != nil })
    #expect(try await raw.grpcStatus(id) == 0)
  }

  @Test("a malformed grpc-timeout is INTERNAL")
  func malformedTimeout() async throws {
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let raw = try await RawHTTP2Connection.connect(port: loopback.port)
    defer { Task { await raw.close() } }
    let id = try await raw.request(
      RawHTTP2Connection.grpcHeaders(extra: [("grpc-timeout", "123456789S")]), body: RawHTTP2Connection.frame([]))
    #expect(try await raw.wait { $0.events.closed[id] != nil })
    #expect(try await raw.grpcStatus(id) == 13)
  }

  @Test("request headers above the limit are RESOURCE_EXHAUSTED")
  func headerListLimit() async throws {
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let raw = try await RawHTTP2Connection.connect(port: loopback.port)
    defer { Task { await raw.close() } }
    let big = String(repeating: "a", count: 6000)
    let id = try await raw.request(
      RawHTTP2Connection.grpcHeaders(extra: [("x-a", big), ("x-b", big), ("x-c", big)]),
      body: RawHTTP2Connection.frame([]))
    #expect(try await raw.wait { $0.events.closed[id] != nil })
    #expect(try await raw.grpcStatus(id) == 8)
  }

  @Test("the server announces its concurrent-stream limit")
  func maxConcurrentStreams() async throws {
    var configuration = GRPCServer.Configuration()
    configuration.http2.maxConcurrentStreams = 7
    let loopback = try await Loopback.start(configuration: configuration)
    defer { Task { await loopback.stop() } }
    let raw = try await RawHTTP2Connection.connect(port: loopback.port)
    defer { Task { await raw.close() } }
    #expect(try await raw.wait { $0.session.peerMaxConcurrentStreams == 7 })
  }

  @Test("a client pinging too often with no calls is sent GOAWAY(ENHANCE_YOUR_CALM, too_many_pings)")
  func pingAbuse() async throws {
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let raw = try await RawHTTP2Connection.connect(port: loopback.port)
    defer { Task { await raw.close() } }
    for i in 0..<5 {
      try await raw.ping(UInt64(i))
      try await Task.sleep(for: .milliseconds(5))
    }
    #expect(try await raw.wait { $0.isClosed })
    let goAway = try await raw.inspect { $0.events.goAways.last }
    #expect(goAway?.errorCode == 0xb)
  }

  @Test("pings within the policy are answered and the connection stays")
  func permittedPings() async throws {
    var configuration = GRPCServer.Configuration()
    configuration.clientKeepalive = .init(minPingInterval: .milliseconds(10), permitWithoutCalls: true, maxStrikes: 2)
    let loopback = try await Loopback.start(configuration: configuration)
    defer { Task { await loopback.stop() } }
    let raw = try await RawHTTP2Connection.connect(port: loopback.port)
    defer { Task { await raw.close() } }
    for i in 0..<5 {
      try await raw.ping(UInt64(i))
      try await Task.sleep(for: .milliseconds(30))
    }
    #expect(try await raw.wait { $0.events.pings.filter(\.ack).count == 5 })
    #expect(try await raw.inspect { !$0.isClosed })
  }

  @Test("a client pinging each time data arrives (gRPC C core's BDP probe) keeps a long stream")
  func pingsWhileDataFlows() async throws {
    // The default policy: a ping sooner than five minutes after the last is a strike, and
    // the third strike ends the connection. Each DATA frame the server sends forgives them.
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let raw = try await RawHTTP2Connection.connect(port: loopback.port)
    defer { Task { await raw.close() } }
    let message = RawHTTP2Connection.frame(Array("tick".utf8))
    let rounds = 30
    let id = try await raw.request(
      RawHTTP2Connection.grpcHeaders(path: "/test.Control/Bidi"), body: message, endStream: false)
    // In lockstep, like a BDP probe: the server echoes a message, the client pings as the echo
    // arrives, then sends the next. Every ping follows exactly one DATA frame from the server,
    // however the machine schedules the two sides.
    var pings = 0
    for round in 1...rounds {
      let echoed = try await raw.wait { ($0.events.data[id]?.count ?? 0) >= round * message.count || $0.isClosed }
      guard echoed, try await raw.inspect({ !$0.isClosed }) else { break }
      try await raw.ping(UInt64(round))
      pings += 1
      try await raw.send(id, round < rounds ? message : [], endStream: round == rounds)
    }
    let goAways = try await raw.inspect { $0.events.goAways.map(\.errorCode) }
    #expect(goAways.isEmpty, "GOAWAY after \(pings) pings")
    #expect(pings == rounds)
    #expect(try await raw.wait { $0.events.closed[id] != nil })
    #expect(try await raw.grpcStatus(id) == 0)
    #expect(
      try await raw.inspect { $0.events.data[id] } == Array([[UInt8]](repeating: message, count: rounds).joined()))
    let sent = pings
    #expect(try await raw.wait { $0.events.pings.filter(\.ack).count == sent })
    #expect(try await raw.inspect { !$0.isClosed })
  }

  @Test("pings on an open call while the server sends nothing still earn strikes and GOAWAY(ENHANCE_YOUR_CALM)")
  func pingsWhileServerIsQuiet() async throws {
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let raw = try await RawHTTP2Connection.connect(port: loopback.port)
    defer { Task { await raw.close() } }
    // One message, then the handler sleeps with the call open.
    let id = try await raw.request(
      RawHTTP2Connection.grpcHeaders(
        path: "/test.Control/ServerStream", extra: [("x-responses", "1"), ("x-sleep-ms", "10000")]),
      body: RawHTTP2Connection.frame([1]))
    #expect(try await raw.wait { $0.events.data[id] != nil })
    for i in 0..<5 {
      try await raw.ping(UInt64(i))
      try await Task.sleep(for: .milliseconds(5))
    }
    #expect(try await raw.wait { $0.isClosed })
    let goAway = try await raw.inspect { $0.events.goAways.last }
    #expect(goAway?.errorCode == HTTP2ErrorCode.enhanceYourCalm.rawValue)
  }

  @Test("keepalive: the server pings a quiet client and closes when no ACK comes")
  func keepalive() async throws {
    var configuration = GRPCServer.Configuration()
    // Generous enough that a loaded machine still acknowledges in time and still shows the
    // quiet connection open for a while before it is dropped.
    configuration.keepalive = .init(time: .milliseconds(200), timeout: .milliseconds(1500))
    let loopback = try await Loopback.start(configuration: configuration)
    defer { Task { await loopback.stop() } }
    // A live client answers the pings and keeps its connection.
    let live = try await RawHTTP2Connection.connect(port: loopback.port)
    defer { Task { await live.close() } }
    #expect(try await live.wait { $0.events.pings.filter { !$0.ack }.count >= 2 })
    #expect(try await live.inspect { !$0.isClosed })
    // A client that stops reading never acknowledges and is dropped.
    let dead = try await RawHTTP2Connection.connect(port: loopback.port, readsAutomatically: false)
    var end = ContinuousClock.now.advanced(by: .seconds(5))
    while loopback.server.connectionCount < 2, ContinuousClock.now < end {
      try await Task.sleep(for: .milliseconds(5))
    }
    #expect(loopback.server.connectionCount == 2)
    end = ContinuousClock.now.advanced(by: .seconds(20))
    while loopback.server.connectionCount > 1, ContinuousClock.now < end {
      try await Task.sleep(for: .milliseconds(10))
    }
    #expect(loopback.server.connectionCount == 1)
    #expect(try await live.inspect { !$0.isClosed })
    await dead.close()
  }
}
