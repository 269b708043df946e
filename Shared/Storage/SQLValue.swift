/// One SQLite value, as bound to a `?` parameter or read from a result column.
///
/// SQLite stores every value in one of five storage classes; this enum names them so that
/// reading and binding never go through a lossy intermediate such as a C string. Text keeps
/// every Unicode scalar, including embedded NUL characters, and an empty blob stays distinct
/// from `null`.
public enum SQLValue: Sendable, Hashable {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)
  case blob([UInt8])

  /// The storage class name as SQLite's `typeof()` spells it, for error messages.
  public var storageClass: String {
    switch self {
    case .null: "null"
    case .integer: "integer"
    case .real: "real"
    case .text: "text"
    case .blob: "blob"
    }
  }

  /// Whether this is SQL `NULL`.
  public var isNull: Bool {
    if case .null = self { true } else { false }
  }
}

extension SQLValue: ExpressibleByNilLiteral {
  public init(nilLiteral: ()) { self = .null }
}

extension SQLValue: ExpressibleByIntegerLiteral {
  public init(integerLiteral value: Int64) { self = .integer(value) }
}

extension SQLValue: ExpressibleByFloatLiteral {
  public init(floatLiteral value: Double) { self = .real(value) }
}

extension SQLValue: ExpressibleByStringLiteral {
  public init(stringLiteral value: String) { self = .text(value) }
}

extension SQLValue: ExpressibleByBooleanLiteral {
  public init(booleanLiteral value: Bool) { self = .integer(value ? 1 : 0) }
}

extension SQLValue: CustomStringConvertible {
  /// A short rendering for logs; blobs show their size, not their bytes.
  public var description: String {
    switch self {
    case .null: "NULL"
    case .integer(let value): String(value)
    case .real(let value): String(value)
    case .text(let value): "'\(value)'"
    case .blob(let bytes): "<blob: \(bytes.count) bytes>"
    }
  }
}
