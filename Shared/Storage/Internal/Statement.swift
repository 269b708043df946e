internal import CSQLite

/// A prepared statement owned by one ``SQLiteConnection`` and used only on its worker thread.
///
/// Each use binds every parameter, steps, and then resets and clears its bindings, so a cached
/// statement never carries values or an open read cursor from one use into the next.
final class Statement {
  let handle: OpaquePointer
  let sql: String
  /// The connection this statement was prepared on, for error messages.
  private let connection: OpaquePointer

  /// Compiles exactly one statement.
  ///
  /// - Parameter persistent: Tells SQLite the statement will be reused (cached statements).
  /// - Throws: ``DatabaseError`` on a syntax error, or with ``DatabaseError/Code/misuse`` when
  ///   `sql` holds more than one statement or none.
  init(connection: OpaquePointer, sql: String, persistent: Bool) throws(DatabaseError) {
    self.connection = connection
    self.sql = sql
    var prepared: OpaquePointer?
    var trailing = false
    var text = sql
    let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
    let code = text.withUTF8 { utf8 -> Int32 in
      utf8.withMemoryRebound(to: CChar.self) { chars -> Int32 in
        var tail: UnsafePointer<CChar>?
        let code = sqlite3_prepare_v3(
          connection,
          chars.baseAddress,
          Int32(chars.count),
          flags,
          &prepared,
          &tail
        )
        if code == SQLITE_OK, let tail, let base = chars.baseAddress {
          trailing = Statement.hasStatement(
            connection: connection,
            from: tail,
            count: chars.count - (tail - base)
          )
        }
        return code
      }
    }
    guard code == SQLITE_OK else {
      throw DatabaseError(connection: connection, code: code, sql: sql)
    }
    guard let prepared else {
      throw DatabaseError(extendedCode: .misuse, message: "no SQL statement to run", sql: sql)
    }
    guard !trailing else {
      sqlite3_finalize(prepared)
      throw DatabaseError(
        extendedCode: .misuse,
        message: "more than one statement; use execute(script:) for scripts without parameters",
        sql: sql
      )
    }
    self.handle = prepared
  }

  deinit {
    sqlite3_finalize(handle)
  }

  /// Whether the text after the first statement holds another one (not just spaces/comments).
  private static func hasStatement(
    connection: OpaquePointer,
    from start: UnsafePointer<CChar>,
    count: Int
  ) -> Bool {
    guard count > 0 else { return false }
    var next: OpaquePointer?
    let code = sqlite3_prepare_v2(connection, start, Int32(count), &next, nil)
    if let next { sqlite3_finalize(next) }
    return code != SQLITE_OK || next != nil
  }

  /// Whether the statement leaves the database unchanged (`sqlite3_stmt_readonly`).
  var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

  /// Binds one value per `?` parameter, in order.
  ///
  /// - Throws: ``DatabaseError`` with ``DatabaseError/Code/range`` when the number of arguments
  ///   differs from the number of parameters, so a forgotten argument never binds as NULL.
  func bind(_ arguments: [any SQLValueConvertible]) throws(DatabaseError) {
    let expected = Int(sqlite3_bind_parameter_count(handle))
    guard expected == arguments.count else {
      throw DatabaseError(
        extendedCode: .range,
        message:
          "statement has \(expected) parameter(s) but \(arguments.count) argument(s) were given",
        sql: sql
      )
    }
    for (offset, argument) in arguments.enumerated() {
      let code = bind(argument.sqlValue, at: Int32(offset + 1))
      guard code == SQLITE_OK else {
        throw DatabaseError(connection: connection, code: code, sql: sql)
      }
    }
  }

  private func bind(_ value: SQLValue, at index: Int32) -> Int32 {
    switch value {
    case .null:
      return sqlite3_bind_null(handle, index)
    case .integer(let integer):
      return sqlite3_bind_int64(handle, index, integer)
    case .real(let real):
      return sqlite3_bind_double(handle, index, real)
    case .text(var text):
      // An explicit byte length keeps embedded NULs; an empty string still binds as text.
      return text.withUTF8 { utf8 in
        guard let base = utf8.baseAddress, !utf8.isEmpty else {
          return sqlite3_bind_text(handle, index, "", 0, charter_sqlite_transient())
        }
        return base.withMemoryRebound(to: CChar.self, capacity: utf8.count) { chars in
          sqlite3_bind_text64(
            handle,
            index,
            chars,
            UInt64(utf8.count),
            charter_sqlite_transient(),
            UInt8(SQLITE_UTF8)
          )
        }
      }
    case .blob(let bytes):
      // A NULL pointer would bind SQL NULL, so an empty blob binds as a zero-length blob.
      guard !bytes.isEmpty else { return sqlite3_bind_zeroblob(handle, index, 0) }
      return bytes.withUnsafeBytes { raw in
        sqlite3_bind_blob64(
          handle,
          index,
          raw.baseAddress,
          UInt64(raw.count),
          charter_sqlite_transient()
        )
      }
    }
  }

  /// Advances to the next row.
  ///
  /// - Returns: `true` when a row is available, `false` when the statement is done.
  func step() throws(DatabaseError) -> Bool {
    switch sqlite3_step(handle) {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    case let code: throw DatabaseError(connection: connection, code: code, sql: sql)
    }
  }

  /// The result column names, read once per use (a schema change can alter `SELECT *`).
  func columnNames() -> [String] {
    let count = sqlite3_column_count(handle)
    return (0..<count).map { index in
      sqlite3_column_name(handle, index).map { String(cString: $0) } ?? ""
    }
  }

  /// Copies the current row out of SQLite.
  func row(columnNames: [String]) -> Row {
    Row(
      columnNames: columnNames,
      values: (0..<Int32(columnNames.count)).map { column(at: $0) }
    )
  }

  private func column(at index: Int32) -> SQLValue {
    switch sqlite3_column_type(handle, index) {
    case SQLITE_INTEGER:
      return .integer(sqlite3_column_int64(handle, index))
    case SQLITE_FLOAT:
      return .real(sqlite3_column_double(handle, index))
    case SQLITE_TEXT:
      // Text first, then its byte count, as SQLite's documentation prescribes.
      let text = sqlite3_column_text(handle, index)
      let count = Int(sqlite3_column_bytes(handle, index))
      guard let text, count > 0 else { return .text("") }
      return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
    case SQLITE_BLOB:
      let blob = sqlite3_column_blob(handle, index)
      let count = Int(sqlite3_column_bytes(handle, index))
      guard let blob, count > 0 else { return .blob([]) }
      return .blob(Array(UnsafeRawBufferPointer(start: blob, count: count)))
    default:
      return .null
    }
  }

  /// Ends this use: releases the read cursor and forgets the bound values.
  func reset() {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
  }
}
