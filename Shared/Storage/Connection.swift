/// The database as seen from inside one transaction: the `db` of `database.write { db in … }`.
///
/// A `Connection` exists only for the duration of the closure it is passed to, and only on the
/// database's worker thread. It is deliberately not `Sendable`, and it is invalidated when the
/// closure returns: keeping it and using it later is a programming error that stops the
/// process, because the statements would otherwise run outside the transaction that gives them
/// their meaning.
///
/// Every statement is prepared once per SQL text, cached, and run with `?` parameters bound to
/// the `arguments` given, so SQL is never assembled from values.
public final class Connection {
  private let core: SQLiteConnection
  private var isValid = true

  init(core: SQLiteConnection) {
    self.core = core
  }

  func invalidate() {
    isValid = false
  }

  /// The underlying connection, after checking this handle is still inside its transaction.
  var checkedCore: SQLiteConnection {
    precondition(isValid, "a Connection was used after its transaction closure returned")
    return core
  }

  /// Whether the transaction may write (`write { }`) or only read (`read { }`).
  public var isWritable: Bool { checkedCore.transaction == .write }

  /// Runs one statement, discarding any rows it returns.
  ///
  /// - Parameters:
  ///   - sql: One SQL statement with `?` placeholders.
  ///   - arguments: One value per placeholder, in order.
  /// - Throws: ``DatabaseError`` when SQLite rejects the statement (constraint violations
  ///   included), when the argument count differs from the placeholder count, or when a read
  ///   transaction tries to write.
  public func execute(sql: String, arguments: [any SQLValueConvertible] = []) throws(DatabaseError) {
    try checkedCore.run(sql: sql, arguments: arguments)
  }

  /// Runs a script of one or more statements without parameters, such as a migration's
  /// `CREATE TABLE` and `CREATE INDEX` statements. Scripts are not cached.
  ///
  /// - Throws: ``DatabaseError`` from the first statement that fails; earlier statements of the
  ///   script stay applied until the transaction rolls back.
  public func execute(script: String) throws(DatabaseError) {
    try checkedCore.runScript(script)
  }

  /// Runs a query and returns all its rows.
  ///
  /// - Throws: ``DatabaseError``, as for ``execute(sql:arguments:)``.
  public func fetchAll(sql: String, arguments: [any SQLValueConvertible] = []) throws(DatabaseError)
    -> [Row]
  {
    var rows: [Row] = []
    try checkedCore.run(sql: sql, arguments: arguments) { row in
      rows.append(row)
      return true
    }
    return rows
  }

  /// Runs a query and returns its first row, or `nil` when it returns none.
  ///
  /// - Throws: ``DatabaseError``, as for ``execute(sql:arguments:)``.
  public func fetchOne(sql: String, arguments: [any SQLValueConvertible] = []) throws(DatabaseError)
    -> Row?
  {
    var first: Row?
    try checkedCore.run(sql: sql, arguments: arguments) { row in
      first = row
      return false
    }
    return first
  }

  /// The rowid of the most recent successful INSERT on this connection.
  public var lastInsertedRowID: Int64 { checkedCore.lastInsertedRowID }

  /// The number of rows the most recent INSERT, UPDATE or DELETE changed.
  public var changedRowCount: Int { checkedCore.changedRowCount }
}

@available(*, unavailable, message: "a Connection is confined to its transaction closure")
extension Connection: Sendable {}
