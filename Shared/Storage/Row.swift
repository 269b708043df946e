/// One result row, copied out of SQLite so it outlives the statement that produced it.
///
/// Rows are plain values: they can be returned from a transaction closure and sent across
/// tasks. Read columns by position or by name with ``value(_:at:)`` and ``value(_:named:)``,
/// which throw a ``RowDecodingError`` instead of guessing when the stored value does not fit.
public struct Row: Sendable, Hashable {
  /// The result column names, in order, as SQLite reports them (`AS` aliases win).
  public let columnNames: [String]
  /// The values, in column order.
  public let values: [SQLValue]

  public init(columnNames: [String], values: [SQLValue]) {
    precondition(columnNames.count == values.count, "a row needs one name per value")
    self.columnNames = columnNames
    self.values = values
  }

  /// The number of columns.
  public var count: Int { values.count }

  /// Decodes the column at `index` (zero-based).
  ///
  /// - Throws: ``RowDecodingError`` when the index is out of range, the value is `NULL` and `T`
  ///   is not optional, or the value's storage class cannot represent `T`.
  @inlinable
  public func value<T: SQLValueConvertible>(
    _ type: T.Type = T.self,
    at index: Int
  ) throws(RowDecodingError) -> T {
    // Inlinable so that callers get a specialized conversion; the error is built only on failure.
    if values.indices.contains(index), let decoded = T(sqlValue: values[index]) { return decoded }
    throw decodingFailure(T.self, at: index)
  }

  @usableFromInline
  func decodingFailure<T>(_ type: T.Type, at index: Int) -> RowDecodingError {
    guard values.indices.contains(index) else {
      return RowDecodingError(
        code: .columnNotFound, column: "#\(index)", expectedType: "\(T.self)", foundStorageClass: nil)
    }
    let value = values[index]
    return RowDecodingError(
      code: value.isNull ? .unexpectedNull : .typeMismatch, column: "#\(index)", expectedType: "\(T.self)",
      foundStorageClass: value.storageClass)
  }

  /// Decodes the column called `name`. Names match exactly first, then ignoring ASCII case,
  /// as SQLite does for identifiers; the first matching column wins.
  ///
  /// - Throws: ``RowDecodingError`` when no column has that name, the value is `NULL` and `T`
  ///   is not optional, or the value's storage class cannot represent `T`.
  @inlinable
  public func value<T: SQLValueConvertible>(
    _ type: T.Type = T.self,
    named name: String
  ) throws(RowDecodingError) -> T {
    // Inlinable, as `value(_:at:)` is: a record reads a dozen columns per row by name, and an
    // unspecialized conversion looked up generic metadata for each (a third of a map query).
    if let index = index(ofColumn: name), let decoded = T(sqlValue: values[index]) { return decoded }
    throw decodingFailure(T.self, named: name)
  }

  @usableFromInline
  func decodingFailure<T>(_ type: T.Type, named name: String) -> RowDecodingError {
    guard let index = index(ofColumn: name) else {
      return RowDecodingError(code: .columnNotFound, column: name, expectedType: "\(T.self)", foundStorageClass: nil)
    }
    let value = values[index]
    return RowDecodingError(
      code: value.isNull ? .unexpectedNull : .typeMismatch, column: name, expectedType: "\(T.self)",
      foundStorageClass: value.storageClass)
  }

  /// The position of the column called `name`, matched as ``value(_:named:)`` does.
  public func index(ofColumn name: String) -> Int? {
    if let exact = columnNames.firstIndex(of: name) { return exact }
    let folded = name.lowercased()
    return columnNames.firstIndex { $0.lowercased() == folded }
  }
}
