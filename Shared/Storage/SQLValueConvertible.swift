/// A Swift type that binds to a `?` parameter and decodes from a result column.
///
/// Conformances exist for the types services store: `Int`, `Int64`, `Int32`, `Double`, `Bool`,
/// `String`, `[UInt8]`, ``SQLValue`` itself, and `Optional` of any of them (where `nil` is SQL
/// `NULL`). Decoding is strict: a column only decodes to a type whose storage class it holds, so a
/// schema mistake surfaces as a ``RowDecodingError`` rather than as a silently converted value.
public protocol SQLValueConvertible {
  /// The value to bind.
  var sqlValue: SQLValue { get }

  /// Decodes a column value, or returns `nil` when the value cannot represent `Self`
  /// (wrong storage class, out of range, or `NULL` for a non-optional type).
  init?(sqlValue: SQLValue)
}

extension SQLValue: SQLValueConvertible {
  public var sqlValue: SQLValue { self }
  public init?(sqlValue: SQLValue) { self = sqlValue }
}

extension Int64: SQLValueConvertible {
  public var sqlValue: SQLValue { .integer(self) }
  public init?(sqlValue: SQLValue) {
    guard case .integer(let value) = sqlValue else { return nil }
    self = value
  }
}

extension Int: SQLValueConvertible {
  public var sqlValue: SQLValue { .integer(Int64(self)) }
  public init?(sqlValue: SQLValue) {
    guard case .integer(let value) = sqlValue, let exact = Int(exactly: value) else { return nil }
    self = exact
  }
}

extension Int32: SQLValueConvertible {
  public var sqlValue: SQLValue { .integer(Int64(self)) }
  public init?(sqlValue: SQLValue) {
    guard case .integer(let value) = sqlValue, let exact = Int32(exactly: value) else { return nil }
    self = exact
  }
}

extension Double: SQLValueConvertible {
  public var sqlValue: SQLValue { .real(self) }
  /// Accepts `real`, and `integer` when the integer is exactly representable: SQLite may store
  /// a whole-numbered REAL as an integer in non-STRICT tables.
  public init?(sqlValue: SQLValue) {
    switch sqlValue {
    case .real(let value): self = value
    case .integer(let value):
      guard let exact = Double(exactly: value) else { return nil }
      self = exact
    default: return nil
    }
  }
}

extension Bool: SQLValueConvertible {
  public var sqlValue: SQLValue { .integer(self ? 1 : 0) }
  /// Accepts the integers 0 (`false`) and 1 (`true`) only, the form `CHECK (x IN (0, 1))` keeps.
  public init?(sqlValue: SQLValue) {
    switch sqlValue {
    case .integer(0): self = false
    case .integer(1): self = true
    default: return nil
    }
  }
}

extension String: SQLValueConvertible {
  public var sqlValue: SQLValue { .text(self) }
  public init?(sqlValue: SQLValue) {
    guard case .text(let value) = sqlValue else { return nil }
    self = value
  }
}

extension Array: SQLValueConvertible where Element == UInt8 {
  public var sqlValue: SQLValue { .blob(self) }
  public init?(sqlValue: SQLValue) {
    guard case .blob(let bytes) = sqlValue else { return nil }
    self = bytes
  }
}

extension Optional: SQLValueConvertible where Wrapped: SQLValueConvertible {
  public var sqlValue: SQLValue {
    switch self {
    case .none: .null
    case .some(let wrapped): wrapped.sqlValue
    }
  }

  /// `NULL` decodes to `nil`; anything else must decode to `Wrapped`.
  public init?(sqlValue: SQLValue) {
    if case .null = sqlValue {
      self = .none
    } else if let wrapped = Wrapped(sqlValue: sqlValue) {
      self = .some(wrapped)
    } else {
      return nil
    }
  }
}
