/// Why a schools import file was refused as a whole, before anything was sent.
public enum SchoolImportFileError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file is not valid CSV.
  case csv(CSVError)
  /// The header row is missing or lacks required columns.
  case header(SchoolCSVHeaderError)

  public var description: String {
    switch self {
    case .csv(let error): error.description
    case .header(let error): error.description
    }
  }
}
