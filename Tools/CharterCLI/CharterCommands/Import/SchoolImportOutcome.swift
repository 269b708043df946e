/// What became of one row of an import file.
public struct SchoolImportOutcome: Sendable, Hashable {
  /// The outcome proper.
  public enum Result: Sendable, Hashable {
    /// The school was registered (with its Charter choices).
    case imported
    /// The registry already had a school with this URN (ALREADY_EXISTS, with its message).
    case alreadyPresent(String)
    /// The row was refused, by the client-side checks or by the registry; the reason says why.
    case rejected(String)
    /// The row was not (or not knowingly) registered because the import stopped.
    case notImported(String)
  }

  /// The row's spreadsheet row number (the header is row 1).
  public var row: Int
  /// The row's URN as written.
  public var urn: String
  public var result: Result

  public init(row: Int, urn: String, result: Result) {
    self.row = row
    self.urn = urn
    self.result = result
  }
}
