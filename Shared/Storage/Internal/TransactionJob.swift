internal import Synchronization

/// One `read` or `write` call on its way to the worker, and back to its caller.
///
/// The state machine makes cancellation safe: a job cancelled before the worker picks it up
/// never runs and its caller is resumed at once with `CancellationError`; a job the worker has
/// started always runs to the end of its transaction (commit or rollback), and its caller gets
/// that outcome. Exactly one party resumes the continuation.
final class TransactionJob<Value: Sendable>: WorkerJob, @unchecked Sendable {
  private enum State: UInt8, AtomicRepresentable {
    case created  // not yet handed to the worker
    case queued  // in the worker's queue, continuation set
    case running  // claimed by the worker
    case cancelled  // claimed by cancellation (or by a worker that refused it)
  }

  private let state = Atomic<State>(.created)
  private let connection: SQLiteConnection
  private let kind: SQLiteConnection.TransactionKind
  private let body: @Sendable (Connection) throws -> Value
  // Written once by `enqueue` before the job becomes `.queued`; read only by whoever then
  // claims the job, which the atomic exchange orders after the write.
  private var continuation: UnsafeContinuation<Value, any Error>?

  init(
    connection: SQLiteConnection,
    kind: SQLiteConnection.TransactionKind,
    body: @escaping @Sendable (Connection) throws -> Value
  ) {
    self.connection = connection
    self.kind = kind
    self.body = body
  }

  /// Hands the job to `worker`, or resumes `continuation` right away when the job was already
  /// cancelled or the worker has stopped.
  func enqueue(on worker: Worker, continuation: UnsafeContinuation<Value, any Error>) {
    self.continuation = continuation
    guard transition(from: .created, to: .queued) else {
      continuation.resume(throwing: CancellationError())
      return
    }
    guard worker.submit(self) else {
      // The worker stopped. Claim the job unless cancellation claimed it first.
      if transition(from: .queued, to: .cancelled) {
        continuation.resume(throwing: DatabaseError.closed)
      }
      return
    }
  }

  /// Called when the awaiting task is cancelled.
  func cancel() {
    if transition(from: .created, to: .cancelled) {
      return  // `enqueue` will see it and resume the caller
    }
    if transition(from: .queued, to: .cancelled) {
      continuation?.resume(throwing: CancellationError())
    }
    // Running: the transaction finishes as a whole and the caller gets its outcome.
  }

  func run() {
    guard transition(from: .queued, to: .running) else { return }
    let result = Result { try connection.transaction(kind, body) }
    continuation?.resume(with: result)
  }

  // Group commit (see `SQLiteConnection.writeGroup`). Only the worker thread touches
  // `pending`, between `perform` and `finish`.
  private var pending: Result<Value, any Error>?

  var groupable: (any GroupableJob)? { self }
}

extension TransactionJob: GroupableJob {
  var isWrite: Bool { kind == .write }

  func claim() -> Bool { transition(from: .queued, to: .running) }

  func runClaimed() {
    continuation?.resume(with: Result { try connection.transaction(kind, body) })
  }

  func perform(in connection: Connection) -> Bool {
    let result = Result { try body(connection) }
    pending = result
    if case .success = result { return true }
    return false
  }

  func finish(failingWith error: (any Error)?) {
    let result = error.map { Result<Value, any Error>.failure($0) } ?? pending ?? .failure(DatabaseError.closed)
    pending = nil
    continuation?.resume(with: result)
  }

  func runGroup(_ members: [any GroupableJob]) {
    if isWrite { connection.writeGroup(members) } else { connection.readGroup(members) }
  }

  /// Claims the job by moving it from one state to another; only one party can win.
  private func transition(from current: State, to next: State) -> Bool {
    state.compareExchange(expected: current, desired: next, ordering: .acquiringAndReleasing)
      .exchanged
  }
}
