/// Why a row of a schools import file was refused before sending it.
public enum SchoolRowProblem: Error, Hashable, Sendable, CustomStringConvertible {
  /// The row has a different number of fields from the header.
  case fieldCount(found: Int, expected: Int)
  /// A value the registry needs is empty.
  case missingValue(column: String)
  /// The URN is not six digits.
  case invalidURN(String)
  /// The phase is not one ``SchoolPhaseSyntax`` knows.
  case unknownPhase(String)
  /// The local-authority code is not three digits.
  case invalidLocalAuthorityCode(String)
  /// A numeric column holds something that is not a number.
  case badNumber(column: String, value: String)
  /// A number outside what the column allows (a negative roll, latitude beyond ±90).
  case outOfRange(column: String, value: String)
  /// A yes/no column holds something else.
  case badBoolean(column: String, value: String)
  /// A date column holds something that is not a real date.
  case badDate(column: String, value: String)
  /// Only one of latitude and longitude is given.
  case incompleteLocation
  /// A commit date on a school that has not committed.
  case commitDateWithoutCommitment
  /// A publicly listed school that has not committed (listing requires committing).
  case listedWithoutCommitment
  /// A value contains U+0000, which the registry's strings cannot carry.
  case nulCharacter(column: String)

  public var description: String {
    switch self {
    case .fieldCount(let found, let expected):
      "has \(found) field\(found == 1 ? "" : "s"), the header has \(expected)"
    case .missingValue(let column): "\(column) is empty"
    case .invalidURN(let urn): "urn \"\(urn)\" is not six digits"
    case .unknownPhase(let phase):
      "unknown phase \"\(phase)\" (expected \(SchoolPhaseSyntax.allNames))"
    case .invalidLocalAuthorityCode(let code): "la_code \"\(code)\" is not three digits"
    case .badNumber(let column, let value): "\(column) \"\(value)\" is not a number"
    case .outOfRange(let column, let value):
      switch column {
      case "latitude": "latitude \(value) is outside -90...90"
      case "longitude": "longitude \(value) is outside -180...180"
      default: "\(column) \(value) is out of range"
      }
    case .badBoolean(let column, let value):
      "\(column) \"\(value)\" is not true or false"
    case .badDate(let column, let value):
      "\(column) \"\(value)\" is not a date (YYYY-MM-DD or DD/MM/YYYY)"
    case .incompleteLocation: "latitude and longitude must be given together"
    case .commitDateWithoutCommitment: "commit_date is set but committed is false"
    case .listedWithoutCommitment: "publicly_listed is true but committed is false"
    case .nulCharacter(let column): "\(column) contains a NUL character"
    }
  }
}
