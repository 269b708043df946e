extension DatabaseError {
  /// The error for work submitted to, or waiting on, a database that has been closed.
  static var closed: DatabaseError {
    DatabaseError(extendedCode: .misuse, message: "the database is closed")
  }
}
