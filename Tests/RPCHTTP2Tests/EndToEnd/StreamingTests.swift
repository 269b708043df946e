import RPCCore
import RPCHTTP2
import Synchronization
import Testing

@Suite("Streaming calls over loopback HTTP/2")
struct StreamingTests {
  @Test("a server-streaming call delivers every message in order, then the trailers")
  func serverStreaming() async throws {
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let (messages, trailers) = try await loopback.client.serverStreaming(
      ControlService.serverStream, request: RawMessage("m"),
      options: CallOptions(metadata: ["x-responses": "100", "x-trailer-end": "yes"])
    ) { (responses: RPCResponseStream<RawMessage>) in
      var all: [String] = []
      for try await message in responses { all.append(message.text) }
      return (all, await responses.trailingMetadata())
    }
    #expect(messages == Array(repeating: "m", count: 100))
    #expect(trailers.firstString(forKey: "x-trailer-end") == "yes")
  }

  @Test("a client-streaming call sees every request message")
  func clientStreaming() async throws {
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let response: RawMessage = try await loopback.client.clientStreaming(ControlService.clientStream) {
      (writer: RPCRequestWriter<RawMessage>) in
      for i in 0..<50 { try await writer.write(RawMessage("\(i % 10)")) }
    }
    #expect(response.text == (0..<50).map { "\($0 % 10)" }.joined())
  }

  @Test("a bidirectional call can ping-pong one message at a time")
  func pingPong() async throws {
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let echoed = try await loopback.client.bidirectionalStreaming(ControlService.bidi) {
      (writer: RPCRequestWriter<RawMessage>, responses: RPCResponseStream<RawMessage>) in
      var iterator = responses.makeAsyncIterator()
      var got: [String] = []
      for i in 0..<10 {
        try await writer.write(RawMessage("ping \(i)"))
        got.append(try await iterator.next()?.text ?? "none")
      }
      try await writer.finish()
      #expect(try await iterator.next() == nil)
      return got
    }
    #expect(echoed == (0..<10).map { "ping \($0)" })
  }

  @Test("a bidirectional call with no messages either way ends OK")
  func emptyStream() async throws {
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let count = try await loopback.client.bidirectionalStreaming(ControlService.bidi) {
      (writer: RPCRequestWriter<RawMessage>, responses: RPCResponseStream<RawMessage>) in
      try await writer.finish()
      var n = 0
      for try await _ in responses { n += 1 }
      return n
    }
    #expect(count == 0)
  }

  @Test("an error after some messages arrives after those messages")
  func errorAfterMessages() async throws {
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let received = Mutex(0)
    let error = await #expect(throws: RPCError.self) {
      try await loopback.client.serverStreaming(
        ControlService.serverStream, request: RawMessage("m"),
        options: CallOptions(metadata: ["x-responses": "3", "x-fail": "9", "x-fail-message": "stop"])
      ) { (responses: RPCResponseStream<RawMessage>) in
        for try await _ in responses { received.withLock { $0 += 1 } }
      }
    }
    #expect(received.withLock { $0 } == 3)
    #expect(error?.code == .failedPrecondition)
    #expect(error?.message == "stop")
  }

  @Test("a slow reader holds a fast streaming handler back")
  func serverBackpressure() async throws {
    let observer = Observer()
    let loopback = try await Loopback.start(router: ControlService.router(observer: observer))
    defer { Task { await loopback.stop() } }
    let chunk = RawMessage(Array(repeating: 7, count: 64 * 1024))
    try await loopback.client.serverStreaming(
      ControlService.serverStream, request: chunk,
      options: CallOptions(metadata: ["x-responses": "10000"])
    ) { (responses: RPCResponseStream<RawMessage>) in
      var iterator = responses.makeAsyncIterator()
      _ = try await iterator.next()
      // Read nothing more for a while: the handler must stall, not buffer 640 MiB.
      try await Task.sleep(for: .milliseconds(500))
      let written = observer.events.filter { $0.hasPrefix("wrote") }.count
      // Server buffer (1 MiB) + client windows (1 MiB stream) + socket buffers: a few MiB.
      #expect(written < 200, "handler wrote \(written) × 64 KiB while nobody read")
      // Then read a good while longer: the handler resumes.
      for _ in 0..<300 { _ = try await iterator.next() }
    }
    #expect(observer.events.filter { $0.hasPrefix("wrote") }.count >= 300)
  }

  @Test("a handler that does not read holds a fast streaming client back")
  func clientBackpressure() async throws {
    let observer = Observer()
    let loopback = try await Loopback.start(router: ControlService.router(observer: observer))
    defer { Task { await loopback.stop() } }
    let sent = Mutex(0)
    let call = Task {
      let _: RawMessage = try await loopback.client.clientStreaming(
        ControlService.clientStream,
        options: CallOptions(metadata: ["x-dont-read": "1", "x-sleep-ms": "60000"])
      ) { (writer: RPCRequestWriter<RawMessage>) in
        for _ in 0..<10_000 {
          try await writer.write(RawMessage(Array(repeating: 1, count: 64 * 1024)))
          sent.withLock { $0 += 1 }
        }
      }
    }
    #expect(await observer.waitFor("sleeping"))
    try await Task.sleep(for: .milliseconds(500))
    let count = sent.withLock { $0 }
    // Server stream window (1 MiB) + client buffer (1 MiB) + sockets: a few MiB, not 640.
    #expect(count < 200, "client sent \(count) × 64 KiB into a handler that never reads")
    call.cancel()
    _ = await call.result
    #expect(await observer.waitFor("cancelled"))
  }

  @Test("cancelling a streaming call cancels its handler")
  func cancelStreaming() async throws {
    let observer = Observer()
    let loopback = try await Loopback.start(router: ControlService.router(observer: observer))
    defer { Task { await loopback.stop() } }
    let call = Task {
      try await loopback.client.serverStreaming(
        ControlService.serverStream, request: RawMessage("m"),
        options: CallOptions(metadata: ["x-responses": "1", "x-sleep-ms": "60000"])
      ) { (responses: RPCResponseStream<RawMessage>) in
        for try await _ in responses {}
      }
    }
    #expect(await observer.waitFor("sleeping"))
    call.cancel()
    _ = await call.result
    #expect(await observer.waitFor("cancelled"))
  }

  @Test("a streaming call's deadline ends it with DEADLINE_EXCEEDED")
  func streamingDeadline() async throws {
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let error = await #expect(throws: RPCError.self) {
      try await loopback.client.serverStreaming(
        ControlService.serverStream, request: RawMessage("m"),
        options: CallOptions(timeout: .milliseconds(200), metadata: ["x-responses": "1", "x-sleep-ms": "60000"])
      ) { (responses: RPCResponseStream<RawMessage>) in
        for try await _ in responses {}
      }
    }
    #expect(error?.code == .deadlineExceeded)
  }
}
