internal import CharterValues
public import Contracts

/// Turns one row of a schools import file into the `RegisterSchool` request that registers
/// it, or says why it cannot.
///
/// Each row becomes exactly one request that carries the Charter choices too
/// (`commit_to_charter`, `publicly_listed`, `committed_at`), because the registry registers
/// and commits in one transaction: a row is imported whole or not at all. Values that cannot
/// be right (a bad number, an unknown phase, an impossible date, a listed school that never
/// committed) are refused here, without a call.
///
/// Column meanings: `street` holds the address lines (one per line of a multi-line field);
/// `postcode` is normalised to upper case with its space; `number_on_roll` may be empty (not
/// known); `latitude`/`longitude` are decimal degrees, both or neither; `committed` and
/// `publicly_listed` are booleans (``ValueSyntax/boolean(_:)``), empty meaning false;
/// `commit_date` is a date (``ValueSyntax/midnightUTC(ofDate:)``), sent as midnight UTC, and
/// only allowed on a committed school.
public enum SchoolRowMapping {
  /// The request for `record`, a data row of a file with `header`.
  ///
  /// - Returns: The request, or the first problem found in the row.
  public static func request(
    for record: [String],
    header: SchoolCSVHeader
  ) -> Result<Registry.RegisterSchoolRequest, SchoolRowProblem> {
    Result { () throws(SchoolRowProblem) in try makeRequest(record, header) }
  }

  private static func makeRequest(
    _ record: [String],
    _ header: SchoolCSVHeader
  ) throws(SchoolRowProblem) -> Registry.RegisterSchoolRequest {
    guard record.count == header.fields.count else {
      throw .fieldCount(found: record.count, expected: header.fields.count)
    }
    for column in SchoolCSVHeader.knownColumns
    where header.rawValue(column, in: record).utf8.contains(0) {
      throw .nulCharacter(column: column)
    }
    func required(_ column: String) throws(SchoolRowProblem) -> String {
      let value = header.value(column, in: record)
      guard !value.isEmpty else { throw .missingValue(column: column) }
      return value
    }

    var request = Registry.RegisterSchoolRequest()
    request.urn = try required("urn")
    guard SchoolURN(request.urn) != nil else { throw .invalidURN(request.urn) }
    request.name = try required("name")

    var address = Common.PostalAddress()
    address.lines = header.rawValue("street", in: record)
      .split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
      .map(\.trimmingSpaces).filter { !$0.isEmpty }
    address.town = header.value("town", in: record)
    address.county = header.value("county", in: record)
    address.postcode = ValueSyntax.postcode(try required("postcode"))
    request.address = address

    let phaseText = try required("phase")
    guard let phase = SchoolPhaseSyntax.phase(named: phaseText) else {
      throw .unknownPhase(phaseText)
    }
    request.phase = phase

    let laCode = try required("la_code")
    guard LocalAuthorityCode(laCode) != nil else { throw .invalidLocalAuthorityCode(laCode) }
    request.localAuthority = Common.LocalAuthority(code: laCode, name: try required("la_name"))

    let roll = header.value("number_on_roll", in: record)
    if !roll.isEmpty {
      guard let number = Int32(roll) else {
        throw .badNumber(column: "number_on_roll", value: roll)
      }
      guard number >= 0 else { throw .outOfRange(column: "number_on_roll", value: roll) }
      request.numberOnRoll = number
    }

    let latitudeText = header.value("latitude", in: record)
    let longitudeText = header.value("longitude", in: record)
    switch (latitudeText.isEmpty, longitudeText.isEmpty) {
    case (true, true): break
    case (false, false):
      let latitude = try degrees("latitude", latitudeText, limit: 90)
      let longitude = try degrees("longitude", longitudeText, limit: 180)
      request.location = Common.GeoPoint(latitude: latitude, longitude: longitude)
    default: throw .incompleteLocation
    }

    let committed = try boolean("committed", header.value("committed", in: record))
    let listed = try boolean("publicly_listed", header.value("publicly_listed", in: record))
    let dateText = header.value("commit_date", in: record)
    if !dateText.isEmpty {
      guard let date = ValueSyntax.midnightUTC(ofDate: dateText) else {
        throw .badDate(column: "commit_date", value: dateText)
      }
      guard committed else { throw .commitDateWithoutCommitment }
      request.committedAt = date
    }
    guard committed || !listed else { throw .listedWithoutCommitment }
    request.commitToCharter = committed
    request.publiclyListed = listed
    return request
  }

  private static func boolean(_ column: String, _ text: String) throws(SchoolRowProblem) -> Bool {
    if text.isEmpty { return false }
    guard let value = ValueSyntax.boolean(text) else {
      throw .badBoolean(column: column, value: text)
    }
    return value
  }

  private static func degrees(
    _ column: String,
    _ text: String,
    limit: Double
  ) throws(SchoolRowProblem) -> Double {
    guard text.allSatisfy({ $0.isASCIIDigit || "+-.eE".contains($0) }), let value = Double(text)
    else { throw .badNumber(column: column, value: text) }
    guard value.isFinite, abs(value) <= limit else {
      throw .outOfRange(column: column, value: text)
    }
    return value
  }
}
