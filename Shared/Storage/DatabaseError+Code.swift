internal import CSQLite

extension DatabaseError {
  /// A SQLite result code, primary (low byte) or extended.
  ///
  /// A struct over the raw value rather than an enum, because SQLite adds extended codes over
  /// time and an error must still carry one this module does not name.
  public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The primary code: the low byte of an extended code.
    public var primary: Code { Code(rawValue: rawValue & 0xFF) }

    public static let error = Code(rawValue: SQLITE_ERROR)
    public static let `internal` = Code(rawValue: SQLITE_INTERNAL)
    public static let permission = Code(rawValue: SQLITE_PERM)
    public static let abort = Code(rawValue: SQLITE_ABORT)
    public static let busy = Code(rawValue: SQLITE_BUSY)
    public static let locked = Code(rawValue: SQLITE_LOCKED)
    public static let noMemory = Code(rawValue: SQLITE_NOMEM)
    public static let readOnly = Code(rawValue: SQLITE_READONLY)
    public static let interrupt = Code(rawValue: SQLITE_INTERRUPT)
    public static let ioError = Code(rawValue: SQLITE_IOERR)
    public static let corrupt = Code(rawValue: SQLITE_CORRUPT)
    public static let full = Code(rawValue: SQLITE_FULL)
    public static let cannotOpen = Code(rawValue: SQLITE_CANTOPEN)
    public static let schema = Code(rawValue: SQLITE_SCHEMA)
    public static let tooBig = Code(rawValue: SQLITE_TOOBIG)
    public static let constraint = Code(rawValue: SQLITE_CONSTRAINT)
    public static let mismatch = Code(rawValue: SQLITE_MISMATCH)
    public static let misuse = Code(rawValue: SQLITE_MISUSE)
    public static let range = Code(rawValue: SQLITE_RANGE)
    public static let authorization = Code(rawValue: SQLITE_AUTH)
    public static let notADatabase = Code(rawValue: SQLITE_NOTADB)

    public static let constraintCheck = Code(rawValue: SQLITE_CONSTRAINT | (1 << 8))
    public static let constraintForeignKey = Code(rawValue: SQLITE_CONSTRAINT | (3 << 8))
    public static let constraintNotNull = Code(rawValue: SQLITE_CONSTRAINT | (5 << 8))
    public static let constraintPrimaryKey = Code(rawValue: SQLITE_CONSTRAINT | (6 << 8))
    public static let constraintTrigger = Code(rawValue: SQLITE_CONSTRAINT | (7 << 8))
    public static let constraintUnique = Code(rawValue: SQLITE_CONSTRAINT | (8 << 8))

    /// SQLite's own short explanation of the code, such as "constraint failed".
    public var description: String {
      String(cString: sqlite3_errstr(rawValue))
    }
  }
}
