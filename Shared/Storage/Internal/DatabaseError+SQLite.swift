internal import CSQLite

extension DatabaseError {
  /// The error SQLite reported on `connection` for the result `code` it just returned.
  init(connection: OpaquePointer?, code: Int32, sql: String?) {
    let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
    self.init(
      extendedCode: Code(rawValue: code),
      message: message ?? String(cString: sqlite3_errstr(code)),
      sql: sql
    )
  }
}
