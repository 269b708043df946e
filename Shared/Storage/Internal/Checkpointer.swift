internal import CSQLite
internal import Dispatch
internal import Synchronization

/// Copies the write-ahead log back into the database file on its own thread and connection,
/// so that the writer never waits for it.
///
/// SQLite's default checkpoints run inside a COMMIT once the log passes 1,000 pages: the
/// committing transaction (and every caller queued behind it on the database's worker) waits
/// while pages are copied and the file is synced. Here the main connection's WAL hook only
/// notices that the log has grown and wakes this checkpointer, which runs a PASSIVE
/// checkpoint: it copies what no reader still needs without taking the write lock, and the
/// writer starts the log over once a checkpoint has copied everything.
///
/// Background checkpoints happen only while ``run()`` runs (a service runs it as one of its
/// lifecycle tasks, and stops it before closing the store); without it, the writer's own
/// checkpoint past ``writerCheckpointPages`` still bounds the log.
final class Checkpointer: @unchecked Sendable {
  /// Log size, in pages, at which a checkpoint is started.
  static let thresholdPages: Int32 = 1000
  /// Log size at which the writer checkpoints itself, inside its commit, as SQLite would: a
  /// background checkpoint only completes (and lets the log start over) when it catches up,
  /// which a writer that never pauses does not allow. This bounds the log (about 16 MB).
  static let writerCheckpointPages: Int32 = 4000

  private let worker = Worker()
  // Touched only by jobs on `worker` (and by `init`/`close`, which run when no job can).
  private var handle: OpaquePointer?
  /// Whether a checkpoint is queued or running; the WAL hook queues one only when not.
  private let pending = Atomic<Bool>(false)
  /// Whether ``run()`` is running, so background checkpoints are wanted.
  private let running = Atomic<Bool>(false)
  /// Checkpoints completed (for statistics and tests).
  let completed = Atomic<Int>(0)
  /// Time spent checkpointing, in nanoseconds (for metrics).
  let busyNanoseconds = Atomic<Int>(0)

  /// Opens a second connection to the database at `path`.
  init?(path: String) {
    var opened: OpaquePointer?
    let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
    guard sqlite3_open_v2(path, &opened, flags, nil) == SQLITE_OK, let opened else {
      sqlite3_close_v2(opened)
      return nil
    }
    handle = opened
  }

  /// Called from the main connection's WAL hook after each commit, on the writer's thread.
  func logGrew(to pages: Int32, writer: OpaquePointer?) {
    if pages >= Self.writerCheckpointPages {
      let code = sqlite3_wal_checkpoint_v2(writer, "main", SQLITE_CHECKPOINT_PASSIVE, nil, nil)
      if code == SQLITE_OK { completed.add(1, ordering: .relaxed) }
      return
    }
    guard pages >= Self.thresholdPages, running.load(ordering: .relaxed),
      pending.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
    else { return }
    if !worker.submit(CheckpointJob(self)) { pending.store(false, ordering: .releasing) }
  }

  fileprivate func checkpoint() {
    defer { pending.store(false, ordering: .releasing) }
    guard let handle else { return }
    var logPages: Int32 = 0
    var copiedPages: Int32 = 0
    let start = ContinuousClock.now
    let code = sqlite3_wal_checkpoint_v2(handle, "main", SQLITE_CHECKPOINT_PASSIVE, &logPages, &copiedPages)
    let (seconds, attoseconds) = (ContinuousClock.now - start).components
    busyNanoseconds.add(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000), ordering: .relaxed)
    if code == SQLITE_OK { completed.add(1, ordering: .relaxed) }
    // SQLITE_BUSY and friends: the next commit past the threshold tries again.
  }

  /// Checkpoints in the background until the task is cancelled, then waits for a checkpoint
  /// that is running to finish.
  func run() async {
    guard running.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else {
      return
    }
    let (cancelled, continuation) = AsyncStream<Void>.makeStream()
    await withTaskCancellationHandler {
      for await _ in cancelled {}
    } onCancel: {
      continuation.finish()
    }
    running.store(false, ordering: .releasing)
    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
      // Jobs run in order: this one runs after any checkpoint already queued.
      if !worker.submit(BarrierJob { done.resume() }) { done.resume() }
    }
  }

  /// Waits for a running checkpoint, then closes the second connection and the thread.
  func close() {
    let stopped = DispatchSemaphore(value: 0)
    worker.stop(finally: CloseCheckpointerJob(self)) { stopped.signal() }
    stopped.wait()
  }

  fileprivate func closeConnection() {
    sqlite3_close_v2(handle)
    handle = nil
  }
}

private final class CheckpointJob: WorkerJob, @unchecked Sendable {
  let checkpointer: Checkpointer
  init(_ checkpointer: Checkpointer) { self.checkpointer = checkpointer }
  func run() { checkpointer.checkpoint() }
}

private final class BarrierJob: WorkerJob, @unchecked Sendable {
  let body: @Sendable () -> Void
  init(_ body: @escaping @Sendable () -> Void) { self.body = body }
  func run() { body() }
}

private final class CloseCheckpointerJob: WorkerJob, @unchecked Sendable {
  let checkpointer: Checkpointer
  init(_ checkpointer: Checkpointer) { self.checkpointer = checkpointer }
  func run() { checkpointer.closeConnection() }
}
