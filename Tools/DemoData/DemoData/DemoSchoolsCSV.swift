public import CharterValues

/// The demo schools file: one CSV that every service's demo loader reads.
///
/// A file rather than a shared library call, so that loaders in any language (and people, in a
/// spreadsheet) can read it, and so that one generated set seeds every service identically.
/// The format is RFC 4180 with a header row, UTF-8 and line-feed line ends; see ``columns``.
///
/// ```swift
/// let csv = DemoSchoolsCSV.render(SchoolGenerator(seed: 2009).generate())
/// let schools = try DemoSchoolsCSV.parse(csv)
/// ```
public enum DemoSchoolsCSV {
  /// The header row's columns, in order.
  ///
  /// `latitude` and `longitude` have five decimal places; `committed` and `publicly_listed` are
  /// `true` or `false`; `commit_date` is `YYYY-MM-DD`, or empty when the school has not
  /// committed; `phase` and `review_profile` are the raw values of ``SchoolPhase`` and
  /// ``ReviewProfile``.
  public static let columns = [
    "urn", "name", "street", "town", "county", "postcode", "phase", "la_code", "la_name",
    "number_on_roll", "latitude", "longitude", "committed", "commit_date", "publicly_listed",
    "review_profile",
  ]

  /// Renders schools as the demo CSV, header first, one line per school in the order given.
  ///
  /// - Parameter schools: The schools.
  /// - Returns: The whole file, ending with a line feed.
  public static func render(_ schools: [DemoSchool]) -> String {
    var text = ""
    text.reserveCapacity(160 * (schools.count + 1))
    CSV.appendRecord(columns, to: &text)
    for school in schools {
      CSV.appendRecord(
        [
          String(school.urn), school.name, school.street, school.town, school.county,
          school.postcode, school.phase.rawValue, String(school.localAuthorityCode),
          school.localAuthorityName, String(school.numberOnRoll),
          Geography.fiveDecimals(school.latitude), Geography.fiveDecimals(school.longitude),
          String(school.isCommitted), school.commitDate?.description ?? "",
          String(school.isPubliclyListed), school.reviewProfile.rawValue,
        ], to: &text)
    }
    return text
  }

  /// Reads a demo CSV back into schools.
  ///
  /// Every value is checked, not just split: a loader that seeds a database from this file
  /// should fail on a bad row, not load it. Line ends may be LF or CRLF.
  ///
  /// - Parameter text: The whole file.
  /// - Returns: The schools, in file order.
  /// - Throws: ``DemoSchoolsCSVError`` naming the line and what is wrong: malformed CSV, a
  ///   header other than ``columns``, a row with the wrong number of fields, a value that does
  ///   not parse, or Charter fields that contradict each other (a commit date on a school that
  ///   has not committed, a listed or reviewing school that has not committed).
  public static func parse(_ text: String) throws(DemoSchoolsCSVError) -> [DemoSchool] {
    let records: [CSV.Record]
    do {
      records = try CSV.records(in: text)
    } catch {
      throw DemoSchoolsCSVError(line: error.line, message: error.message)
    }
    guard let header = records.first else {
      throw DemoSchoolsCSVError(line: 1, message: "the file is empty; expected a header row")
    }
    guard header.fields == columns else {
      throw DemoSchoolsCSVError(
        line: header.line,
        message: "the header must be \(columns.joined(separator: ","))")
    }
    var schools: [DemoSchool] = []
    schools.reserveCapacity(records.count - 1)
    for record in records.dropFirst() {
      schools.append(try school(from: record))
    }
    return schools
  }

  private static func school(from record: CSV.Record) throws(DemoSchoolsCSVError) -> DemoSchool {
    let line = record.line
    let fields = record.fields
    guard fields.count == columns.count else {
      throw DemoSchoolsCSVError(
        line: line, message: "expected \(columns.count) fields, found \(fields.count)")
    }
    func fail(_ column: Int, _ expected: String) -> DemoSchoolsCSVError {
      DemoSchoolsCSVError(
        line: line, message: "\(columns[column]) must be \(expected), not \"\(fields[column])\"")
    }
    func integer(_ column: Int, _ range: ClosedRange<Int>, _ expected: String)
      throws(DemoSchoolsCSVError) -> Int
    {
      guard fields[column].utf8.allSatisfy({ (0x30...0x39).contains($0) }),
        let value = Int(fields[column]), range.contains(value)
      else { throw fail(column, expected) }
      return value
    }
    func degrees(_ column: Int) throws(DemoSchoolsCSVError) -> Double {
      guard let value = Double(fields[column]), value.isFinite else {
        throw fail(column, "a number of degrees")
      }
      return value
    }
    func boolean(_ column: Int) throws(DemoSchoolsCSVError) -> Bool {
      switch fields[column] {
      case "true": return true
      case "false": return false
      default: throw fail(column, "true or false")
      }
    }
    func text(_ column: Int) throws(DemoSchoolsCSVError) -> String {
      guard !fields[column].isEmpty else { throw fail(column, "non-empty") }
      return fields[column]
    }

    let urn = try integer(0, 100_000...999_999, "a six-digit URN")
    guard let phase = SchoolPhase(rawValue: fields[6]) else {
      throw fail(6, SchoolPhase.allCases.map(\.rawValue).joined(separator: ", "))
    }
    let committed = try boolean(12)
    let commitDate: CalendarDate?
    if fields[13].isEmpty {
      commitDate = nil
    } else {
      guard let date = CalendarDate(fields[13]) else { throw fail(13, "a YYYY-MM-DD date") }
      commitDate = date
    }
    guard committed == (commitDate != nil) else {
      throw fail(13, committed ? "a date, as the school committed" : "empty, as committed is false")
    }
    let isPubliclyListed = try boolean(14)
    guard let reviewProfile = ReviewProfile(rawValue: fields[15]) else {
      throw fail(15, ReviewProfile.allCases.map(\.rawValue).joined(separator: ", "))
    }
    guard committed || (!isPubliclyListed && reviewProfile == .none) else {
      throw DemoSchoolsCSVError(
        line: line,
        message: "a school that has not committed can be neither publicly listed nor reviewing")
    }
    return DemoSchool(
      urn: urn, name: try text(1), street: try text(2), town: try text(3), county: try text(4),
      postcode: try text(5), phase: phase,
      localAuthorityCode: try integer(7, 100...999, "a three-digit local authority code"),
      localAuthorityName: try text(8),
      numberOnRoll: try integer(9, 0...99_999, "a number of pupils"),
      latitude: try degrees(10), longitude: try degrees(11), commitDate: commitDate,
      isPubliclyListed: isPubliclyListed, reviewProfile: reviewProfile)
  }
}
