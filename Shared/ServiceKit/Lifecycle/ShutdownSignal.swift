import Synchronization

/// A one-way switch that long waits listen to, so shutdown can end them at once: event feed
/// streams parked waiting for the next event return instead of holding the drain open for
/// the whole grace period.
public final class ShutdownSignal: Sendable {
  private let state = Mutex<(fired: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

  public init() {}

  /// Whether ``fire()`` has been called.
  public var hasFired: Bool { state.withLock { $0.fired } }

  /// Wakes every waiter, now and later.
  public func fire() {
    let waiters = state.withLock { state in
      state.fired = true
      defer { state.waiters.removeAll() }
      return state.waiters
    }
    for waiter in waiters { waiter.resume() }
  }

  /// Returns once the signal has fired, or when the task is cancelled.
  public func wait() async {
    while !hasFired, !Task.isCancelled { await waitOnce() }
  }

  private func waitOnce() async {
    await withTaskCancellationHandler {
      await withCheckedContinuation { continuation in
        let now = state.withLock { state in
          if state.fired || Task.isCancelled { return true }
          state.waiters.append(continuation)
          return false
        }
        if now { continuation.resume() }
      }
    } onCancel: {
      // Wake everyone; waiters whose task was not cancelled see the signal unfired and wait again.
      let waiters = state.withLock { state in
        defer { state.waiters.removeAll() }
        return state.waiters
      }
      for waiter in waiters { waiter.resume() }
    }
  }
}
