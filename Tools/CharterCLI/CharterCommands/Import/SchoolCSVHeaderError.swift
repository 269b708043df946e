/// Why a schools import file's header was refused.
public enum SchoolCSVHeaderError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Required columns are missing; `found` is the header as read.
  case missingColumns([String], found: [String])
  /// A column the import reads appears more than once, so it is unclear which to use.
  case duplicateColumns([String])
  /// The file has no header row at all.
  case empty

  public var description: String {
    switch self {
    case .missingColumns(let missing, let found):
      "the header lacks required column\(missing.count == 1 ? "" : "s") "
        + missing.joined(separator: ", ") + " (found: "
        + (found.isEmpty ? "nothing" : found.joined(separator: ",")) + "; expected: "
        + SchoolCSVHeader.knownColumns.joined(separator: ",") + ")"
    case .duplicateColumns(let names):
      "the header has column\(names.count == 1 ? "" : "s") "
        + names.joined(separator: ", ") + " more than once"
    case .empty:
      "the file is empty (expected a header row: "
        + SchoolCSVHeader.knownColumns.joined(separator: ",") + ")"
    }
  }
}
