import Synchronization

/// The bounded hand-over between a feed's reader and its applier, so a follower applies in
/// one transaction everything that arrived while its previous transaction ran: one event at
/// a time when it is live, hundreds when it is catching up. The reader waits while the
/// buffer is full, so a follower far behind holds at most `capacity` events in memory.
final class FeedBuffer<Element: Sendable>: Sendable {
  private struct State {
    var elements: [Element] = []
    var finished = false
    var failure: (any Error)?
    var receiver: CheckedContinuation<Void, Never>?
    var senders: [CheckedContinuation<Void, Never>] = []
  }

  private let capacity: Int
  private let state = Mutex(State())

  init(capacity: Int) {
    precondition(capacity > 0)
    self.capacity = capacity
  }

  /// Adds one element, waiting while the buffer is full. Returns without adding once the
  /// buffer is finished (the applier has gone).
  func send(_ element: Element) async {
    while true {
      let added: Bool? = state.withLock { state in
        if state.finished { return true }
        guard state.elements.count < capacity else { return nil }
        state.elements.append(element)
        return false
      }
      if let added {
        if !added { wakeReceiver() }
        return
      }
      await withCheckedContinuation { continuation in
        let waitNow = state.withLock { state in
          guard !state.finished, state.elements.count >= capacity else { return false }
          state.senders.append(continuation)
          return true
        }
        if !waitNow { continuation.resume() }
      }
    }
  }

  /// Takes every element buffered (at least one), waiting for one if there are none. Returns
  /// an empty array once the buffer is finished and drained, and throws the failure it was
  /// finished with, after the elements sent before it.
  func receiveAll() async throws -> [Element] {
    while true {
      let taken: (elements: [Element], senders: [CheckedContinuation<Void, Never>])? = state.withLock { state in
        guard state.elements.isEmpty else {
          let elements = state.elements
          state.elements.removeAll(keepingCapacity: true)
          let senders = state.senders
          state.senders.removeAll()
          return (elements, senders)
        }
        return state.finished ? ([], []) : nil
      }
      if let taken {
        for sender in taken.senders { sender.resume() }
        if taken.elements.isEmpty, let failure = state.withLock({ $0.failure }) { throw failure }
        return taken.elements
      }
      await withCheckedContinuation { continuation in
        let waitNow = state.withLock { state in
          guard state.elements.isEmpty, !state.finished else { return false }
          state.receiver = continuation
          return true
        }
        if !waitNow { continuation.resume() }
      }
    }
  }

  /// Ends the buffer: the receiver gets what is buffered, then `failure` (or the end), and
  /// waiting senders return.
  func finish(throwing failure: (any Error)? = nil) {
    let (receiver, senders) = state.withLock { state in
      if !state.finished {
        state.finished = true
        state.failure = failure
      }
      let waiting = (state.receiver, state.senders)
      state.receiver = nil
      state.senders.removeAll()
      return waiting
    }
    receiver?.resume()
    for sender in senders { sender.resume() }
  }

  private func wakeReceiver() {
    state.withLock { state in
      let receiver = state.receiver
      state.receiver = nil
      return receiver
    }?.resume()
  }
}
