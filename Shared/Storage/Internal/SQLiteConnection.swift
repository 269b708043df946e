internal import CSQLite
internal import Synchronization

/// The one SQLite connection of a ``Database``, with its statement cache and transaction state.
///
/// Not thread-safe by design: after `init` it is touched only by jobs on the database's
/// ``Worker`` thread, which is also why the connection is opened with `SQLITE_OPEN_NOMUTEX`.
final class SQLiteConnection: @unchecked Sendable {
  /// Which kind of transaction is open, if any.
  enum TransactionKind {
    case read
    case write
  }

  let handle: OpaquePointer
  /// The absolute path of the main database file, or `nil` for in-memory and temporary
  /// databases, which SQLite does not back with a named file.
  let filePath: String?
  private let notifier: EventNotifier
  private var cache: [String: Statement] = [:]
  private var controlStatements: [String: Statement] = [:]
  private(set) var transaction: TransactionKind?
  /// Runs WAL checkpoints off the worker thread; `nil` for in-memory databases. Set once
  /// during `init`, so other threads may read it.
  private(set) var checkpointer: Checkpointer?
  /// Write transactions committed, and write calls they carried (more than one per COMMIT
  /// when writes are grouped); read from any thread for metrics.
  let committedTransactions = Atomic<Int>(0)
  let committedWrites = Atomic<Int>(0)
  /// Whether the open transaction appended outbox events, to announce after COMMIT.
  private var appendedEvents = false
  private var isClosed = false
  /// The path claimed in ``OpenFiles``, released on close.
  private var claimedPath: String?
  /// Set while this type runs BEGIN, COMMIT or ROLLBACK; the authorizer refuses those
  /// statements from anyone else, so a closure cannot end its own transaction.
  private var isControllingTransaction = false

  /// Opens `path` and applies the connection settings every service relies on.
  ///
  /// - Throws: ``DatabaseError`` when the file cannot be opened, is not a database, or a
  ///   setting does not read back as required.
  init(path: String, busyTimeoutMilliseconds: Int32, pageCacheKiB: Int = 2000, notifier: EventNotifier)
    throws(DatabaseError)
  {
    var opened: OpaquePointer?
    let flags =
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
    let code = sqlite3_open_v2(path, &opened, flags, nil)
    guard code == SQLITE_OK, let opened else {
      let error = DatabaseError(connection: opened, code: code, sql: nil)
      sqlite3_close_v2(opened)
      throw error
    }
    self.handle = opened
    self.notifier = notifier
    let name = sqlite3_db_filename(opened, "main").map { String(cString: $0) } ?? ""
    self.filePath = name.isEmpty ? nil : name
    if let filePath {
      // On a throw from here on, `deinit` closes the handle.
      guard OpenFiles.claim(filePath) else {
        throw DatabaseError(
          extendedCode: .misuse,
          message: "the database file is already open in this process; share that Database instead",
          sql: nil
        )
      }
      claimedPath = filePath
    }
    try configure(busyTimeoutMilliseconds: busyTimeoutMilliseconds, pageCacheKiB: pageCacheKiB)
    installAuthorizer()
  }

  /// Refuses transaction-control statements (BEGIN, COMMIT, ROLLBACK) at prepare time unless
  /// this type is the one running them. SAVEPOINT and RELEASE stay allowed.
  private func installAuthorizer() {
    let context = Unmanaged.passUnretained(self).toOpaque()
    sqlite3_set_authorizer(
      handle,
      { context, action, _, _, _, _ in
        guard action == SQLITE_TRANSACTION, let context else { return SQLITE_OK }
        let connection = Unmanaged<SQLiteConnection>.fromOpaque(context).takeUnretainedValue()
        return connection.isControllingTransaction ? SQLITE_OK : SQLITE_DENY
      },
      context
    )
  }

  deinit {
    close()
  }

  private func configure(busyTimeoutMilliseconds: Int32, pageCacheKiB: Int) throws(DatabaseError) {
    let code = sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
    guard code == SQLITE_OK else { throw DatabaseError(connection: handle, code: code, sql: nil) }

    // WAL only exists for databases backed by a file; in-memory ones report "memory".
    let journalMode = try pragma("PRAGMA journal_mode = WAL")
    if filePath != nil, journalMode != .text("wal") {
      throw DatabaseError(
        extendedCode: .error,
        message: "journal_mode reads back \(journalMode), expected wal",
        sql: "PRAGMA journal_mode = WAL"
      )
    }
    _ = try pragma("PRAGMA foreign_keys = ON")
    let foreignKeys = try pragma("PRAGMA foreign_keys")
    guard foreignKeys == .integer(1) else {
      throw DatabaseError(
        extendedCode: .error,
        message: "foreign_keys reads back \(foreignKeys), expected 1",
        sql: "PRAGMA foreign_keys"
      )
    }
    _ = try pragma("PRAGMA synchronous = NORMAL")
    // A negative cache_size is a size in KiB rather than a page count.
    _ = try pragma("PRAGMA cache_size = -\(pageCacheKiB)")
    if let filePath, let checkpointer = Checkpointer(path: filePath) {
      // Checkpoints run beside the writer (see Checkpointer); this hook replaces SQLite's
      // own auto-checkpoint. A log that once grew large is cut back to 64 MiB when it restarts.
      self.checkpointer = checkpointer
      sqlite3_wal_hook(
        handle,
        { context, writer, _, pages in
          if let context {
            Unmanaged<Checkpointer>.fromOpaque(context).takeUnretainedValue().logGrew(to: pages, writer: writer)
          }
          return SQLITE_OK
        },
        Unmanaged.passUnretained(checkpointer).toOpaque())
      _ = try pragma("PRAGMA journal_size_limit = 67108864")
    }
  }

  /// Runs a constant PRAGMA outside any transaction and returns its first value, if any.
  private func pragma(_ sql: String) throws(DatabaseError) -> SQLValue {
    let statement = try Statement(connection: handle, sql: sql, persistent: false)
    defer { statement.reset() }
    guard try statement.step() else { return .null }
    return statement.row(columnNames: statement.columnNames()).values.first ?? .null
  }

  /// Finalizes every statement and closes the connection; later calls do nothing.
  func close() {
    guard !isClosed else { return }
    isClosed = true
    cache.removeAll()
    controlStatements.removeAll()
    // The checkpointer's connection closes first, so the main one, closing last, checkpoints
    // the whole log and removes it.
    checkpointer?.close()
    sqlite3_close_v2(handle)
    if let claimedPath { OpenFiles.release(claimedPath) }
  }

  // MARK: - Statements

  /// The cached statement for `sql`, prepared on first use.
  ///
  /// The cache is unbounded: SQL text is fixed in the code (values are always bound), so it
  /// holds one entry per statement the service uses.
  func statement(for sql: String) throws(DatabaseError) -> Statement {
    if let cached = cache[sql] { return cached }
    let statement = try Statement(connection: handle, sql: sql, persistent: true)
    cache[sql] = statement
    return statement
  }

  /// Binds, steps to completion and resets one statement, handing each row to `body`.
  ///
  /// Every SQL statement a transaction closure runs goes through here, so this is where the
  /// rules of a transaction are enforced: a read transaction cannot write, and no statement
  /// may run once the transaction has ended (by a stray `COMMIT`, or by an error after which
  /// SQLite rolled back on its own).
  func run(
    sql: String,
    arguments: [any SQLValueConvertible],
    row body: ((Row) -> Bool)? = nil
  ) throws(DatabaseError) {
    let statement = try statement(for: sql)
    try checkTransactionIsOpen(sql: sql)
    if transaction == .read, !statement.isReadOnly {
      throw DatabaseError(
        extendedCode: .readOnly,
        message: "attempt to write in a read transaction",
        sql: sql
      )
    }
    // Rows are copied out before `body` sees them and `body` never runs SQL, so a statement
    // is never stepped by two uses at once.
    defer { statement.reset() }
    try statement.bind(arguments)
    if let body {
      var columnNames: [String]?
      while try statement.step() {
        let names = columnNames ?? statement.columnNames()
        columnNames = names
        guard body(statement.row(columnNames: names)) else { break }
      }
    } else {
      while try statement.step() {}
    }
    try checkTransactionIsOpen(sql: sql)
  }

  /// Runs a script of statements without parameters, such as a migration's DDL.
  func runScript(_ script: String) throws(DatabaseError) {
    var remaining = Substring(script)
    while true {
      var text = String(remaining)
      var consumed = 0
      var prepared: OpaquePointer?
      let code = text.withUTF8 { utf8 -> Int32 in
        utf8.withMemoryRebound(to: CChar.self) { chars -> Int32 in
          var tail: UnsafePointer<CChar>?
          let code = sqlite3_prepare_v2(
            handle,
            chars.baseAddress,
            Int32(chars.count),
            &prepared,
            &tail
          )
          if let tail, let base = chars.baseAddress { consumed = tail - base }
          return code
        }
      }
      guard code == SQLITE_OK else {
        throw DatabaseError(connection: handle, code: code, sql: script)
      }
      guard let prepared else { return }  // only whitespace or comments were left
      let sql = String(decoding: text.utf8.prefix(consumed), as: UTF8.self)
      defer { sqlite3_finalize(prepared) }
      try checkTransactionIsOpen(sql: sql)
      if transaction == .read, sqlite3_stmt_readonly(prepared) == 0 {
        throw DatabaseError(
          extendedCode: .readOnly,
          message: "attempt to write in a read transaction",
          sql: sql
        )
      }
      var stepCode = sqlite3_step(prepared)
      while stepCode == SQLITE_ROW { stepCode = sqlite3_step(prepared) }
      guard stepCode == SQLITE_DONE else {
        throw DatabaseError(connection: handle, code: stepCode, sql: sql)
      }
      try checkTransactionIsOpen(sql: sql)
      remaining = Substring(text.utf8.dropFirst(consumed))
    }
  }

  private func checkTransactionIsOpen(sql: String) throws(DatabaseError) {
    guard transaction != nil, sqlite3_get_autocommit(handle) != 0 else { return }
    throw DatabaseError(
      extendedCode: .misuse,
      message:
        "the transaction is no longer open (ended by a statement or rolled back by an error)",
      sql: sql
    )
  }

  var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }
  var changedRowCount: Int { Int(sqlite3_changes64(handle)) }

  // MARK: - Transactions

  /// Runs `body` in one transaction: `BEGIN DEFERRED` for reads, `BEGIN IMMEDIATE` for writes
  /// (taking the write lock up front so the transaction cannot fail to upgrade later).
  /// Commits when `body` returns and rolls back when it throws or when COMMIT fails.
  /// After a commit that appended outbox events, their waiters are woken.
  func transaction<T>(_ kind: TransactionKind, _ body: (Connection) throws -> T) throws -> T {
    precondition(transaction == nil, "transactions on one connection never nest")
    try control(kind == .read ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE")
    transaction = kind
    appendedEvents = false
    let connection = Connection(core: self)
    defer {
      connection.invalidate()
      transaction = nil
      appendedEvents = false
    }
    let value: T
    let eventSequence: Int64?
    do {
      value = try body(connection)
      // Read rather than remembered: a savepoint rolled back inside `body` may have taken
      // back an append, and its sequence with it.
      eventSequence = appendedEvents ? try Outbox.latestSequence(in: connection) : nil
      try control("COMMIT")
    } catch {
      rollback()
      throw error
    }
    if kind == .write {
      committedTransactions.add(1, ordering: .relaxed)
      committedWrites.add(1, ordering: .relaxed)
    }
    if let eventSequence { notifier.publish(committed: eventSequence) }
    return value
  }

  /// Runs several reads in one read transaction: they share one snapshot and one
  /// BEGIN…COMMIT. Each keeps its own outcome. Should a failing read end the transaction, the
  /// reads after it run again on their own.
  func readGroup(_ members: [any GroupableJob]) {
    precondition(transaction == nil, "transactions on one connection never nest")
    do {
      try control("BEGIN DEFERRED")
    } catch {
      for member in members { member.finish(failingWith: error) }
      return
    }
    transaction = .read
    let connection = Connection(core: self)
    var performed = members.count
    for (index, member) in members.enumerated() {
      if !member.perform(in: connection), sqlite3_get_autocommit(handle) != 0 {
        performed = index + 1
        break
      }
    }
    if sqlite3_get_autocommit(handle) == 0 {
      do {
        try control("COMMIT")
      } catch {
        rollback()
      }
    }
    connection.invalidate()
    transaction = nil
    for member in members[..<performed] { member.finish(failingWith: nil) }
    for member in members[performed...] { member.runClaimed() }
  }

  /// Runs several writes in one transaction (group commit), each inside its own savepoint.
  ///
  /// A member whose body throws is rolled back to its savepoint and gets its own error; the
  /// others are unaffected. Every member is resumed only after COMMIT. If BEGIN fails, every
  /// member gets that error; if COMMIT fails (a deferred constraint), nothing of the group
  /// remains and each member runs again in a transaction of its own. Should a member's
  /// failure end the whole transaction (SQLite does so for a few errors, such as a full
  /// disk), the members before it get that error and the members after it run again as a new
  /// group.
  func writeGroup(_ members: [any GroupableJob]) {
    precondition(transaction == nil, "transactions on one connection never nest")
    do {
      try control("BEGIN IMMEDIATE")
    } catch {
      for member in members { member.finish(failingWith: error) }
      return
    }
    transaction = .write
    appendedEvents = false
    let connection = Connection(core: self)
    var failure: (any Error)?
    /// The member whose failure ended the whole transaction, if one did.
    var endedBy: Int?
    var succeeded = 0
    for (index, member) in members.enumerated() {
      do {
        try control("SAVEPOINT charter_group_member")
        if member.perform(in: connection) {
          succeeded += 1
        } else {
          guard sqlite3_get_autocommit(handle) == 0 else {
            endedBy = index
            failure = DatabaseError(
              extendedCode: .error, message: "a failed write ended the transaction; its group was rolled back", sql: nil
            )
            break
          }
          try control("ROLLBACK TO charter_group_member")
        }
        try control("RELEASE charter_group_member")
      } catch {
        failure = error
        break
      }
    }
    var eventSequence: Int64?
    var commitFailed = false
    if failure == nil {
      do {
        eventSequence = appendedEvents ? try Outbox.latestSequence(in: connection) : nil
        try control("COMMIT")
      } catch {
        failure = error
        commitFailed = true
      }
    }
    connection.invalidate()
    transaction = nil
    appendedEvents = false
    guard let failure else {
      committedTransactions.add(1, ordering: .relaxed)
      committedWrites.add(succeeded, ordering: .relaxed)
      if let eventSequence { notifier.publish(committed: eventSequence) }
      for member in members { member.finish(failingWith: nil) }
      return
    }
    rollback()
    if commitFailed {
      // Some member's deferred constraint failed at COMMIT; which one only its own
      // transaction can tell, so each runs again alone and gets the outcome it would have had.
      for member in members { member.runClaimed() }
      return
    }
    guard let endedBy else {
      for member in members { member.finish(failingWith: failure) }
      return
    }
    // The member that ended the transaction keeps its own error, those before it lost their
    // work with it, and those after it have not run yet.
    for member in members[..<endedBy] { member.finish(failingWith: failure) }
    members[endedBy].finish(failingWith: nil)
    let rest = Array(members[(endedBy + 1)...])
    if rest.count == 1 { rest[0].runClaimed() } else if !rest.isEmpty { writeGroup(rest) }
  }

  /// Runs BEGIN, COMMIT or ROLLBACK. They are cached apart from the closures' statements:
  /// a closure running the same text must not find them already authorized.
  private func control(_ sql: String) throws(DatabaseError) {
    isControllingTransaction = true
    defer { isControllingTransaction = false }
    let statement: Statement
    if let cached = controlStatements[sql] {
      statement = cached
    } else {
      statement = try Statement(connection: handle, sql: sql, persistent: true)
      controlStatements[sql] = statement
    }
    defer { statement.reset() }
    _ = try statement.step()
  }

  /// Rolls back unless SQLite already did (some errors, such as SQLITE_FULL, end the
  /// transaction on their own).
  private func rollback() {
    guard sqlite3_get_autocommit(handle) == 0 else { return }
    do {
      try control("ROLLBACK")
    } catch {
      // ROLLBACK only fails when the connection is unusable; the next BEGIN will report it.
    }
  }

  /// Records that the open transaction appended an outbox event.
  func noteAppendedEvent() {
    appendedEvents = true
  }
}
