/// Rows of text in aligned columns, for listings people read in a terminal.
///
/// Columns are separated by two spaces and padded to their widest cell (counted in
/// characters); the last column is not padded, so lines carry no trailing spaces.
public struct TextTable: Sendable, Hashable {
  /// The column headings.
  public var columns: [String]
  /// The rows so far; each has one cell per column (missing cells are empty).
  public var rows: [[String]] = []

  public init(columns: [String]) { self.columns = columns }

  /// Adds a row.
  public mutating func append(_ row: [String]) { rows.append(row) }

  /// The heading line and one line per row.
  public func render() -> [String] {
    var widths = columns.map(\.count)
    for row in rows {
      for (index, cell) in row.prefix(columns.count).enumerated() {
        widths[index] = max(widths[index], cell.count)
      }
    }
    return ([columns] + rows).map { row in
      var line = ""
      for index in columns.indices {
        let cell = index < row.count ? row[index] : ""
        if index == columns.count - 1 {
          line += cell
        } else {
          line += cell + String(repeating: " ", count: widths[index] - cell.count + 2)
        }
      }
      while line.last == " " { line.removeLast() }
      return line
    }
  }

  /// `text` cut to `limit` characters, ending in "…" when cut.
  public static func truncate(_ text: String, to limit: Int) -> String {
    text.count <= limit ? text : String(text.prefix(max(0, limit - 1))) + "…"
  }
}
