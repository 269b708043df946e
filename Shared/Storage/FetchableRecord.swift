/// A type that reads itself from a result row, by column name.
///
/// Stores declare one record type per query shape and read columns by the names the query
/// gives them, never by position, so adding or reordering a column in a `SELECT` cannot
/// silently shift every field after it (GRDB's `FetchableRecord` works the same way).
///
/// ```swift
/// struct SchoolRow: FetchableRecord {
///   var urn: String
///   var name: String
///   init(row: Row) throws {
///     urn = try row["urn"]
///     name = try row["name"]
///   }
/// }
/// let schools = try db.fetchAll(SchoolRow.self, sql: "SELECT urn, name FROM school")
/// ```
public protocol FetchableRecord {
  /// Reads the record from a row.
  /// - Throws: ``RowDecodingError`` when a column is missing or does not fit its field.
  init(row: Row) throws
}

extension Row {
  /// The column called `name`, decoded as `T`; see ``value(_:named:)``.
  @inlinable
  public subscript<T: SQLValueConvertible>(_ name: String) -> T {
    get throws(RowDecodingError) { try value(T.self, named: name) }
  }
}

extension Connection {
  /// Every row of a query, as records.
  /// - Throws: ``DatabaseError``, or what the record's `init(row:)` throws.
  public func fetchAll<Record: FetchableRecord>(
    _ type: Record.Type, sql: String, arguments: [any SQLValueConvertible] = []
  ) throws -> [Record] {
    try fetchAll(sql: sql, arguments: arguments).map(Record.init(row:))
  }

  /// The first row of a query as a record, or `nil` when there is none.
  /// - Throws: ``DatabaseError``, or what the record's `init(row:)` throws.
  public func fetchOne<Record: FetchableRecord>(
    _ type: Record.Type, sql: String, arguments: [any SQLValueConvertible] = []
  ) throws -> Record? {
    try fetchOne(sql: sql, arguments: arguments).map(Record.init(row:))
  }
}
