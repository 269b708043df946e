public import Contracts
import Foundation
public import Logging
import NIOCore
import RPCCore
import Synchronization

/// The gateway's short memory of answers it just gave: identical reads (the same path, query
/// and representation) within a few seconds share one backend call. It holds nothing durable
/// and never outlives a change: the gateway follows public-map's pin feed and forgets
/// everything at each event, and while that feed is not connected nothing is kept. An answer
/// computed across a change is not kept either (a generation counter).
///
/// Identical reads that miss together share one computation too: when an answer expires under
/// load, the first request asks the backend and the others wait for its answer, instead of
/// every open connection asking at once.
public final class ResponseCache: Sendable {
  public struct Entry: Sendable {
    /// The body, shared by every response that sends it (a `ByteBuffer` is copied on write).
    let body: ByteBuffer
    let contentType: String
    let etag: String
    let expires: ContinuousClock.Instant
  }

  /// One request computing an answer, and the requests waiting for it. A request that found
  /// the flight just before it settled still gets the answer: it is kept here once settled.
  private final class Flight: Sendable {
    private let state = Mutex<(waiters: [CheckedContinuation<Entry, any Error>], result: Result<Entry, any Error>?)>(
      ([], nil))

    func wait() async throws -> Entry {
      try await withCheckedThrowingContinuation { continuation in
        let settled = state.withLock { state -> Result<Entry, any Error>? in
          if state.result == nil { state.waiters.append(continuation) }
          return state.result
        }
        if let settled { continuation.resume(with: settled) }
      }
    }

    func settle(_ result: Result<Entry, any Error>) {
      let waiters = state.withLock { state in
        state.result = result
        defer { state.waiters.removeAll() }
        return state.waiters
      }
      for waiter in waiters { waiter.resume(with: result) }
    }
  }

  private struct State {
    var entries: [String: Entry] = [:]
    var flights: [String: Flight] = [:]
    var generation = 0
    var following = false
  }

  private let state = Mutex(State())
  let lifetime: Duration
  let capacity: Int

  /// - Parameter lifetime: how long an answer is kept at most (zero keeps nothing).
  public init(lifetime: Duration, capacity: Int = 2000) {
    self.lifetime = lifetime
    self.capacity = capacity
  }

  var isEnabled: Bool { lifetime > .zero }

  /// The answer for `key`: kept, being computed by another request (then awaited), or
  /// computed now by `compute` (a body, its content type and ETag) and kept.
  func answer(
    _ key: String, compute: () async throws -> (body: ByteBuffer, contentType: String, etag: String)
  ) async throws -> Entry {
    enum Next {
      case kept(Entry)
      case wait(Flight)
      case lead(Flight?, generation: Int)
    }
    let now = ContinuousClock.now
    let next = state.withLock { state -> Next in
      if state.following, let entry = state.entries[key], entry.expires > now { return .kept(entry) }
      // Without the pin feed nothing may be kept or shared: each request asks the backend.
      guard state.following else { return .lead(nil, generation: state.generation) }
      if let flight = state.flights[key] { return .wait(flight) }
      let flight = Flight()
      state.flights[key] = flight
      return .lead(flight, generation: state.generation)
    }
    switch next {
    case .kept(let entry):
      return entry
    case .wait(let flight):
      return try await flight.wait()
    case .lead(let flight, let generation):
      let result: Result<Entry, any Error>
      do {
        let computed = try await compute()
        result = .success(
          Entry(
            body: computed.body, contentType: computed.contentType, etag: computed.etag,
            expires: ContinuousClock.now.advanced(by: lifetime)))
      } catch {
        result = .failure(error)
      }
      state.withLock { state in
        if let flight, state.flights[key] === flight { state.flights[key] = nil }
        if case .success(let entry) = result, state.following, state.generation == generation {
          if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
          state.entries[key] = entry
        }
      }
      flight?.settle(result)
      return try result.get()
    }
  }

  /// Forgets everything (the map changed, or the feed that says so was lost).
  func forget(following: Bool) {
    state.withLock { state in
      state.entries.removeAll(keepingCapacity: true)
      // Requests arriving after a change do not join answers computed before it.
      state.flights.removeAll()
      state.generation += 1
      state.following = following
    }
  }

  /// Follows public-map's pin feed from its head until cancelled, forgetting every kept answer
  /// at each change; reconnects after a second when the feed is lost.
  public func follow(_ publicMap: PublicMap.Client, logger: Logger) async {
    guard isEnabled else { return }
    while !Task.isCancelled {
      do {
        try await publicMap.streamEvents(.init(fromHead: true), options: CallOptions(timeout: .seconds(3600))) {
          events in
          self.forget(following: true)
          for try await _ in events { self.forget(following: true) }
        }
      } catch {
        logger.debug("pin feed for the response cache interrupted", metadata: ["error": "\(error)"])
      }
      forget(following: false)
      try? await Task.sleep(for: .seconds(1))
    }
  }
}
