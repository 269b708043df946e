import Synchronization

/// What must be true before a service reports SERVING: every gate a part of it opened (the
/// registry's verification keys learnt, say). Until then health says NOT_SERVING, so an
/// orchestrator's readiness probe keeps traffic away.
public final class Readiness: Sendable {
  private let state = Mutex<(closed: Set<String>, waiters: [CheckedContinuation<Void, Never>])>(([], []))

  public init() {}

  /// A gate that keeps the service not ready until ``Gate/open()``.
  public func gate(_ name: String) -> Gate {
    state.withLock { _ = $0.closed.insert(name) }
    return Gate(name: name, readiness: self)
  }

  /// Whether every gate is open.
  public var isReady: Bool { state.withLock { $0.closed.isEmpty } }

  /// Returns once every gate is open (or the task is cancelled).
  public func waitUntilReady() async {
    while !isReady, !Task.isCancelled {
      await withTaskCancellationHandler {
        await withCheckedContinuation { continuation in
          let now = state.withLock { state in
            if state.closed.isEmpty || Task.isCancelled { return true }
            state.waiters.append(continuation)
            return false
          }
          if now { continuation.resume() }
        }
      } onCancel: {
        self.wakeAll()
      }
    }
  }

  fileprivate func open(_ name: String) {
    state.withLock { _ = $0.closed.remove(name) }
    wakeAll()
  }

  private func wakeAll() {
    let waiters = state.withLock { state in
      defer { state.waiters.removeAll() }
      return state.waiters
    }
    for waiter in waiters { waiter.resume() }
  }

  /// One condition of readiness.
  public struct Gate: Sendable {
    public let name: String
    let readiness: Readiness

    /// Marks the condition met.
    public func open() { readiness.open(name) }
  }
}
