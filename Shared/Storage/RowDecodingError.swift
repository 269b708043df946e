/// A result column could not be read as the Swift type asked for.
///
/// Separate from ``DatabaseError`` because SQLite did nothing wrong: the query ran, and the
/// mismatch is between the schema and the code reading it. Like ``DatabaseError`` it is for logs.
public struct RowDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong.
  public struct Code: Sendable, Hashable, CustomStringConvertible {
    private enum Value: Hashable { case columnNotFound, unexpectedNull, typeMismatch }
    private let value: Value

    /// The row has no column of that name, or the index is out of range.
    public static let columnNotFound = Code(value: .columnNotFound)
    /// The column is `NULL` but a non-optional type was asked for.
    public static let unexpectedNull = Code(value: .unexpectedNull)
    /// The column's storage class (or range) cannot represent the type asked for.
    public static let typeMismatch = Code(value: .typeMismatch)

    public var description: String {
      switch value {
      case .columnNotFound: "column not found"
      case .unexpectedNull: "unexpected NULL"
      case .typeMismatch: "type mismatch"
      }
    }
  }

  public var code: Code
  /// The column as the caller named it: its name, or `#index` when read by position.
  public var column: String
  /// The Swift type that was asked for.
  public var expectedType: String
  /// The storage class found (`integer`, `text`, …), or `nil` when the column was not found.
  public var foundStorageClass: String?

  public init(code: Code, column: String, expectedType: String, foundStorageClass: String?) {
    self.code = code
    self.column = column
    self.expectedType = expectedType
    self.foundStorageClass = foundStorageClass
  }

  public var description: String {
    var text = "cannot decode column \(column) as \(expectedType): \(code)"
    if let foundStorageClass { text += " (found \(foundStorageClass))" }
    return text
  }
}
