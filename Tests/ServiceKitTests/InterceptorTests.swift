import Logging
import RPCCore
import ServiceKit
import Synchronization
import Testing

/// A message that is its bytes.
struct Blob: RPCMessage {
  var bytes: [UInt8]
  init(_ bytes: [UInt8] = []) { self.bytes = bytes }
  init(serializedBytes bytes: UnsafeRawBufferPointer) throws { self.bytes = Array(bytes) }
  func serializedBytes() throws -> [UInt8] { bytes }
}

@Suite("Standard interceptors")
struct InterceptorTests {
  static let method = MethodDescriptor(service: "t.S", method: "M", kind: .unary)

  func run(
    _ interceptors: [any ServerInterceptor], metadata: Metadata = [:],
    handler: @escaping @Sendable (ServerContext) async throws -> Void = { _ in }
  ) async -> (ServerCallOutcome, ServerContext) {
    var router = RPCRouter()
    router.registerUnary(Self.method) { (_: Blob, context: ServerContext) -> Blob in
      try await handler(context)
      return Blob(Array((context.attributes[RequestID.AttributeKey.self] ?? "").utf8))
    }
    let context = ServerContext(descriptor: Self.method, requestMetadata: metadata)
    let outcome = await router.method(forPath: Self.method.path)!.execute(
      request: [], outbound: nil, context: context, interceptors: interceptors)
    return (outcome, context)
  }

  @Test("a request id is taken from the caller or made, returned, and visible to handlers and outbound calls")
  func requestID() async throws {
    let seenInTask = Mutex<String?>(nil)
    let (given, context) = await run([RequestIDServerInterceptor()], metadata: ["x-request-id": "abc123"]) { _ in
      seenInTask.withLock { $0 = RequestID.current }
    }
    #expect(given.response == Array("abc123".utf8))
    #expect(context.response.initial.firstString(forKey: "x-request-id") == "abc123")
    #expect(seenInTask.withLock { $0 } == "abc123")
    let (made, _) = await run([RequestIDServerInterceptor()])
    #expect(made.response?.count == 16)
  }

  @Test("metrics count calls per method and status")
  func metrics() async throws {
    let metrics = CallMetrics()
    _ = await run([CallMetricsInterceptor(metrics: metrics)])
    _ = await run([CallMetricsInterceptor(metrics: metrics)]) { _ in throw RPCError(code: .notFound, message: "x") }
    let stats = try #require(metrics.snapshot[Self.method.path])
    #expect(stats.calls == 2)
    #expect(stats.byCode == [0: 1, 5: 1])
    #expect(stats.latencyBuckets.reduce(0, +) == 2)
  }

  @Test("authentication rejects calls without credentials unless the method is public")
  func authentication() async throws {
    struct Tokens: CallAuthenticator {
      func authenticate(_ context: ServerContext) async throws -> String? {
        guard let token = context.requestMetadata.firstString(forKey: "authorization") else { return nil }
        guard token == "Bearer good" else { throw RPCError(code: .unauthenticated, message: "bad token") }
        return "alice"
      }
    }
    let interceptor = AuthenticationInterceptor(authenticator: Tokens(), publicMethods: [])
    let (missing, _) = await run([interceptor])
    #expect(missing.status.code == .unauthenticated)
    let (bad, _) = await run([interceptor], metadata: ["authorization": "Bearer bad"])
    #expect(bad.status.code == .unauthenticated)
    let principal = Mutex<String?>(nil)
    let (good, _) = await run([interceptor], metadata: ["authorization": "Bearer good"]) { context in
      principal.withLock { $0 = context.principal(as: String.self) }
    }
    #expect(good.status == .ok)
    #expect(principal.withLock { $0 } == "alice")
    let open = AuthenticationInterceptor(authenticator: Tokens(), publicMethods: [Self.method])
    #expect(await run([open]).0.status == .ok)
  }

  @Test("a JSON log line carries timestamp, severity, service, message and metadata, escaped")
  func jsonLine() {
    let rendered = JSONLogHandler.render(
      .dictionary(["k": .array([.string("v\"1\n"), .stringConvertible(3)])]))
    #expect(rendered == "{\"k\":[\"v\\\"1\\n\",\"3\"]}")
    let stamp = JSONLogHandler.timestamp()
    #expect(stamp.count == 24 && stamp.hasSuffix("Z") && stamp.contains("T"))
  }
}
