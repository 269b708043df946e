import Synchronization

/// The awaited operation did not finish before its deadline.
struct DeadlineExceeded: Error, CustomStringConvertible {
  let limit: Duration
  var description: String { "did not finish within \(limit)" }
}

/// Runs `operation`, failing with ``DeadlineExceeded`` if it takes longer than `limit`.
///
/// A guard against a test hanging forever when the behaviour under test is broken; it never
/// serves as synchronisation. On expiry the operation is cancelled but not awaited, so even an
/// operation that ignores cancellation cannot hang the test.
func withDeadline<T: Sendable>(
  _ limit: Duration = .seconds(30),
  _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
  let race = Race<T>()
  return try await withCheckedThrowingContinuation { continuation in
    race.start(
      continuation,
      work: Task {
        do { race.finish(.success(try await operation()), winner: .work) } catch {
          race.finish(.failure(error), winner: .work)
        }
      },
      timer: Task {
        guard (try? await Task.sleep(for: limit)) != nil else { return }
        race.finish(.failure(DeadlineExceeded(limit: limit)), winner: .timer)
      }
    )
  }
}

/// The operation and the timer of ``withDeadline(_:_:)``: the first to finish resumes the
/// caller and cancels the other.
private final class Race<T: Sendable>: Sendable {
  enum Runner { case work, timer }

  private struct State {
    var continuation: CheckedContinuation<T, any Error>?
    var result: Result<T, any Error>?
    var work: Task<Void, Never>?
    var timer: Task<Void, Never>?
  }

  private let state = Mutex(State())

  func start(
    _ continuation: CheckedContinuation<T, any Error>,
    work: Task<Void, Never>,
    timer: Task<Void, Never>
  ) {
    let finished = state.withLock { state -> Result<T, any Error>? in
      state.work = work
      state.timer = timer
      if let result = state.result { return result }
      state.continuation = continuation
      return nil
    }
    if let finished {
      work.cancel()
      timer.cancel()
      continuation.resume(with: finished)
    }
  }

  func finish(_ result: Result<T, any Error>, winner: Runner) {
    let (continuation, loser) = state.withLock { state in
      guard state.result == nil else {
        return (nil, nil) as (CheckedContinuation<T, any Error>?, Task<Void, Never>?)
      }
      state.result = result
      defer { state.continuation = nil }
      return (state.continuation, winner == .work ? state.timer : state.work)
    }
    loser?.cancel()
    continuation?.resume(with: result)
  }
}
