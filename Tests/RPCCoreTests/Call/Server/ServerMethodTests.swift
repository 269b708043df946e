import Synchronization
import Testing

@testable import RPCCore

/// A message that is its bytes; `"bad"` refuses to decode.
struct Bytes: RPCMessage, Equatable {
  var value: [UInt8]
  init(_ value: [UInt8]) { self.value = value }
  init(serializedBytes bytes: UnsafeRawBufferPointer) throws {
    if Array(bytes) == Array("bad".utf8) { throw DecodeFailure() }
    value = Array(bytes)
  }
  func serializedBytes() throws -> [UInt8] { value }
  struct DecodeFailure: Error {}
}

@Suite("Routing and running calls without a transport")
struct ServerMethodTests {
  static let echo = MethodDescriptor(service: "t.S", method: "Echo", kind: .unary)
  static let stream = MethodDescriptor(service: "t.S", method: "Stream", kind: .serverStreaming)

  func router(_ handler: @escaping @Sendable (Bytes, ServerContext) async throws -> Bytes) -> RPCRouter {
    var router = RPCRouter()
    router.registerUnary(Self.echo, handler: handler)
    return router
  }

  @Test("a registered method is found by its path and an unknown path is not")
  func lookup() {
    let router = router { r, _ in r }
    #expect(router.method(forPath: "/t.S/Echo")?.descriptor == Self.echo)
    #expect(router.method(forPath: "/t.S/Other") == nil)
    #expect(router.services == ["t.S"])
  }

  @Test("a unary call returns the handler's encoded response")
  func unary() async throws {
    let method = try #require(router { r, _ in Bytes(r.value.reversed()) }.method(forPath: "/t.S/Echo"))
    let outcome = await method.execute(
      request: [1, 2, 3], outbound: nil, context: ServerContext(descriptor: Self.echo), interceptors: [])
    #expect(outcome.status == .ok)
    #expect(outcome.response == [3, 2, 1])
  }

  @Test("a request that does not decode is INTERNAL and never reaches the handler")
  func badRequest() async throws {
    let reached = Mutex(false)
    let method = try #require(
      router { r, _ in
        reached.withLock { $0 = true }
        return r
      }.method(forPath: "/t.S/Echo"))
    let outcome = await method.execute(
      request: Array("bad".utf8), outbound: nil, context: ServerContext(descriptor: Self.echo), interceptors: [])
    #expect(outcome.status.code == .internalError)
    #expect(!reached.withLock { $0 })
  }

  @Test("trailing metadata set by the handler travels with an error")
  func trailersWithError() async throws {
    let method = try #require(
      router { _, context in
        context.response.addTrailing("x-why", "because")
        throw RPCError(code: .failedPrecondition, message: "no", metadata: ["x-detail": "d"])
      }.method(forPath: "/t.S/Echo"))
    let outcome = await method.execute(
      request: [], outbound: nil, context: ServerContext(descriptor: Self.echo), interceptors: [])
    #expect(outcome.status == Status(code: .failedPrecondition, message: "no"))
    #expect(outcome.trailingMetadata.firstString(forKey: "x-why") == "because")
    #expect(outcome.trailingMetadata.firstString(forKey: "x-detail") == "d")
  }

  @Test("interceptors run in order around the handler and can change the context")
  func interceptors() async throws {
    struct Key: ContextAttributeKey { typealias Value = [String] }
    struct Tag: ServerInterceptor {
      let name: String
      func intercept<Result: Sendable>(context: ServerContext, next: @Sendable (ServerContext) async throws -> Result)
        async throws -> Result
      {
        var context = context
        context.attributes[Key.self] = (context.attributes[Key.self] ?? []) + [name]
        return try await next(context)
      }
    }
    let method = try #require(
      router { _, context in
        Bytes(Array((context.attributes[Key.self] ?? []).joined(separator: ",").utf8))
      }.method(forPath: "/t.S/Echo"))
    let outcome = await method.execute(
      request: [], outbound: nil, context: ServerContext(descriptor: Self.echo),
      interceptors: [Tag(name: "first"), Tag(name: "second")])
    #expect(outcome.response == Array("first,second".utf8))
  }

  @Test("the inbound deadline is visible to outbound calls made by the handler")
  func deadlineTaskLocal() async throws {
    let deadline = ContinuousClock.now.advanced(by: .seconds(5))
    let seen = Mutex<ContinuousClock.Instant?>(nil)
    let method = try #require(
      router { r, _ in
        seen.withLock { $0 = CallDeadline.inbound }
        return r
      }.method(forPath: "/t.S/Echo"))
    _ = await method.execute(
      request: [], outbound: nil, context: ServerContext(descriptor: Self.echo, deadline: deadline), interceptors: [])
    #expect(seen.withLock { $0 } == deadline)
  }

  @Test("a streaming method invoked as unary reports INTERNAL instead of misbehaving")
  func wrongShape() async throws {
    var router = RPCRouter()
    router.registerClientStreaming(Self.stream) { (requests: RPCRequestStream<Bytes>, _) -> Bytes in Bytes([]) }
    let method = try #require(router.method(forPath: "/t.S/Stream"))
    let outcome = await method.execute(
      request: [], outbound: nil, context: ServerContext(descriptor: Self.stream), interceptors: [])
    #expect(outcome.status.code == .internalError)
  }
}
