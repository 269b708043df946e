import NIOCore
import NIOPosix
import RPCCore
import RPCHTTP2
import Synchronization

/// A message that is just its bytes, so transport tests need no generated contracts.
struct RawMessage: RPCMessage, Hashable {
  var bytes: [UInt8]

  init(_ bytes: [UInt8]) { self.bytes = bytes }
  init(_ text: String) { self.bytes = Array(text.utf8) }
  init(serializedBytes bytes: UnsafeRawBufferPointer) throws { self.bytes = Array(bytes) }
  func serializedBytes() throws -> [UInt8] { bytes }
  var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// What handlers saw, recorded by an ``Observer`` the test holds.
final class Observer: Sendable {
  private let state = Mutex<(events: [String], attempts: [String: Int], deadlines: [ContinuousClock.Instant?])>(
    ([], [:], []))

  func record(_ event: String) { state.withLock { $0.events.append(event) } }
  var events: [String] { state.withLock { $0.events } }
  func attempt(_ id: String) -> Int {
    state.withLock { s in
      s.attempts[id, default: 0] += 1
      return s.attempts[id]!
    }
  }
  func attempts(_ id: String) -> Int { state.withLock { $0.attempts[id] ?? 0 } }
  func sawDeadline(_ d: ContinuousClock.Instant?) { state.withLock { $0.deadlines.append(d) } }
  var deadlines: [ContinuousClock.Instant?] { state.withLock { $0.deadlines } }

  /// Waits until an event is recorded (polling; fails after `timeout`).
  func waitFor(_ event: String, timeout: Duration = .seconds(20)) async -> Bool {
    let end = ContinuousClock.now.advanced(by: timeout)
    while ContinuousClock.now < end {
      if events.contains(event) { return true }
      try? await Task.sleep(for: .milliseconds(5))
    }
    return false
  }
}

/// A service whose behaviour each test chooses through request metadata, like the control
/// service grpc-swift's transport tests use:
/// - `x-fail: <code>` ends the call with that status code and `x-fail-message`;
/// - `x-sleep-ms: <n>` sleeps (honouring cancellation) before answering;
/// - `x-responses: <n>` makes the streaming methods send n copies of the request;
/// - `x-echo-*` keys are echoed back as initial metadata, `x-trailer-*` as trailers;
/// - `x-fail-attempts: <n>` with `x-call-id: <id>` fails the first n attempts of that call id
///   with UNAVAILABLE (for retry tests).
enum ControlService {
  static let unary = MethodDescriptor(service: "test.Control", method: "Unary", kind: .unary)
  static let idempotentUnary = MethodDescriptor(
    service: "test.Control", method: "IdempotentUnary", kind: .unary, isIdempotent: true)
  static let serverStream = MethodDescriptor(
    service: "test.Control", method: "ServerStream", kind: .serverStreaming)
  static let clientStream = MethodDescriptor(
    service: "test.Control", method: "ClientStream", kind: .clientStreaming)
  static let bidi = MethodDescriptor(
    service: "test.Control", method: "Bidi", kind: .bidirectionalStreaming)

  static func router(observer: Observer = Observer()) -> RPCRouter {
    var router = RPCRouter()
    let unaryHandler: @Sendable (RawMessage, ServerContext) async throws -> RawMessage = {
      request, context in
      observer.sawDeadline(context.deadline)
      try await behave(context, observer)
      return request
    }
    router.registerUnary(unary, handler: unaryHandler)
    router.registerUnary(idempotentUnary, handler: unaryHandler)
    router.registerServerStreaming(serverStream) {
      (request: RawMessage, writer: RPCResponseWriter<RawMessage>, context) in
      let count = Int(context.requestMetadata.firstString(forKey: "x-responses") ?? "1") ?? 1
      observer.record("server-stream started")
      do {
        for i in 0..<count {
          try await writer.write(request)
          observer.record("wrote \(i)")
        }
      } catch {
        observer.record("server-stream write failed")
        throw error
      }
      try await behave(context, observer)
    }
    router.registerClientStreaming(clientStream) {
      (requests: RPCRequestStream<RawMessage>, context) -> RawMessage in
      var total: [UInt8] = []
      observer.record("client-stream started")
      if context.requestMetadata.firstString(forKey: "x-dont-read") != nil {
        try await behave(context, observer)
      }
      for try await message in requests { total += message.bytes }
      try await behave(context, observer)
      return RawMessage(total)
    }
    router.registerBidirectionalStreaming(bidi) {
      (requests: RPCRequestStream<RawMessage>, writer: RPCResponseWriter<RawMessage>, context) in
      for try await message in requests { try await writer.write(message) }
      try await behave(context, observer)
    }
    return router
  }

  static func behave(_ context: ServerContext, _ observer: Observer) async throws {
    for (key, value) in context.requestMetadata {
      if key.hasPrefix("x-echo-") { context.response.addInitial(key, value) }
      if key.hasPrefix("x-trailer-") { context.response.addTrailing(key, value) }
    }
    if let id = context.requestMetadata.firstString(forKey: "x-call-id") {
      let attempt = observer.attempt(id)
      if let n = Int(context.requestMetadata.firstString(forKey: "x-fail-attempts") ?? ""),
        attempt <= n
      {
        throw RPCError(code: .unavailable, message: "attempt \(attempt) refused")
      }
    }
    if let ms = context.requestMetadata.firstString(forKey: "x-sleep-ms"), let n = Int(ms) {
      observer.record("sleeping")
      do {
        try await Task.sleep(for: .milliseconds(n))
      } catch {
        observer.record("cancelled")
        throw error
      }
    }
    if let code = context.requestMetadata.firstString(forKey: "x-fail"), let n = Int(code) {
      throw RPCError(
        code: Status.Code(rawValue: n),
        message: context.requestMetadata.firstString(forKey: "x-fail-message") ?? "failed on request")
    }
  }
}

/// A control server on a free loopback port and a client connected to it.
struct Loopback {
  let server: GRPCServer
  let transport: HTTP2ClientTransport
  let client: RPCClient
  let port: Int

  static func start(
    router: RPCRouter = ControlService.router(),
    configuration: GRPCServer.Configuration = .init(),
    interceptors: [any ServerInterceptor] = [],
    clientConfiguration: ((inout HTTP2ClientTransport.Configuration) -> Void)? = nil
  ) async throws -> Loopback {
    var configuration = configuration
    configuration.port = 0
    configuration.threads = 1
    let server = GRPCServer(configuration: configuration, router: router, interceptors: interceptors)
    let port = try await server.start()
    var clientConfig = HTTP2ClientTransport.Configuration(host: "127.0.0.1", port: port)
    clientConfiguration?(&clientConfig)
    let transport = HTTP2ClientTransport(configuration: clientConfig)
    return Loopback(server: server, transport: transport, client: RPCClient(transport: transport), port: port)
  }

  func stop() async {
    await transport.close()
    await server.close()
  }
}
