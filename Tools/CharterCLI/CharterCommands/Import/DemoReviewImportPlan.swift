internal import CharterValues
public import DemoData

/// The demo schools file, read for `charter self-review import-demo-reviews`: which schools get
/// a review, with which ``ReviewProfile``, and which rows cannot be loaded.
///
/// It is the same file `charter registry import` reads (``SchoolCSVHeader/knownColumns``); this
/// plan needs only `urn` and `review_profile`, and reads `committed` when present, since only a
/// committed school may review itself. Rows whose profile is `none` are skipped. A row is
/// refused, without a call, when its URN is not six digits or appears again, its profile is
/// empty or unknown, or it has a profile but has not committed. Reading the whole file first
/// means a file that is not CSV, or lacks a column, is refused before anything is sent.
public struct DemoReviewImportPlan: Sendable {
  /// One data row of the file.
  public struct Row: Sendable, Hashable {
    /// The row number a spreadsheet shows for it (the header is row 1).
    public let row: Int
    /// The row's URN as written (possibly empty), to name the row in reports.
    public let urn: String
    /// The school's profile (``ReviewProfile/none``: skipped), or why the row is refused.
    public let profile: Result<ReviewProfile, DemoReviewRowProblem>

    /// Whether the row asks for a review to be loaded.
    public var isLoaded: Bool {
      if case .success(let profile) = profile { profile != .none } else { false }
    }

    /// Whether the row is skipped (profile `none`).
    public var isSkipped: Bool {
      if case .success(.none) = profile { true } else { false }
    }
  }

  /// The columns the plan must find in the header.
  public static let requiredColumns = ["urn", "review_profile"]

  /// The data rows, in file order (completely empty rows are left out).
  public let rows: [Row]

  /// Reads and checks every row from `reader`, which must be positioned at the header.
  ///
  /// - Throws: ``DemoReviewImportFileError`` when the file is not valid CSV, is empty, or its
  ///   header lacks `urn` or `review_profile` or has one of the columns it reads twice.
  public init<Bytes>(reading reader: inout CSVReader<Bytes>) throws(DemoReviewImportFileError) {
    func nextRecord() throws(DemoReviewImportFileError) -> [String]? {
      do { return try reader.nextRecord() } catch { throw .csv(error) }
    }
    guard let header = try nextRecord() else { throw .empty }
    let names = header.map { $0.trimmingSpaces.lowercased() }
    let read = Self.requiredColumns + ["committed"]
    let repeated = read.filter { name in names.count { $0 == name } > 1 }
    guard repeated.isEmpty else { throw .duplicateColumns(repeated) }
    let missing = Self.requiredColumns.filter { !names.contains($0) }
    guard missing.isEmpty else { throw .missingColumns(missing, found: header) }

    var rows: [Row] = []
    var firstRowOfURN: [String: Int] = [:]
    while let record = try nextRecord() {
      if record.allSatisfy({ $0.trimmingSpaces.isEmpty }) { continue }
      func value(_ column: String) -> String {
        guard let index = names.firstIndex(of: column), index < record.count else { return "" }
        return record[index].trimmingSpaces
      }
      let urn = value("urn")
      let profile = Self.profile(
        record,
        fieldCount: names.count,
        urn: urn,
        profileText: value("review_profile"),
        committedText: names.contains("committed") ? value("committed") : nil,
        firstRow: firstRowOfURN[urn]
      )
      if SchoolURN(urn) != nil, firstRowOfURN[urn] == nil { firstRowOfURN[urn] = reader.row }
      rows.append(Row(row: reader.row, urn: urn, profile: profile))
    }
    self.rows = rows
  }

  /// Reads and checks CSV text held in memory.
  public init(csv text: String) throws(DemoReviewImportFileError) {
    var reader = CSVReader(text: text)
    try self.init(reading: &reader)
  }

  /// How many reviews will be loaded (rows with a profile other than `none`).
  public var reviewCount: Int { rows.count { $0.isLoaded } }

  /// How many rows are skipped (profile `none`).
  public var skippedCount: Int { rows.count { $0.isSkipped } }

  /// How many rows are refused here.
  public var rejectedCount: Int { rows.count - reviewCount - skippedCount }

  private static func profile(
    _ record: [String],
    fieldCount: Int,
    urn: String,
    profileText: String,
    committedText: String?,
    firstRow: Int?
  ) -> Result<ReviewProfile, DemoReviewRowProblem> {
    guard record.count == fieldCount else {
      return .failure(.fieldCount(found: record.count, expected: fieldCount))
    }
    guard !urn.isEmpty else { return .failure(.missingValue(column: "urn")) }
    guard SchoolURN(urn) != nil else { return .failure(.invalidURN(urn)) }
    if let firstRow { return .failure(.repeatedURN(urn, firstRow: firstRow)) }
    guard !profileText.isEmpty else { return .failure(.missingValue(column: "review_profile")) }
    guard let profile = ReviewProfile(rawValue: profileText.lowercased()) else {
      return .failure(.unknownProfile(profileText))
    }
    if profile != .none, let committedText {
      guard let committed = committedText.isEmpty ? false : ValueSyntax.boolean(committedText)
      else { return .failure(.badBoolean(column: "committed", value: committedText)) }
      guard committed else { return .failure(.notCommitted(profile)) }
    }
    return .success(profile)
  }
}

/// Why a row of the demo schools file cannot have its review loaded.
public enum DemoReviewRowProblem: Error, Hashable, Sendable, CustomStringConvertible {
  /// The row has a different number of fields from the header.
  case fieldCount(found: Int, expected: Int)
  /// A value the import needs is empty.
  case missingValue(column: String)
  /// The URN is not six digits.
  case invalidURN(String)
  /// The URN was on an earlier row too.
  case repeatedURN(String, firstRow: Int)
  /// The profile is not one ``ReviewProfile`` knows.
  case unknownProfile(String)
  /// `committed` is not a yes/no value.
  case badBoolean(column: String, value: String)
  /// A school with a review profile that has not committed (only committed schools review).
  case notCommitted(ReviewProfile)

  public var description: String {
    switch self {
    case .fieldCount(let found, let expected):
      "has \(found) field\(found == 1 ? "" : "s"), the header has \(expected)"
    case .missingValue(let column): "\(column) is empty"
    case .invalidURN(let urn): "urn \"\(urn)\" is not six digits"
    case .repeatedURN(let urn, let firstRow): "urn \(urn) is already on row \(firstRow)"
    case .unknownProfile(let text):
      "unknown review_profile \"\(text)\" (expected "
        + ReviewProfile.allCases.map(\.rawValue).joined(separator: ", ") + ")"
    case .badBoolean(let column, let value): "\(column) \"\(value)\" is not true or false"
    case .notCommitted(let profile):
      "review_profile is \(profile.rawValue) but committed is false (only committed schools "
        + "review themselves)"
    }
  }
}

/// Why a demo schools file was refused as a whole, before anything was sent.
public enum DemoReviewImportFileError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file is not valid CSV.
  case csv(CSVError)
  /// The file has no header row.
  case empty
  /// Required columns are missing; `found` is the header as read.
  case missingColumns([String], found: [String])
  /// A column the import reads appears more than once.
  case duplicateColumns([String])

  public var description: String {
    switch self {
    case .csv(let error): error.description
    case .empty:
      "the file is empty (expected the demo schools header: "
        + SchoolCSVHeader.knownColumns.joined(separator: ",") + ")"
    case .missingColumns(let missing, let found):
      "the header lacks column\(missing.count == 1 ? "" : "s") "
        + missing.joined(separator: ", ") + " (found: "
        + (found.isEmpty ? "nothing" : found.joined(separator: ",")) + ")"
    case .duplicateColumns(let names):
      "the header has column\(names.count == 1 ? "" : "s") "
        + names.joined(separator: ", ") + " more than once"
    }
  }
}
