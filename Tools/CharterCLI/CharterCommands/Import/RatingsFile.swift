public import Contracts

/// A ratings file for `charter self-review rate-many`: one aspect rating per row, all sent in
/// one `RateAspects` call, so they are stored together or not at all.
///
/// The header names the columns (any order): `aspect_id` and `level` are required,
/// `commentary` is optional; any other column is refused, so a misspelt `comentary` is not
/// silently dropped. Each row is checked here before anything is sent (a level that is a whole
/// number from 1, no aspect twice, commentary within the service's limit), and every problem
/// is reported with its spreadsheet row number (the header is row 1). The service still judges
/// what only it knows: whether the aspect is in the review's framework and the level on its
/// scale; ``row(forRatingIndex:)`` turns its `ratings[i]` back into a row number.
public struct RatingsFile: Sendable {
  /// One data row.
  public struct Row: Sendable, Hashable {
    /// The row number a spreadsheet shows for it.
    public let row: Int
    /// The rating the row asks for, or why it cannot be sent.
    public let rating: Result<SelfReview.RateAspectRequest, RatingRowProblem>
  }

  /// Every column the file may have.
  public static let columns = ["aspect_id", "level", "commentary"]
  /// The columns it must have.
  public static let requiredColumns = ["aspect_id", "level"]
  /// The most ratings one RateAspects call takes.
  public static let maximumRatings = 200
  /// The longest commentary the service stores, in Unicode scalars.
  public static let maximumCommentaryLength = 10_000

  /// The data rows, in file order (completely empty rows are skipped).
  public let rows: [Row]

  /// Reads and checks every row from `reader`, which must be positioned at the header.
  ///
  /// - Throws: ``RatingsFileError`` when the file is not valid CSV, its header is missing,
  ///   lacks a required column or has an unknown or repeated one, or it holds no ratings or
  ///   more than ``maximumRatings``.
  public init<Bytes>(reading reader: inout CSVReader<Bytes>) throws(RatingsFileError) {
    func nextRecord() throws(RatingsFileError) -> [String]? {
      do { return try reader.nextRecord() } catch { throw .csv(error) }
    }
    guard let header = try nextRecord() else { throw .empty }
    let names = header.map { $0.trimmingSpaces.lowercased() }
    let unknown = names.filter { !Self.columns.contains($0) }
    guard unknown.isEmpty else { throw .unknownColumns(unknown) }
    let repeated = Self.columns.filter { name in names.count { $0 == name } > 1 }
    guard repeated.isEmpty else { throw .duplicateColumns(repeated) }
    let missing = Self.requiredColumns.filter { !names.contains($0) }
    guard missing.isEmpty else { throw .missingColumns(missing) }

    var rows: [Row] = []
    var firstRowOfAspect: [String: Int] = [:]
    while let record = try nextRecord() {
      if record.allSatisfy({ $0.trimmingSpaces.isEmpty }) { continue }
      let rating = Self.rating(record, names: names, firstRowOfAspect: firstRowOfAspect)
      if case .success(let request) = rating, firstRowOfAspect[request.aspectId] == nil {
        firstRowOfAspect[request.aspectId] = reader.row
      }
      rows.append(Row(row: reader.row, rating: rating))
    }
    guard !rows.isEmpty else { throw .noRatings }
    guard rows.count <= Self.maximumRatings else { throw .tooManyRatings(rows.count) }
    self.rows = rows
  }

  /// Reads and checks CSV text held in memory.
  public init(csv text: String) throws(RatingsFileError) {
    var reader = CSVReader(text: text)
    try self.init(reading: &reader)
  }

  /// Every problem found, as `row <n>: <problem>`, in file order.
  public var problems: [String] {
    rows.compactMap { row in
      if case .failure(let problem) = row.rating { "row \(row.row): \(problem)" } else { nil }
    }
  }

  /// The one request that rates every row's aspect for school `urn`; `nil` when any row has
  /// a problem (nothing is sent then).
  public func request(urn: String) -> SelfReview.RateAspectsRequest? {
    var ratings: [SelfReview.RateAspectRequest] = []
    for row in rows {
      guard case .success(let rating) = row.rating else { return nil }
      ratings.append(rating)
    }
    return SelfReview.RateAspectsRequest(schoolUrn: urn, ratings: ratings)
  }

  /// The row that became `ratings[index]` of the request, to name it when the service
  /// refuses that rating.
  public func row(forRatingIndex index: Int) -> Int? {
    rows.indices.contains(index) ? rows[index].row : nil
  }

  /// The row number the service's message is about, when it names a rating (`ratings[3].level:
  /// …`, as RateAspects does).
  public func row(namedIn message: String) -> Int? {
    guard message.hasPrefix("ratings["), let close = message.firstIndex(of: "]") else {
      return nil
    }
    let digits = message[message.index(message.startIndex, offsetBy: 8)..<close]
    return Int(digits).flatMap(row(forRatingIndex:))
  }

  private static func rating(
    _ record: [String],
    names: [String],
    firstRowOfAspect: [String: Int]
  ) -> Result<SelfReview.RateAspectRequest, RatingRowProblem> {
    guard record.count == names.count else {
      return .failure(.fieldCount(found: record.count, expected: names.count))
    }
    func value(_ column: String) -> String {
      names.firstIndex(of: column).map { record[$0].trimmingSpaces } ?? ""
    }
    let aspect = value("aspect_id")
    guard !aspect.isEmpty else { return .failure(.missingValue(column: "aspect_id")) }
    if let first = firstRowOfAspect[aspect] {
      return .failure(.repeatedAspect(aspect, firstRow: first))
    }
    let levelText = value("level")
    guard !levelText.isEmpty else { return .failure(.missingValue(column: "level")) }
    guard let level = Int32(levelText), level >= 1 else { return .failure(.badLevel(levelText)) }
    let commentary = value("commentary")
    let length = commentary.unicodeScalars.count
    guard length <= maximumCommentaryLength else {
      return .failure(.commentaryTooLong(length: length, limit: maximumCommentaryLength))
    }
    return .success(
      SelfReview.RateAspectRequest(aspectId: aspect, level: level, commentary: commentary)
    )
  }
}

/// Why a row of a ratings file cannot be sent.
public enum RatingRowProblem: Error, Hashable, Sendable, CustomStringConvertible {
  /// The row has a different number of fields from the header.
  case fieldCount(found: Int, expected: Int)
  /// A required value is empty.
  case missingValue(column: String)
  /// The level is not a whole number from 1.
  case badLevel(String)
  /// The aspect was already rated on an earlier row (RateAspects takes each aspect once).
  case repeatedAspect(String, firstRow: Int)
  /// The commentary is longer than the service stores.
  case commentaryTooLong(length: Int, limit: Int)

  public var description: String {
    switch self {
    case .fieldCount(let found, let expected):
      "has \(found) field\(found == 1 ? "" : "s"), the header has \(expected)"
    case .missingValue(let column): "\(column) is empty"
    case .badLevel(let text): "level \"\(text)\" is not a whole number from 1"
    case .repeatedAspect(let aspect, let firstRow):
      "aspect \(aspect) is already rated on row \(firstRow)"
    case .commentaryTooLong(let length, let limit):
      "the commentary has \(length) characters; at most \(limit) are allowed"
    }
  }
}

/// Why a ratings file was refused as a whole, before anything was sent.
public enum RatingsFileError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file is not valid CSV.
  case csv(CSVError)
  /// The file has no header row.
  case empty
  /// Required columns are missing.
  case missingColumns([String])
  /// Columns the file may not have.
  case unknownColumns([String])
  /// A column appears more than once.
  case duplicateColumns([String])
  /// The file has a header but no ratings.
  case noRatings
  /// More ratings than one call takes.
  case tooManyRatings(Int)

  public var description: String {
    let expected = "expected the columns " + RatingsFile.columns.joined(separator: ",")
    switch self {
    case .csv(let error): return error.description
    case .empty: return "the file is empty (\(expected))"
    case .missingColumns(let names):
      return "the header lacks column\(names.count == 1 ? "" : "s") "
        + names.joined(separator: ", ") + " (\(expected))"
    case .unknownColumns(let names):
      return "the header has unknown column\(names.count == 1 ? "" : "s") "
        + names.map { "\"\($0)\"" }.joined(separator: ", ") + " (\(expected))"
    case .duplicateColumns(let names):
      return "the header has column\(names.count == 1 ? "" : "s") "
        + names.joined(separator: ", ") + " more than once"
    case .noRatings: return "the file has no ratings after its header"
    case .tooManyRatings(let count):
      return "the file has \(count) ratings; one call takes at most \(RatingsFile.maximumRatings)"
    }
  }
}
