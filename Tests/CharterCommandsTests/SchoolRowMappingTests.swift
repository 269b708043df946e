import CharterCommands
import Contracts
import Testing

/// Rows of the import file to `RegisterSchool` requests, and every reason a row is refused.
@Suite("School row mapping")
struct SchoolRowMappingTests {
  static let header = SchoolCSVHeader.knownColumns

  /// A complete valid row, as the demo data writes it, with overrides.
  static func row(_ overrides: [String: String] = [:]) -> [String] {
    let values: [String: String] = [
      "urn": "107979", "name": "Horsforth School", "street": "Lee Lane East", "town": "Leeds",
      "county": "West Yorkshire", "postcode": "LS18 5RF", "phase": "secondary", "la_code": "383",
      "la_name": "Leeds", "number_on_roll": "1650", "latitude": "53.84590",
      "longitude": "-1.64530", "committed": "true", "commit_date": "2009-01-14",
      "publicly_listed": "true", "review_profile": "mostly-rated",
    ].merging(overrides) { $1 }
    return header.map { values[$0]! }
  }

  private func map(_ record: [String], header: [String] = header) throws -> Result<
    Registry.RegisterSchoolRequest, SchoolRowProblem
  > {
    SchoolRowMapping.request(for: record, header: try SchoolCSVHeader(header))
  }

  @Test("A full row of all 16 columns becomes one request carrying the Charter choices")
  func fullRow() throws {
    let request = try map(Self.row()).get()
    #expect(request.urn == "107979")
    #expect(request.name == "Horsforth School")
    #expect(
      request.address
        == Common.PostalAddress(
          lines: ["Lee Lane East"],
          town: "Leeds",
          county: "West Yorkshire",
          postcode: "LS18 5RF"
        )
    )
    #expect(request.phase == .secondary)
    #expect(request.localAuthority == Common.LocalAuthority(code: "383", name: "Leeds"))
    #expect(request.numberOnRoll == 1650)
    #expect(request.location == Common.GeoPoint(latitude: 53.8459, longitude: -1.6453))
    #expect(request.commitToCharter)
    #expect(request.publiclyListed)
    #expect(request.committedAt?.rfc3339 == "2009-01-14T00:00:00Z")
  }

  @Test("Optional values may be empty: no roll, no location, not committed")
  func optionalValues() throws {
    let request = try map(
      Self.row([
        "street": "", "county": "", "number_on_roll": "", "latitude": "", "longitude": "",
        "committed": "", "commit_date": "", "publicly_listed": "",
      ])
    ).get()
    #expect(request.address?.lines == [])
    #expect(request.numberOnRoll == 0)
    #expect(request.location == nil)
    #expect(!request.commitToCharter)
    #expect(!request.publiclyListed)
    #expect(request.committedAt == nil)
  }

  @Test("Committed without a date commits at the call's time")
  func committedWithoutDate() throws {
    let request = try map(Self.row(["commit_date": "", "publicly_listed": "false"])).get()
    #expect(request.commitToCharter)
    #expect(request.committedAt == nil)
  }

  @Test(
    "Values are normalised: spaces trimmed, postcode upper case with its space, UK dates, yes/no"
  )
  func normalisation() throws {
    let request = try map(
      Self.row([
        "name": " \t Ysgol Gymraeg Tŷ Coch ☕ ", "postcode": "ls185rf",
        "phase": "Middle deemed secondary",
        "committed": "Yes", "commit_date": "14/1/2009", "publicly_listed": "N",
        "street": "Building 2\nLee Lane East\n",
      ])
    ).get()
    #expect(request.name == "Ysgol Gymraeg Tŷ Coch ☕")
    #expect(request.address?.postcode == "LS18 5RF")
    #expect(request.address?.lines == ["Building 2", "Lee Lane East"])
    #expect(request.phase == .middle)
    #expect(request.committedAt?.rfc3339 == "2009-01-14T00:00:00Z")
    #expect(!request.publiclyListed)
  }

  @Test("Columns are found by name in any order; extra columns are ignored")
  func columnOrder() throws {
    let header = ["notes"] + Self.header.reversed()
    let record = ["anything"] + Self.row().reversed()
    #expect(try map(record, header: header).get() == map(Self.row()).get())
  }

  @Test(
    "Every problem is found before a call, with its reason",
    arguments: [
      (["urn": ""], SchoolRowProblem.missingValue(column: "urn")),
      (["name": " "], .missingValue(column: "name")),
      (["postcode": ""], .missingValue(column: "postcode")),
      (["phase": ""], .missingValue(column: "phase")),
      (["la_code": ""], .missingValue(column: "la_code")),
      (["la_name": ""], .missingValue(column: "la_name")),
      (["urn": "12345"], .invalidURN("12345")),
      (["urn": "10797a"], .invalidURN("10797a")),
      (["phase": "infant"], .unknownPhase("infant")),
      (["la_code": "38"], .invalidLocalAuthorityCode("38")),
      (["number_on_roll": "1,650"], .badNumber(column: "number_on_roll", value: "1,650")),
      (["number_on_roll": "-5"], .outOfRange(column: "number_on_roll", value: "-5")),
      (["latitude": "north"], .badNumber(column: "latitude", value: "north")),
      (["longitude": "nan"], .badNumber(column: "longitude", value: "nan")),
      (["latitude": "95"], .outOfRange(column: "latitude", value: "95")),
      (["longitude": "-181"], .outOfRange(column: "longitude", value: "-181")),
      (["longitude": ""], .incompleteLocation),
      (["committed": "maybe"], .badBoolean(column: "committed", value: "maybe")),
      (["publicly_listed": "2"], .badBoolean(column: "publicly_listed", value: "2")),
      (["commit_date": "2009-02-30"], .badDate(column: "commit_date", value: "2009-02-30")),
      (["commit_date": "13/01/09"], .badDate(column: "commit_date", value: "13/01/09")),
      (["commit_date": "yesterday"], .badDate(column: "commit_date", value: "yesterday")),
      (["committed": "false", "publicly_listed": "false"], .commitDateWithoutCommitment),
      (["committed": "false", "commit_date": ""], .listedWithoutCommitment),
      (["name": "Bad\u{0}Name"], .nulCharacter(column: "name")),
    ] as [([String: String], SchoolRowProblem)]
  )
  func rejections(overrides: [String: String], problem: SchoolRowProblem) throws {
    #expect(try map(Self.row(overrides)) == .failure(problem))
  }

  @Test("A row with a different number of fields from the header is refused")
  func fieldCount() throws {
    #expect(try map(Array(Self.row().dropLast())) == .failure(.fieldCount(found: 15, expected: 16)))
    #expect(try map(Self.row() + ["extra"]) == .failure(.fieldCount(found: 17, expected: 16)))
  }

  @Test("Rejection reasons read as sentences naming the column and value")
  func reasons() {
    #expect(
      SchoolRowProblem.unknownPhase("infant").description
        == "unknown phase \"infant\" (expected nursery, primary, middle, secondary, all-through, special or pru)"
    )
    #expect(
      SchoolRowProblem.badBoolean(column: "committed", value: "maybe").description
        == "committed \"maybe\" is not true or false"
    )
    #expect(
      SchoolRowProblem.fieldCount(found: 15, expected: 16).description
        == "has 15 fields, the header has 16"
    )
    #expect(
      SchoolRowProblem.listedWithoutCommitment.description
        == "publicly_listed is true but committed is false"
    )
  }
}

@Suite("School CSV header")
struct SchoolCSVHeaderTests {
  @Test("Missing required columns are all named, before anything is sent")
  func missingColumns() {
    #expect(
      throws: SchoolCSVHeaderError.missingColumns(
        ["postcode", "la_name"],
        found: ["urn", "name", "phase", "la_code"]
      )
    ) {
      try SchoolCSVHeader(["urn", "name", "phase", "la_code"])
    }
    let message = SchoolCSVHeaderError.missingColumns(["postcode"], found: ["urn"]).description
    #expect(
      message.hasPrefix(
        "the header lacks required column postcode (found: urn; expected: urn,name,"
      )
    )
  }

  @Test("Names match ignoring case and spaces; optional columns may be absent")
  func lenientNames() throws {
    let header = try SchoolCSVHeader([" URN", "Name ", "Postcode", "PHASE", "la_code", "LA_Name"])
    #expect(header.has("urn"))
    #expect(!header.has("committed"))
    #expect(header.value("committed", in: ["1", "2", "3", "4", "5", "6"]) == "")
  }

  @Test("A column the import reads may not appear twice; unknown duplicates do not matter")
  func duplicates() throws {
    #expect(throws: SchoolCSVHeaderError.duplicateColumns(["urn"])) {
      try SchoolCSVHeader(["urn", "name", "postcode", "phase", "la_code", "la_name", "urn"])
    }
    _ = try SchoolCSVHeader(["urn", "name", "postcode", "phase", "la_code", "la_name", "x", "x"])
  }
}
