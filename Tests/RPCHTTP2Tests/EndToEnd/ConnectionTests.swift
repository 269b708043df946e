import NIOCore
import NIOPosix
import RPCCore
import RPCHTTP2
import Synchronization
import Testing

@Suite("Connections: shutdown, lifetime, reconnection, propagation")
struct ConnectionTests {
  @Test("graceful shutdown lets an in-flight call finish and refuses new ones")
  func gracefulShutdown() async throws {
    let observer = Observer()
    let loopback = try await Loopback.start(router: ControlService.router(observer: observer))
    let inFlight = Task {
      let r: RawMessage = try await loopback.client.unary(
        ControlService.unary, request: RawMessage("finish me"),
        options: CallOptions(metadata: ["x-sleep-ms": "400"]))
      return r.text
    }
    #expect(await observer.waitFor("sleeping"))
    let started = ContinuousClock.now
    // The grace period is far longer than the call, and the bound half of it: on a loaded
    // two-core machine the call may take seconds, but never the whole grace period.
    await loopback.server.shutdownGracefully(gracePeriod: .seconds(120))
    #expect(try await inFlight.value == "finish me")
    #expect(ContinuousClock.now - started < .seconds(60))
    let error = await #expect(throws: RPCError.self) {
      let _: RawMessage = try await loopback.client.unary(ControlService.unary, request: RawMessage("late"))
    }
    #expect(error?.code == .unavailable)
    await loopback.transport.close()
  }

  @Test("calls still open when the grace period ends are cancelled")
  func graceExpires() async throws {
    let observer = Observer()
    let loopback = try await Loopback.start(router: ControlService.router(observer: observer))
    let inFlight = Task {
      let _: RawMessage = try await loopback.client.unary(
        ControlService.unary, request: RawMessage("x"),
        options: CallOptions(metadata: ["x-sleep-ms": "300000"]))
    }
    #expect(await observer.waitFor("sleeping"))
    let started = ContinuousClock.now
    // Shutdown ends with the grace period, not with the five-minute call; the bound leaves a
    // loaded machine a minute of slack and still tells the two apart.
    await loopback.server.shutdownGracefully(gracePeriod: .milliseconds(300))
    #expect(ContinuousClock.now - started < .seconds(60))
    let result = await inFlight.result
    #expect(throws: RPCError.self) { try result.get() }
    #expect(await observer.waitFor("cancelled"))
    await loopback.transport.close()
  }

  @Test("a connection past its maximum age is drained and the client moves to a new one")
  func maxAge() async throws {
    var configuration = GRPCServer.Configuration()
    // Old enough that a loaded machine makes a call or two on each connection (a client
    // retries a call refused by a closing connection three times), young enough that 3.5 s
    // of calls cross at least two drains.
    configuration.connection.maxAge = .milliseconds(1500)
    let loopback = try await Loopback.start(configuration: configuration)
    defer { Task { await loopback.stop() } }
    let started = ContinuousClock.now
    var i = 0
    while ContinuousClock.now - started < .milliseconds(3500) {
      let r: RawMessage = try await loopback.client.unary(ControlService.unary, request: RawMessage("\(i)"))
      #expect(r.text == "\(i)")
      i += 1
      try await Task.sleep(for: .milliseconds(100))
    }
  }

  @Test("an idle connection is closed and the next call reconnects")
  func maxIdle() async throws {
    var configuration = GRPCServer.Configuration()
    // Long enough that a loaded machine still sees the connection open right after the call.
    configuration.connection.maxIdleTime = .seconds(5)
    let loopback = try await Loopback.start(configuration: configuration)
    defer { Task { await loopback.stop() } }
    let _: RawMessage = try await loopback.client.unary(ControlService.unary, request: RawMessage("a"))
    #expect(loopback.server.connectionCount == 1)
    let end = ContinuousClock.now.advanced(by: .seconds(30))
    while loopback.server.connectionCount > 0, ContinuousClock.now < end {
      try await Task.sleep(for: .milliseconds(10))
    }
    #expect(loopback.server.connectionCount == 0)
    let r: RawMessage = try await loopback.client.unary(ControlService.unary, request: RawMessage("b"))
    #expect(r.text == "b")
  }

  @Test("an unreachable server fails fast with UNAVAILABLE, and is used once it is up")
  func reconnectBackoff() async throws {
    // Find a free port, then leave it closed.
    let probe = GRPCServer(configuration: .init(port: 0, threads: 1), router: ControlService.router())
    let port = try await probe.start()
    await probe.close()

    var configuration = HTTP2ClientTransport.Configuration(host: "127.0.0.1", port: port)
    configuration.backoff = .init(initial: .milliseconds(100), multiplier: 1.6, jitter: 0.2, maximum: .seconds(1))
    let transport = HTTP2ClientTransport(configuration: configuration)
    let client = RPCClient(transport: transport)
    let error = await #expect(throws: RPCError.self) {
      let _: RawMessage = try await client.unary(ControlService.unary, request: RawMessage("x"))
    }
    #expect(error?.code == .unavailable)
    #expect(error?.message == "cannot reach 127.0.0.1:\(port): connection refused")

    let server = GRPCServer(configuration: .init(port: port, threads: 1), router: ControlService.router())
    try await server.start()
    var answered = false
    let end = ContinuousClock.now.advanced(by: .seconds(5))
    while !answered, ContinuousClock.now < end {
      do {
        let _: RawMessage = try await client.unary(ControlService.unary, request: RawMessage("x"))
        answered = true
      } catch let error as RPCError where error.code == .unavailable {
        try await Task.sleep(for: .milliseconds(20))
      }
    }
    #expect(answered)
    await transport.close()
    await server.close()
  }

  @Test("an outbound call made while serving one inherits its deadline")
  func deadlinePropagation() async throws {
    let downstreamObserver = Observer()
    let downstream = try await Loopback.start(router: ControlService.router(observer: downstreamObserver))
    defer { Task { await downstream.stop() } }
    let downstreamClient = downstream.client
    var router = RPCRouter()
    router.registerUnary(ControlService.unary) { (request: RawMessage, _) -> RawMessage in
      try await downstreamClient.unary(ControlService.unary, request: request)
    }
    let upstream = try await Loopback.start(router: router)
    defer { Task { await upstream.stop() } }
    let start = ContinuousClock.now
    let _: RawMessage = try await upstream.client.unary(
      ControlService.unary, request: RawMessage("x"), options: CallOptions(timeout: .seconds(3)))
    let seen = try #require(downstreamObserver.deadlines.first ?? nil)
    // The downstream call carries the caller's 3 s, not the client's 30 s default.
    #expect(seen < start.advanced(by: .seconds(3)) + .milliseconds(50))
    #expect(seen > start.advanced(by: .seconds(2)))
  }

  @Test("a server interceptor can reject calls and pass values to handlers")
  func serverInterceptor() async throws {
    struct Caller: ContextAttributeKey { typealias Value = String }
    struct RequireToken: ServerInterceptor {
      func intercept<Result: Sendable>(
        context: ServerContext, next: @Sendable (ServerContext) async throws -> Result
      ) async throws -> Result {
        guard let token = context.requestMetadata.firstString(forKey: "authorization") else {
          throw RPCError(code: .unauthenticated, message: "missing token")
        }
        var context = context
        context.attributes[Caller.self] = token
        return try await next(context)
      }
    }
    var router = RPCRouter()
    router.registerUnary(ControlService.unary) { (_: RawMessage, context) -> RawMessage in
      RawMessage(context.attributes[Caller.self] ?? "nobody")
    }
    let loopback = try await Loopback.start(router: router, interceptors: [RequireToken()])
    defer { Task { await loopback.stop() } }
    let error = await #expect(throws: RPCError.self) {
      let _: RawMessage = try await loopback.client.unary(ControlService.unary, request: RawMessage("x"))
    }
    #expect(error?.code == .unauthenticated)
    let r: RawMessage = try await loopback.client.unary(
      ControlService.unary, request: RawMessage("x"), options: CallOptions(metadata: ["authorization": "alice"]))
    #expect(r.text == "alice")
  }

  @Test("a client interceptor can add metadata to every call")
  func clientInterceptor() async throws {
    struct AddToken: ClientInterceptor {
      func intercept<Result: Sendable>(
        descriptor: MethodDescriptor, options: CallOptions,
        next: @Sendable (CallOptions) async throws -> Result
      ) async throws -> Result {
        var options = options
        options.metadata.append("x-echo-token", "from-interceptor")
        return try await next(options)
      }
    }
    let loopback = try await Loopback.start()
    defer { Task { await loopback.stop() } }
    let client = RPCClient(transport: loopback.transport, interceptors: [AddToken()])
    let response: ClientResponse<RawMessage> = try await client.unaryWithMetadata(
      ControlService.unary, request: RawMessage("x"))
    #expect(response.initialMetadata.firstString(forKey: "x-echo-token") == "from-interceptor")
  }

  @Test("a port already in use fails start-up with a transport error")
  func bindFailure() async throws {
    let first = GRPCServer(configuration: .init(port: 0, threads: 1), router: ControlService.router())
    let port = try await first.start()
    defer { Task { await first.close() } }
    let second = GRPCServer(configuration: .init(port: port, threads: 1), router: ControlService.router())
    await #expect(throws: TransportError.self) { try await second.start() }
    await second.close()
  }
}
