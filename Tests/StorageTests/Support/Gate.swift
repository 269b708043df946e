import Foundation

/// A one-shot gate that blocks a thread until opened, used to hold a transaction open on the
/// database's worker thread while a test arranges what happens around it.
final class Gate: @unchecked Sendable {
  private let condition = NSCondition()
  private var isOpen = false

  /// Blocks the calling thread until ``open()`` is called.
  func wait() {
    condition.lock()
    while !isOpen { condition.wait() }
    condition.unlock()
  }

  func open() {
    condition.lock()
    isOpen = true
    condition.broadcast()
    condition.unlock()
  }
}

/// A one-shot signal from a worker-thread closure to an awaiting test.
struct Signal: Sendable {
  private let stream: AsyncStream<Void>
  private let continuation: AsyncStream<Void>.Continuation

  init() {
    (stream, continuation) = AsyncStream.makeStream(of: Void.self)
  }

  func fire() {
    continuation.yield()
    continuation.finish()
  }

  func wait() async {
    for await _ in stream { return }
  }
}
