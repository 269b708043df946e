internal import Synchronization

#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Musl)
  internal import Musl
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// Work that runs on a ``Worker`` thread.
protocol WorkerJob: AnyObject, Sendable {
  func run()
  /// The job as a transaction that may share its BEGIN…COMMIT with its neighbours, if it is one.
  var groupable: (any GroupableJob)? { get }
}

extension WorkerJob {
  var groupable: (any GroupableJob)? { nil }
}

/// A transaction that may run together with the transactions of the same kind queued right
/// after it. Reads share one snapshot; writes commit together (group commit), each in its
/// own savepoint, so one that throws takes back only its own work, and every caller learns
/// its outcome only once the shared COMMIT has succeeded.
protocol GroupableJob: WorkerJob {
  /// Whether the job writes; only jobs of the same kind are grouped.
  var isWrite: Bool { get }
  /// Takes the job for a group; `false` when its caller cancelled it first.
  func claim() -> Bool
  /// Runs a claimed job on its own, in its own transaction.
  func runClaimed()
  /// Runs the job's body inside the group's transaction, keeping the outcome for ``finish``;
  /// returns whether the body succeeded.
  func perform(in connection: Connection) -> Bool
  /// Resumes the caller with the kept outcome, or with `error` when the group did not commit.
  func finish(failingWith error: (any Error)?)
  /// Runs `members` (this job among them, all of its kind) as one group on its connection.
  func runGroup(_ members: [any GroupableJob])
}

/// One dedicated thread that runs a database's jobs one after another, in submission order.
///
/// SQLite calls block (disk I/O, fsync, busy waits), so they never run on a caller's thread:
/// an async caller may be on a SwiftNIO event loop or a cooperative pool thread. The queue is
/// guarded by a mutex and a condition variable; the thread drains everything queued back to
/// back and sleeps on the condition variable only when the queue is empty.
///
/// Before sleeping it watches the queue for a short ``spinWindow``, yielding the CPU between
/// looks. Waking a sleeping thread costs tens of microseconds on a small virtual machine,
/// several times the cost of a transaction, and a service's next transaction usually arrives
/// within that window (the same caller awaiting its next step, or the next request); the
/// window bounds what an idle database spends, to once per burst.
final class Worker: @unchecked Sendable {
  /// How long the thread keeps looking for work before it sleeps.
  static let spinWindow: Duration = .microseconds(50)

  private let mutex: UnsafeMutablePointer<pthread_mutex_t>
  private let condition: UnsafeMutablePointer<pthread_cond_t>
  /// Whether the queue holds jobs or a stop is requested; set under `mutex`, read without it
  /// while spinning.
  private let hasWork = Atomic<Bool>(false)
  // Guarded by `mutex`.
  private var queue: [any WorkerJob] = []
  private var isStopping = false
  private var isStopped = false
  private var stopWaiters: [@Sendable () -> Void] = []

  /// Starts the thread.
  init() {
    mutex = .allocate(capacity: 1)
    condition = .allocate(capacity: 1)
    pthread_mutex_init(mutex, nil)
    pthread_cond_init(condition, nil)

    // The thread keeps the worker alive until its loop ends.
    let context = Unmanaged.passRetained(self).toOpaque()
    #if canImport(Darwin)
      var thread: pthread_t?
    #else
      var thread = pthread_t()
    #endif
    let code = pthread_create(
      &thread,
      nil,
      { context in
        #if canImport(Darwin)
          Unmanaged<Worker>.fromOpaque(context).takeRetainedValue().runLoop()
        #else
          Unmanaged<Worker>.fromOpaque(context!).takeRetainedValue().runLoop()
        #endif
        return nil
      },
      context
    )
    precondition(code == 0, "cannot start the database worker thread (error \(code))")
    #if canImport(Darwin)
      pthread_detach(thread!)
    #else
      pthread_detach(thread)
    #endif
  }

  deinit {
    pthread_cond_destroy(condition)
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
    condition.deallocate()
  }

  /// Queues a job.
  ///
  /// - Returns: `false` when the worker is stopping; the job was not queued.
  func submit(_ job: any WorkerJob) -> Bool {
    pthread_mutex_lock(mutex)
    guard !isStopping else {
      pthread_mutex_unlock(mutex)
      return false
    }
    queue.append(job)
    hasWork.store(true, ordering: .relaxed)
    pthread_mutex_unlock(mutex)
    pthread_cond_signal(condition)
    return true
  }

  /// The number of jobs queued and not yet taken by the thread.
  var queuedCount: Int {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    return queue.count
  }

  /// Refuses further jobs, runs the ones already queued, then `last`, then ends the thread.
  /// `onStopped` runs (on the worker thread, or right away if the worker had already stopped)
  /// once all of that is done. Calling it again only adds another `onStopped`.
  func stop(finally last: (any WorkerJob)?, onStopped: (@Sendable () -> Void)? = nil) {
    pthread_mutex_lock(mutex)
    if isStopped {
      pthread_mutex_unlock(mutex)
      onStopped?()
      return
    }
    if let onStopped { stopWaiters.append(onStopped) }
    if !isStopping {
      isStopping = true
      if let last { queue.append(last) }
      hasWork.store(true, ordering: .relaxed)
    }
    pthread_mutex_unlock(mutex)
    pthread_cond_signal(condition)
  }

  private func runLoop() {
    var batch: [any WorkerJob] = []
    while true {
      spinBriefly()
      pthread_mutex_lock(mutex)
      while queue.isEmpty && !isStopping {
        pthread_cond_wait(condition, mutex)
      }
      if queue.isEmpty {  // stopping, and everything queued has run
        isStopped = true
        let waiters = stopWaiters
        stopWaiters = []
        pthread_mutex_unlock(mutex)
        for waiter in waiters { waiter() }
        return
      }
      swap(&batch, &queue)
      hasWork.store(isStopping, ordering: .relaxed)
      pthread_mutex_unlock(mutex)
      runBatch(batch)
      batch.removeAll(keepingCapacity: true)
    }
  }

  /// The most transactions run together; bounds how long the first of them waits for COMMIT.
  static let maximumGroup = 128

  /// Runs jobs in order, running consecutive transactions of the same kind together.
  private func runBatch(_ batch: [any WorkerJob]) {
    var index = 0
    while index < batch.count {
      guard let first = batch[index].groupable else {
        batch[index].run()
        index += 1
        continue
      }
      var group: [any GroupableJob] = []
      while index < batch.count, group.count < Self.maximumGroup, let job = batch[index].groupable,
        job.isWrite == first.isWrite
      {
        if job.claim() { group.append(job) }
        index += 1
      }
      if group.count == 1 {
        group[0].runClaimed()
      } else if let leader = group.first {
        leader.runGroup(group)
      }
    }
  }

  /// Returns as soon as work is queued, or after ``spinWindow`` without any.
  private func spinBriefly() {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: Self.spinWindow)
    while !hasWork.load(ordering: .relaxed) && clock.now < deadline {
      sched_yield()
    }
  }
}
