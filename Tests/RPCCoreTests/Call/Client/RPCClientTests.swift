import Synchronization
import Testing

@testable import RPCCore

/// A transport that answers from a script, to test the client's own logic.
final class ScriptedTransport: ClientTransport {
  let attempts = Mutex<[(path: String, deadline: ContinuousClock.Instant?)]>([])
  let answers: Mutex<[Result<UnaryCallResult, RPCError>]>

  init(_ answers: [Result<UnaryCallResult, RPCError>]) { self.answers = Mutex(answers) }

  func unary(_ descriptor: MethodDescriptor, request: [UInt8], metadata: Metadata, deadline: ContinuousClock.Instant?)
    async throws -> UnaryCallResult
  {
    attempts.withLock { $0.append((descriptor.path, deadline)) }
    let next = answers.withLock { $0.isEmpty ? nil : $0.removeFirst() }
    guard let next else { throw RPCError(code: .internalError, message: "script exhausted") }
    return try next.get()
  }

  func openStream(_ descriptor: MethodDescriptor, metadata: Metadata, deadline: ContinuousClock.Instant?) async throws
    -> any ClientStreamCall
  {
    throw RPCError(code: .unimplemented, message: "not scripted")
  }

  func close() async {}
}

@Suite("The typed client's deadlines and retries")
struct RPCClientTests {
  static let idempotent = MethodDescriptor(service: "t.S", method: "Get", kind: .unary, isIdempotent: true)
  static let plain = MethodDescriptor(service: "t.S", method: "Set", kind: .unary)
  static let ok = UnaryCallResult(message: [7], initialMetadata: [:], trailingMetadata: [:])
  static let unavailable = RPCError(code: .unavailable, message: "down")

  @Test("an idempotent call is retried on UNAVAILABLE and succeeds")
  func retries() async throws {
    let transport = ScriptedTransport([.failure(Self.unavailable), .failure(Self.unavailable), .success(Self.ok)])
    let client = RPCClient(
      transport: transport, configuration: .init(retry: .init(maxAttempts: 3, initialBackoff: .milliseconds(1))))
    let response: Bytes = try await client.unary(Self.idempotent, request: Bytes([]))
    #expect(response.value == [7])
    #expect(transport.attempts.withLock { $0.count } == 3)
  }

  @Test("retries stop at the attempt limit")
  func retryLimit() async throws {
    let transport = ScriptedTransport(Array(repeating: .failure(Self.unavailable), count: 5))
    let client = RPCClient(
      transport: transport, configuration: .init(retry: .init(maxAttempts: 2, initialBackoff: .milliseconds(1))))
    await #expect(throws: RPCError.self) { let _: Bytes = try await client.unary(Self.idempotent, request: Bytes([])) }
    #expect(transport.attempts.withLock { $0.count } == 2)
  }

  @Test("a call not marked idempotent is tried once")
  func noRetry() async throws {
    let transport = ScriptedTransport([.failure(Self.unavailable), .success(Self.ok)])
    let client = RPCClient(transport: transport)
    await #expect(throws: RPCError.self) { let _: Bytes = try await client.unary(Self.plain, request: Bytes([])) }
    #expect(transport.attempts.withLock { $0.count } == 1)
  }

  @Test("every call gets a deadline: the caller's, else the client's default")
  func defaultDeadline() async throws {
    let transport = ScriptedTransport([.success(Self.ok), .success(Self.ok)])
    let client = RPCClient(transport: transport, configuration: .init(defaultTimeout: .seconds(30)))
    let before = ContinuousClock.now
    let _: Bytes = try await client.unary(Self.plain, request: Bytes([]))
    let _: Bytes = try await client.unary(Self.plain, request: Bytes([]), options: CallOptions(timeout: .seconds(2)))
    let deadlines = transport.attempts.withLock { $0.map(\.deadline) }
    let first = try #require(deadlines[0])
    let second = try #require(deadlines[1])
    #expect(first > before.advanced(by: .seconds(29)) && first < before.advanced(by: .seconds(31)))
    #expect(second < before.advanced(by: .seconds(3)))
  }

  @Test("a call made while serving another inherits the sooner deadline")
  func propagation() async throws {
    let transport = ScriptedTransport([.success(Self.ok)])
    let client = RPCClient(transport: transport)
    let inbound = ContinuousClock.now.advanced(by: .milliseconds(500))
    let _: Bytes = try await CallDeadline.$inbound.withValue(inbound) {
      try await client.unary(Self.plain, request: Bytes([]))
    }
    #expect(transport.attempts.withLock { $0[0].deadline } == inbound)
  }

  @Test("a retry is not attempted when its pause would pass the deadline")
  func retryWithinDeadline() async throws {
    let transport = ScriptedTransport([.failure(Self.unavailable), .success(Self.ok)])
    let client = RPCClient(
      transport: transport,
      configuration: .init(retry: .init(maxAttempts: 3, initialBackoff: .seconds(10), maxBackoff: .seconds(10))))
    // The deadline has passed by the time the first attempt fails: any pause overshoots it.
    await #expect(throws: RPCError.self) {
      let _: Bytes = try await client.unary(
        Self.idempotent, request: Bytes([]), options: CallOptions(timeout: .nanoseconds(1)))
    }
  }

  @Test("backoff grows exponentially up to its cap, with full jitter")
  func backoff() {
    let policy = RetryPolicy(
      maxAttempts: 10, initialBackoff: .milliseconds(100), maxBackoff: .seconds(1), multiplier: 2)
    for attempt in 1...8 {
      let ceiling = min(Double(100 << (attempt - 1)), 1000)
      for _ in 0..<50 {
        let pause = policy.backoff(afterAttempt: attempt)
        #expect(pause >= .zero)
        #expect(pause <= .milliseconds(Int64(ceiling)) + .nanoseconds(1))
      }
    }
  }
}
