import RPCCore
import RPCHTTP2
import Testing

@Suite("Unary calls over loopback HTTP/2")
struct UnaryTests {
  @Test("a unary call returns the handler's response")
  func unaryEcho() async throws {
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let response: RawMessage = try await loopback.client.unary(
      ControlService.unary, request: RawMessage("hello"))
    #expect(response.text == "hello")
  }

  @Test("an empty message is a valid request and response")
  func emptyMessage() async throws {
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let response: RawMessage = try await loopback.client.unary(
      ControlService.unary, request: RawMessage([]))
    #expect(response.bytes.isEmpty)
  }

  @Test("every status code and a Unicode message reach the client intact", arguments: 1...16)
  func statusCodes(code: Int) async throws {
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let message = "ünïcode 100% ok ☺\nline two\t"
    let options = CallOptions(metadata: [
      "x-fail": .string("\(code)"), "x-fail-message": .string(PercentSafe.ascii(message)),
    ])
    let error = await #expect(throws: RPCError.self) {
      let _: RawMessage = try await loopback.client.unary(
        ControlService.unary, request: RawMessage("x"), options: options)
    }
    #expect(error?.code == Status.Code(rawValue: code))
    #expect(error?.message == PercentSafe.ascii(message))
  }

  @Test("a handler's status message with any characters arrives exactly")
  func statusMessageCharacters() async throws {
    var router = RPCRouter()
    let message = "50% done ☺ — ünïcode\nand a tab\t"
    router.registerUnary(ControlService.unary) { (_: RawMessage, _) -> RawMessage in
      throw RPCError(code: .failedPrecondition, message: message)
    }
    let loopback = try await Loopback.start(router: router)
    defer { Task { await loopback.stop() } }
    let error = await #expect(throws: RPCError.self) {
      let _: RawMessage = try await loopback.client.unary(ControlService.unary, request: RawMessage("x"))
    }
    #expect(error?.code == .failedPrecondition)
    #expect(error?.message == message)
  }

  @Test("a handler throwing a non-RPC error becomes UNKNOWN without leaking its text")
  func unknownError() async throws {
    struct Secret: Error {}
    var router = RPCRouter()
    router.registerUnary(ControlService.unary) { (_: RawMessage, _) -> RawMessage in throw Secret() }
    let loopback = try await Loopback.start(router: router)
    defer { Task { await loopback.stop() } }
    let error = await #expect(throws: RPCError.self) {
      let _: RawMessage = try await loopback.client.unary(ControlService.unary, request: RawMessage("x"))
    }
    #expect(error?.code == .unknown)
    #expect(error?.message.contains("Secret") == false)
  }

  @Test("initial and trailing metadata, text and binary, travel both ways")
  func metadata() async throws {
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let options = CallOptions(metadata: [
      "x-echo-text": "hello", "x-echo-blob-bin": .binary([0, 1, 254, 255]),
      "x-trailer-note": "done", "x-trailer-raw-bin": .binary([0xCA, 0xFE]),
    ])
    let response: ClientResponse<RawMessage> = try await loopback.client.unaryWithMetadata(
      ControlService.unary, request: RawMessage("m"), options: options)
    #expect(response.initialMetadata.firstString(forKey: "x-echo-text") == "hello")
    #expect(response.initialMetadata.firstBinary(forKey: "x-echo-blob-bin") == [0, 1, 254, 255])
    #expect(response.trailingMetadata.firstString(forKey: "x-trailer-note") == "done")
    #expect(response.trailingMetadata.firstBinary(forKey: "x-trailer-raw-bin") == [0xCA, 0xFE])
  }

  @Test("a call past its deadline fails with DEADLINE_EXCEEDED and cancels the handler")
  func deadline() async throws {
    let observer = Observer()
    let loopback = try await Loopback.start(router: ControlService.router(observer: observer))
    defer { Task { await loopback.stop() } }
    let started = ContinuousClock.now
    let call = Task {
      let _: RawMessage = try await loopback.client.unary(
        ControlService.unary, request: RawMessage("slow"),
        options: CallOptions(timeout: .seconds(1), metadata: ["x-sleep-ms": "300000"]))
    }
    #expect(await observer.waitFor("sleeping"))
    let result = await call.result
    #expect(throws: RPCError.self) { try result.get() }
    if case .failure(let error as RPCError) = result { #expect(error.code == .deadlineExceeded) }
    // The handler would take five minutes; ending within one shows the deadline ended the
    // call, with slack for a loaded two-core machine.
    #expect(ContinuousClock.now - started < .seconds(60))
    #expect(await observer.waitFor("cancelled"))
  }

  @Test("the server sees the client's deadline")
  func deadlineReachesServer() async throws {
    let observer = Observer()
    let loopback = try await Loopback.start(router: ControlService.router(observer: observer))
    defer { Task { await loopback.stop() } }
    let before = ContinuousClock.now
    let _: RawMessage = try await loopback.client.unary(
      ControlService.unary, request: RawMessage("x"), options: CallOptions(timeout: .seconds(7)))
    let deadline = try #require(observer.deadlines.first ?? nil)
    #expect(deadline > before.advanced(by: .seconds(6)))
    #expect(deadline < ContinuousClock.now.advanced(by: .seconds(7)))
  }

  @Test("cancelling the calling task resets the stream and cancels the handler")
  func clientCancellation() async throws {
    let observer = Observer()
    let loopback = try await Loopback.start(router: ControlService.router(observer: observer))
    defer { Task { await loopback.stop() } }
    let call = Task {
      let _: RawMessage = try await loopback.client.unary(
        ControlService.unary, request: RawMessage("x"),
        options: CallOptions(metadata: ["x-sleep-ms": "10000"]))
    }
    #expect(await observer.waitFor("sleeping"))
    call.cancel()
    let result = await call.result
    #expect(throws: RPCError.self) { try result.get() }
    if case .failure(let error as RPCError) = result { #expect(error.code == .cancelled) }
    #expect(await observer.waitFor("cancelled"))
  }

  @Test("an unknown method or service is UNIMPLEMENTED", arguments: ["test.Control/Nope", "no.Such/Service"])
  func unimplemented(path: String) async throws {
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let parts = path.split(separator: "/")
    let descriptor = MethodDescriptor(service: String(parts[0]), method: String(parts[1]), kind: .unary)
    let error = await #expect(throws: RPCError.self) {
      let _: RawMessage = try await loopback.client.unary(descriptor, request: RawMessage("x"))
    }
    #expect(error?.code == .unimplemented)
  }

  @Test("a request over the size limit is RESOURCE_EXHAUSTED and the connection stays usable")
  func tooLarge() async throws {
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let error = await #expect(throws: RPCError.self) {
      let _: RawMessage = try await loopback.client.unary(
        ControlService.unary, request: RawMessage(Array(repeating: 1, count: 5 * 1024 * 1024)))
    }
    #expect(error?.code == .resourceExhausted)
    let response: RawMessage = try await loopback.client.unary(ControlService.unary, request: RawMessage("after"))
    #expect(response.text == "after")
  }

  @Test("a configured smaller limit applies")
  func configuredLimit() async throws {
    var configuration = GRPCServer.Configuration()
    configuration.rpc.maxRequestMessageSize = 1000
    let loopback = try await Loopback.start(configuration: configuration)
    defer { Task { await loopback.stop() } }
    let _: RawMessage = try await loopback.client.unary(
      ControlService.unary, request: RawMessage(Array(repeating: 1, count: 1000)))
    let error = await #expect(throws: RPCError.self) {
      let _: RawMessage = try await loopback.client.unary(
        ControlService.unary, request: RawMessage(Array(repeating: 1, count: 1001)))
    }
    #expect(error?.code == .resourceExhausted)
  }

  @Test("messages of several MiB cross in both directions")
  func largeMessages() async throws {
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let payload = (0..<(3 * 1024 * 1024)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    let response: RawMessage = try await loopback.client.unary(ControlService.unary, request: RawMessage(payload))
    #expect(response.bytes == payload)
  }

  @Test("a thousand concurrent calls share one connection")
  func multiplexing() async throws {
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let client = loopback.client
    try await withThrowingTaskGroup(of: Bool.self) { group in
      for i in 0..<1000 {
        group.addTask {
          let r: RawMessage = try await client.unary(ControlService.unary, request: RawMessage("\(i)"))
          return r.text == "\(i)"
        }
      }
      for try await ok in group { #expect(ok) }
    }
    #expect(loopback.server.connectionCount == 1)
  }

  @Test("an idempotent call is retried on UNAVAILABLE until it succeeds")
  func retriesIdempotent() async throws {
    let observer = Observer()
    let loopback = try await Loopback.start(router: ControlService.router(observer: observer))
    defer { Task { await loopback.stop() } }
    let _: RawMessage = try await loopback.client.unary(
      ControlService.idempotentUnary, request: RawMessage("x"),
      options: CallOptions(metadata: ["x-call-id": "idem-1", "x-fail-attempts": "2"]))
    #expect(observer.attempts("idem-1") == 3)
  }

  @Test("a call that is not idempotent is never retried")
  func doesNotRetryOthers() async throws {
    let observer = Observer()
    let loopback = try await Loopback.start(router: ControlService.router(observer: observer))
    defer { Task { await loopback.stop() } }
    let error = await #expect(throws: RPCError.self) {
      let _: RawMessage = try await loopback.client.unary(
        ControlService.unary, request: RawMessage("x"),
        options: CallOptions(metadata: ["x-call-id": "plain-1", "x-fail-attempts": "2"]))
    }
    #expect(error?.code == .unavailable)
    #expect(observer.attempts("plain-1") == 1)
  }

  @Test("an idempotent call that fails otherwise is not retried")
  func doesNotRetryOtherCodes() async throws {
    let observer = Observer()
    let loopback = try await Loopback.start(router: ControlService.router(observer: observer))
    defer { Task { await loopback.stop() } }
    let error = await #expect(throws: RPCError.self) {
      let _: RawMessage = try await loopback.client.unary(
        ControlService.idempotentUnary, request: RawMessage("x"),
        options: CallOptions(metadata: ["x-call-id": "idem-2", "x-fail": "13"]))
    }
    #expect(error?.code == .internalError)
    #expect(observer.attempts("idem-2") == 1)
  }
}

/// Status messages in these tests travel in request metadata first, which must be ASCII.
enum PercentSafe {
  static func ascii(_ text: String) -> String {
    String(text.unicodeScalars.filter { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F })
  }
}
