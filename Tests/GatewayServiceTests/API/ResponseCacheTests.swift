import NIOCore
import Synchronization
import Testing

@testable import GatewayService

/// How many times a computation ran.
final class CallCount: Sendable {
  private let count = Mutex(0)
  func increment() { count.withLock { $0 += 1 } }
  var value: Int { count.withLock { $0 } }
}

@Suite("Response cache")
struct ResponseCacheTests {
  /// A computation that counts its calls and takes a while, as a backend call does.
  static func slowAnswer(_ calls: CallCount, text: String = "answer") async throws -> (
    body: ByteBuffer, contentType: String, etag: String
  ) {
    calls.increment()
    try await Task.sleep(for: .milliseconds(200))
    return (ByteBuffer(string: text), "application/json", "\"\(text)\"")
  }

  @Test("identical reads that miss together share one backend call; the next finds it kept")
  func missesShareOneComputation() async throws {
    let cache = ResponseCache(lifetime: .seconds(60))
    cache.forget(following: true)
    let calls = CallCount()
    let bodies = try await withThrowingTaskGroup(of: String.self) { group in
      for _ in 0..<20 {
        group.addTask {
          let entry = try await cache.answer("/api/v1/statistics|") { try await Self.slowAnswer(calls) }
          return String(buffer: entry.body)
        }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(bodies == Array(repeating: "answer", count: 20))
    #expect(calls.value == 1)
    _ = try await cache.answer("/api/v1/statistics|") { try await Self.slowAnswer(calls) }
    #expect(calls.value == 1)
    _ = try await cache.answer("/api/v1/schools|") { try await Self.slowAnswer(calls) }
    #expect(calls.value == 2, "another read is another call")
  }

  @Test("a failure reaches every request that waited for it, and is not kept")
  func failuresAreShared() async throws {
    struct BackendDown: Error {}
    let cache = ResponseCache(lifetime: .seconds(60))
    cache.forget(following: true)
    let calls = CallCount()
    let failures = await withTaskGroup(of: Bool.self) { group in
      for _ in 0..<5 {
        group.addTask {
          do {
            _ = try await cache.answer("k") {
              calls.increment()
              try await Task.sleep(for: .milliseconds(200))
              throw BackendDown()
            }
            return false
          } catch { return error is BackendDown }
        }
      }
      return await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
    }
    #expect(failures == 5)
    #expect(calls.value == 1)
    _ = try await cache.answer("k") { try await Self.slowAnswer(calls) }
    #expect(calls.value == 2)
  }

  @Test("a request arriving after a change does not get an answer computed before it")
  func changesEndSharing() async throws {
    let cache = ResponseCache(lifetime: .seconds(60))
    cache.forget(following: true)
    let calls = CallCount()
    let before = Task { try await cache.answer("k") { try await Self.slowAnswer(calls, text: "old") } }
    try await Task.sleep(for: .milliseconds(50))
    cache.forget(following: true)  // a pin changed while "old" was being computed
    let after = try await cache.answer("k") { try await Self.slowAnswer(calls, text: "new") }
    #expect(String(buffer: after.body) == "new")
    #expect(String(buffer: try await before.value.body) == "old")
    let kept = try await cache.answer("k") { try await Self.slowAnswer(calls, text: "newer") }
    #expect(String(buffer: kept.body) == "new", "the answer from after the change is the one kept")
  }

  @Test("a request that joins a computation just as it finishes still gets the answer (none is left waiting)")
  func lateJoinersAreAnswered() async throws {
    let cache = ResponseCache(lifetime: .seconds(60))
    cache.forget(following: true)
    let finished = try await withThrowingTaskGroup(of: Bool.self) { race in
      race.addTask {
        for round in 0..<500 {
          try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
              group.addTask {
                _ = try await cache.answer("k\(round)") {
                  await Task.yield()
                  return (ByteBuffer(string: "\(round)"), "application/json", "\"\(round)\"")
                }
              }
            }
            try await group.waitForAll()
          }
        }
        return true
      }
      race.addTask {
        try await Task.sleep(for: .seconds(60))
        return false
      }
      defer { race.cancelAll() }
      return try await race.next() ?? false
    }
    #expect(finished, "a request was left waiting for a computation that had finished")
  }

  @Test("without the pin feed nothing is kept or shared")
  func notFollowingKeepsNothing() async throws {
    let cache = ResponseCache(lifetime: .seconds(60))
    let calls = CallCount()
    _ = try await cache.answer("k") { try await Self.slowAnswer(calls) }
    _ = try await cache.answer("k") { try await Self.slowAnswer(calls) }
    #expect(calls.value == 2)
  }
}
