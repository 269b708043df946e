internal import Synchronization

/// A service's SQLite database: one connection, one worker thread, async transactions.
///
/// Open one `Database` per file per process, at start-up, and share it (it is `Sendable`).
/// All access goes through ``read(_:)`` and ``write(_:)``, each of which runs its closure as one
/// transaction on the database's own worker thread, never on the caller's thread: callers may
/// be SwiftNIO event loops, which must not block on disk I/O. Transactions run one at a time, in
/// the order they were submitted, so a closure never observes another's uncommitted work.
/// Writes that queue up while another runs commit together, each in its own savepoint (group
/// commit): the cost of a COMMIT is shared, and each caller still gets its own outcome.
///
/// At open the connection is configured for a service: write-ahead logging (`journal_mode=WAL`,
/// checked to read back `wal` for files), enforced foreign keys (`foreign_keys=ON`, checked to
/// read back 1), `synchronous=NORMAL` (durable across application crashes; a power loss may
/// lose the last transactions but never corrupts), a page cache and a busy timeout. The write-ahead log is
/// copied back into the file by a second connection on its own thread (a `Checkpointer`), so
/// no transaction waits for a checkpoint.
///
/// ```swift
/// let database = try Database(path: "data/registry.sqlite")
/// try await database.migrate(migrator)
/// let id = try await database.write { db in
///   try db.execute(sql: "INSERT INTO school (name) VALUES (?)", arguments: [name])
///   return db.lastInsertedRowID
/// }
/// ```
public final class Database: Sendable {
  /// Settings applied when the database opens.
  public struct Configuration: Sendable, Hashable {
    /// How long a statement waits for a lock held by another process before failing with
    /// ``DatabaseError/isBusy``. Default: 5 seconds. Rounded down to whole milliseconds.
    public var busyTimeout: Duration
    /// The most memory SQLite keeps of the file's pages between statements. Default: SQLite's
    /// own, 2,000 KiB, which keeps a small service small; a store whose every write reads
    /// more than that (records read whole, counts over many rows) asks for more, or each
    /// query past it reads its pages from the kernel again.
    public var pageCacheBytes: Int

    /// SQLite's default page cache, 2,000 KiB.
    public static let defaultPageCacheBytes = 2000 * 1024

    public init(busyTimeout: Duration = .milliseconds(5000), pageCacheBytes: Int = defaultPageCacheBytes) {
      self.busyTimeout = busyTimeout
      self.pageCacheBytes = pageCacheBytes
    }

    /// The defaults: a 5 second busy timeout and SQLite's 2,000 KiB page cache.
    public static var defaults: Configuration { Configuration() }
  }

  /// The path given at open: a file path, `":memory:"`, or `""` for a temporary database.
  public let path: String
  private let connection: SQLiteConnection
  private let worker: Worker
  let notifier: EventNotifier

  /// Opens (creating if needed) the database at `path` and configures its connection.
  ///
  /// Opening blocks the calling thread for the file system work, so do it at start-up, before
  /// serving. `":memory:"` opens a private in-memory database, which tests use for a fresh
  /// schema in milliseconds; it does not use WAL, since WAL needs a file.
  ///
  /// - Parameters:
  ///   - path: The database file, `":memory:"`, or `""` for a private temporary file.
  ///   - configuration: Connection settings; see ``Configuration``.
  /// - Throws: ``DatabaseError`` when the file cannot be opened (``DatabaseError/Code/cannotOpen``),
  ///   is not a database (``DatabaseError/Code/notADatabase``), is already open in this process
  ///   (``DatabaseError/Code/misuse``), or a setting cannot be applied.
  public init(path: String, configuration: Configuration = .defaults) throws(DatabaseError) {
    let (seconds, attoseconds) = configuration.busyTimeout.components
    let limit = Int64(Int32.max)
    let milliseconds = max(
      0,
      min(limit, min(seconds, limit) * 1000 + attoseconds / 1_000_000_000_000_000)
    )
    let notifier = EventNotifier()
    self.connection = try SQLiteConnection(
      path: path,
      busyTimeoutMilliseconds: Int32(milliseconds),
      pageCacheKiB: max(0, configuration.pageCacheBytes / 1024),
      notifier: notifier
    )
    self.path = path
    self.notifier = notifier
    self.worker = Worker()
  }

  deinit {
    worker.stop(finally: CloseJob(connection: connection, notifier: notifier))
  }

  /// Runs `body` in a read transaction (`BEGIN DEFERRED … COMMIT`) and returns its result.
  ///
  /// The closure sees one consistent snapshot of the database. Statements that would write
  /// fail with ``DatabaseError/Code/readOnly``; SQLite counts every `PRAGMA` statement as one
  /// that may write, so read settings in a write transaction.
  ///
  /// - Parameter body: Runs on the database's worker thread; the ``Connection`` it receives is
  ///   valid only until it returns.
  /// - Throws: Whatever `body` throws; ``DatabaseError`` when the transaction cannot begin or
  ///   commit or the database is closed; `CancellationError` when the task is cancelled before
  ///   the transaction starts. Once started, a transaction completes even if the task is
  ///   cancelled.
  public func read<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws
    -> T
  {
    try await perform(.read, body)
  }

  /// Runs `body` in a write transaction (`BEGIN IMMEDIATE … COMMIT`) and returns its result.
  ///
  /// Everything `body` does commits together, or, if it throws, rolls back together: nothing
  /// of a failed write remains. Outbox events appended in `body` are announced to
  /// `Outbox.waitForEvents(after:in:)` waiters only after the commit succeeds.
  ///
  /// - Parameter body: Runs on the database's worker thread; the ``Connection`` it receives is
  ///   valid only until it returns.
  /// - Throws: Whatever `body` throws, after rolling back; ``DatabaseError`` when the
  ///   transaction cannot begin (``DatabaseError/isBusy`` after the busy timeout) or commit
  ///   (for example a deferred foreign key violation), or the database is closed;
  ///   `CancellationError` when the task is cancelled before the transaction starts. Once
  ///   started, a transaction completes (commits or rolls back) even if the task is cancelled.
  public func write<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws
    -> T
  {
    try await perform(.write, body)
  }

  private func perform<T: Sendable>(
    _ kind: SQLiteConnection.TransactionKind,
    _ body: @escaping @Sendable (Connection) throws -> T
  ) async throws -> T {
    let job = TransactionJob(connection: connection, kind: kind, body: body)
    return try await withTaskCancellationHandler {
      try await withUnsafeThrowingContinuation { continuation in
        job.enqueue(on: worker, continuation: continuation)
      }
    } onCancel: {
      job.cancel()
    }
  }

  /// Write transactions committed since open, and the write calls they carried. Writes queued
  /// together commit as one transaction (group commit), so under load the second grows faster
  /// than the first; their ratio is the mean group size.
  public var commitStatistics: (transactions: Int, writes: Int) {
    (connection.committedTransactions.load(ordering: .relaxed), connection.committedWrites.load(ordering: .relaxed))
  }

  /// Copies the write-ahead log back into the database file on a second connection and thread
  /// whenever it has grown, until the calling task is cancelled; then waits for a checkpoint in
  /// progress. A service runs this beside its server for as long as it serves. Without it the
  /// writer checkpoints inside its own commits once the log passes about 16 MB. Returns at once
  /// for databases with no file (`":memory:"`).
  public func checkpointInBackground() async {
    await connection.checkpointer?.run()
  }

  /// Seconds spent in background WAL checkpoints since open.
  public var checkpointSeconds: Double {
    Double(connection.checkpointer?.busyNanoseconds.load(ordering: .relaxed) ?? 0) / 1e9
  }

  /// WAL checkpoints completed in the background since open (see `Checkpointer`).
  public var backgroundCheckpointCount: Int { connection.checkpointer?.completed.load(ordering: .relaxed) ?? 0 }

  /// The number of transactions waiting for the worker thread, not yet started: a measure of
  /// how far the database lags behind its callers, for metrics and health reporting.
  public var queuedTransactionCount: Int { worker.queuedCount }

  /// Finishes the transactions already submitted, then closes the connection and stops the
  /// worker thread. Later ``read(_:)`` and ``write(_:)`` calls throw ``DatabaseError``, and
  /// outbox waiters are woken with that error. The file can then be opened again. Calling
  /// `close()` again does nothing more.
  public func close() async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      worker.stop(finally: CloseJob(connection: connection, notifier: notifier)) {
        continuation.resume()
      }
    }
  }
}

/// The last job a worker runs: closes the connection and fails outbox waiters.
private final class CloseJob: WorkerJob, @unchecked Sendable {
  private let connection: SQLiteConnection
  private let notifier: EventNotifier

  init(connection: SQLiteConnection, notifier: EventNotifier) {
    self.connection = connection
    self.notifier = notifier
  }

  func run() {
    connection.close()
    notifier.close()
  }
}
