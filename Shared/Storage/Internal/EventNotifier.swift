internal import Synchronization

/// Wakes tasks waiting for outbox events once a transaction that appended some has committed.
///
/// The worker calls ``publish(committed:)`` right after a successful COMMIT, so waiters learn of
/// new events without polling, and never of events from a transaction that rolled back. A
/// waiter also publishes the latest sequence it read from the table to seed the state; every
/// publish keeps the maximum, so the order of the two does not matter.
final class EventNotifier: Sendable {
  private struct Waiter {
    let after: Int64
    let continuation: CheckedContinuation<Int64, any Error>
  }

  private struct State {
    /// The greatest committed sequence known, or `nil` before anything was observed.
    var committed: Int64?
    var waiters: [UInt64: Waiter] = [:]
    var nextWaiterID: UInt64 = 0
    var isClosed = false
  }

  private let state = Mutex(State())

  /// The number of tasks suspended in ``wait(after:)``.
  var waiterCount: Int { state.withLock { $0.waiters.count } }

  /// The greatest committed sequence known so far, if any.
  var committed: Int64? { state.withLock { $0.committed } }

  /// Records a committed sequence (from a COMMIT, or read from the table) and resumes every
  /// waiter it satisfies.
  func publish(committed sequence: Int64) {
    let (latest, ready) = state.withLock { state in
      let latest = max(state.committed ?? 0, sequence)
      state.committed = latest
      var ready: [CheckedContinuation<Int64, any Error>] = []
      for (id, waiter) in state.waiters where waiter.after < latest {
        ready.append(waiter.continuation)
        state.waiters[id] = nil
      }
      return (latest, ready)
    }
    for continuation in ready { continuation.resume(returning: latest) }
  }

  /// Suspends until a sequence greater than `after` has been published.
  ///
  /// Requires ``committed`` to have been seeded, or a commit of an earlier sequence could be
  /// missed. Returns the latest committed sequence.
  ///
  /// - Throws: `CancellationError` as soon as the task is cancelled, or
  ///   ``DatabaseError`` when the database closes first.
  func wait(after: Int64) async throws -> Int64 {
    let id = state.withLock { state in
      defer { state.nextWaiterID += 1 }
      return state.nextWaiterID
    }
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        let immediate = state.withLock { state -> Result<Int64, any Error>? in
          if let committed = state.committed, committed > after { return .success(committed) }
          if state.isClosed { return .failure(DatabaseError.closed) }
          // Checked under the lock that `onCancel` also takes, so a cancellation is either
          // seen here or finds the waiter registered.
          if Task.isCancelled { return .failure(CancellationError()) }
          state.waiters[id] = Waiter(after: after, continuation: continuation)
          return nil
        }
        if let immediate { continuation.resume(with: immediate) }
      }
    } onCancel: {
      let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
      waiter?.continuation.resume(throwing: CancellationError())
    }
  }

  /// Fails every waiter, and every later wait that is not already satisfied.
  func close() {
    let waiters = state.withLock { state in
      state.isClosed = true
      defer { state.waiters = [:] }
      return Array(state.waiters.values)
    }
    for waiter in waiters { waiter.continuation.resume(throwing: DatabaseError.closed) }
  }
}
