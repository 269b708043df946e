/// An error reported by SQLite, or a misuse of the storage API detected before reaching SQLite.
///
/// It keeps SQLite's primary and extended result codes so that stores can map specific failures
/// to domain errors (a UNIQUE violation becomes "already exists", `SQLITE_BUSY` becomes
/// "unavailable") without parsing messages. ``message`` and ``sql`` are for logs only: they can
/// name tables, columns and values, so they must never be sent to a client.
public struct DatabaseError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The primary result code, such as ``Code/constraint`` or ``Code/busy``.
  public var code: Code
  /// The extended result code, such as ``Code/constraintUnique``; equal to ``code`` when SQLite
  /// gave no extended detail.
  public var extendedCode: Code
  /// SQLite's own explanation, as `sqlite3_errmsg` returned it.
  public var message: String
  /// The statement that failed, when there was one.
  public var sql: String?

  /// Creates an error from an extended (or primary) result code.
  ///
  /// - Parameters:
  ///   - extendedCode: SQLite's result code; its low byte is the primary code.
  ///   - message: SQLite's message, or a description of the misuse.
  ///   - sql: The statement that failed, if any.
  public init(extendedCode: Code, message: String, sql: String? = nil) {
    self.code = extendedCode.primary
    self.extendedCode = extendedCode
    self.message = message
    self.sql = sql
  }

  /// Any constraint failed: UNIQUE, PRIMARY KEY, FOREIGN KEY, NOT NULL, CHECK, or a trigger's.
  public var isConstraintViolation: Bool { code == .constraint }

  /// A UNIQUE or PRIMARY KEY constraint failed: the row already exists.
  public var isUniqueViolation: Bool {
    extendedCode == .constraintUnique || extendedCode == .constraintPrimaryKey
  }

  /// A FOREIGN KEY constraint failed: the referenced row is missing, or rows still refer to it.
  ///
  /// SQLite reports an `ON DELETE RESTRICT` / `ON UPDATE RESTRICT` refusal with the extended
  /// code of a trigger failure (`SQLITE_CONSTRAINT_TRIGGER`) and the message "FOREIGN KEY
  /// constraint failed"; that counts too.
  public var isForeignKeyViolation: Bool {
    extendedCode == .constraintForeignKey
      || (extendedCode == .constraintTrigger && message == "FOREIGN KEY constraint failed")
  }

  /// A NOT NULL constraint failed.
  public var isNotNullViolation: Bool { extendedCode == .constraintNotNull }

  /// A CHECK constraint failed.
  public var isCheckViolation: Bool { extendedCode == .constraintCheck }

  /// Another connection held a conflicting lock for longer than the busy timeout. Retrying the
  /// whole transaction later may succeed.
  public var isBusy: Bool { code == .busy }

  public var description: String {
    var text = "SQLite error \(extendedCode.rawValue) (\(extendedCode)): \(message)"
    if let sql { text += " [SQL: \(sql)]" }
    return text
  }
}
