/// Where each column of a schools import file is, found by name in its header row.
///
/// Columns may come in any order, and columns the import does not use (`review_profile`, or a
/// spreadsheet's own notes) are ignored. Names are matched ignoring case and surrounding
/// spaces. A file without one of the ``requiredColumns`` is refused as a whole, before any
/// row is sent.
public struct SchoolCSVHeader: Sendable, Hashable {
  /// Every column the import reads, in the order the demo data writes them.
  public static let knownColumns = [
    "urn", "name", "street", "town", "county", "postcode", "phase", "la_code", "la_name",
    "number_on_roll", "latitude", "longitude", "committed", "commit_date", "publicly_listed",
    "review_profile",
  ]

  /// The columns a file must have: what the registry needs to register a school. Missing
  /// optional columns read as empty in every row.
  public static let requiredColumns = ["urn", "name", "postcode", "phase", "la_code", "la_name"]

  /// The header's fields as written.
  public let fields: [String]
  private let indices: [String: Int]

  /// Locates the columns in a header row.
  ///
  /// - Throws: ``SchoolCSVHeaderError`` naming every required column that is missing, or a
  ///   column the import reads that appears twice.
  public init(_ header: [String]) throws(SchoolCSVHeaderError) {
    var indices: [String: Int] = [:]
    var duplicates: [String] = []
    for (index, field) in header.enumerated() {
      let name = field.trimmingSpaces.lowercased()
      guard Self.knownColumns.contains(name) else { continue }
      if indices[name] != nil {
        if !duplicates.contains(name) { duplicates.append(name) }
      } else {
        indices[name] = index
      }
    }
    let missing = Self.requiredColumns.filter { indices[$0] == nil }
    guard missing.isEmpty else { throw .missingColumns(missing, found: header) }
    guard duplicates.isEmpty else { throw .duplicateColumns(duplicates) }
    self.fields = header
    self.indices = indices
  }

  /// Whether the file has the column.
  public func has(_ column: String) -> Bool { indices[column] != nil }

  /// The value of `column` in `record`, without surrounding spaces; empty when the file has no
  /// such column or the record is too short.
  public func value(_ column: String, in record: [String]) -> String {
    guard let index = indices[column], index < record.count else { return "" }
    return record[index].trimmingSpaces
  }

  /// The raw value of `column` (line breaks and inner spaces kept), for multi-line fields.
  func rawValue(_ column: String, in record: [String]) -> String {
    guard let index = indices[column], index < record.count else { return "" }
    return record[index]
  }
}
