public import Contracts
import Foundation
public import Logging
import RPCCore
import Synchronization

/// The gateway's short memory of answers it just gave: identical reads (the same path, query
/// and representation) within a few seconds share one backend call. It holds nothing durable
/// and never outlives a change: the gateway follows public-map's pin feed and forgets
/// everything at each event, and while that feed is not connected nothing is kept. An answer
/// computed across a change is not kept either (a generation counter).
public final class ResponseCache: Sendable {
  public struct Entry: Sendable {
    let bytes: [UInt8]
    let contentType: String
    let etag: String
    let expires: ContinuousClock.Instant
  }

  private struct State {
    var entries: [String: Entry] = [:]
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

  /// A kept answer for `key`, if fresh.
  func entry(_ key: String) -> Entry? {
    guard isEnabled else { return nil }
    let now = ContinuousClock.now
    return state.withLock { state in
      guard state.following, let entry = state.entries[key], entry.expires > now else { return nil }
      return entry
    }
  }

  /// The generation an answer is computed in (read before asking the backend).
  var generation: Int { state.withLock { $0.generation } }

  /// Keeps an answer computed in `generation`, unless the map changed since.
  func keep(_ key: String, bytes: [UInt8], contentType: String, etag: String, generation: Int) {
    guard isEnabled else { return }
    let expires = ContinuousClock.now.advanced(by: lifetime)
    state.withLock { state in
      guard state.following, state.generation == generation else { return }
      if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
      state.entries[key] = Entry(bytes: bytes, contentType: contentType, etag: etag, expires: expires)
    }
  }

  /// Forgets everything (the map changed, or the feed that says so was lost).
  func forget(following: Bool) {
    state.withLock { state in
      state.entries.removeAll(keepingCapacity: true)
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
