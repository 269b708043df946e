import CharterCommands
import Contracts
import Testing

/// The `rate-many` file: read by column name, every row checked before anything is sent, and
/// problems reported by spreadsheet row number.
@Suite("Ratings file")
struct RatingsFileTests {
  @Test("Each row becomes one rating of a single RateAspects request, in file order")
  func request() throws {
    let file = try RatingsFile(
      csv: "level,aspect_id,commentary\r\n2,1a1,\"Agreed by governors, 2009\"\r\n\r\n3, 1a2 ,\r\n"
    )
    #expect(file.problems.isEmpty)
    let request = try #require(file.request(urn: "107979"))
    #expect(request.schoolUrn == "107979")
    #expect(
      request.ratings == [
        SelfReview.RateAspectRequest(
          aspectId: "1a1",
          level: 2,
          commentary: "Agreed by governors, 2009"
        ),
        SelfReview.RateAspectRequest(aspectId: "1a2", level: 3, commentary: ""),
      ]
    )
    // The empty line is row 3; the second rating is on row 4.
    #expect(file.rows.map(\.row) == [2, 4])
    #expect(file.row(forRatingIndex: 1) == 4)
  }

  @Test("The commentary column is optional")
  func withoutCommentary() throws {
    let file = try RatingsFile(csv: "aspect_id,level\n1a1,1\n")
    #expect(file.request(urn: "107979")?.ratings.first?.commentary == "")
  }

  @Test("Every bad row is reported with its row number, and then nothing is sent")
  func rowProblems() throws {
    let file = try RatingsFile(
      csv: """
        aspect_id,level,commentary
        1a1,2,fine
        1a2,two,
        ,3,
        1a1,4,again
        1b1,3
        1b2,0,
        1b3,,

        """
    )
    #expect(file.request(urn: "107979") == nil)
    #expect(
      file.problems == [
        "row 3: level \"two\" is not a whole number from 1",
        "row 4: aspect_id is empty",
        "row 5: aspect 1a1 is already rated on row 2",
        "row 6: has 2 fields, the header has 3",
        "row 7: level \"0\" is not a whole number from 1",
        "row 8: level is empty",
      ]
    )
  }

  @Test("Commentary longer than the service stores is refused here")
  func longCommentary() throws {
    let long = String(repeating: "é", count: 10_001)
    let file = try RatingsFile(csv: "aspect_id,level,commentary\n1a1,2,\(long)\n")
    #expect(
      file.problems == ["row 2: the commentary has 10001 characters; at most 10000 are allowed"]
    )
  }

  @Test("A file without the columns, with unknown or repeated ones, or without ratings is refused")
  func fileErrors() {
    #expect(throws: RatingsFileError.empty) { try RatingsFile(csv: "") }
    #expect(throws: RatingsFileError.missingColumns(["level"])) {
      try RatingsFile(csv: "aspect_id,commentary\n1a1,x\n")
    }
    #expect(throws: RatingsFileError.unknownColumns(["comentary"])) {
      try RatingsFile(csv: "aspect_id,level,comentary\n1a1,2,x\n")
    }
    #expect(throws: RatingsFileError.duplicateColumns(["level"])) {
      try RatingsFile(csv: "aspect_id,level,level\n1a1,2,3\n")
    }
    #expect(throws: RatingsFileError.noRatings) { try RatingsFile(csv: "aspect_id,level\n\n") }
    let tooMany = "aspect_id,level\n" + (0...200).map { "a\($0),1\n" }.joined()
    #expect(throws: RatingsFileError.tooManyRatings(201)) { try RatingsFile(csv: tooMany) }
    #expect(throws: RatingsFileError.csv(.unterminatedQuote(row: 2))) {
      try RatingsFile(csv: "aspect_id,level\n\"1a1,2\n")
    }
  }

  @Test("The service's ratings[i] is turned back into the file's row number")
  func rowOfServiceError() throws {
    let file = try RatingsFile(csv: "aspect_id,level\n\n1a1,2\n1a2,9\n")
    #expect(file.row(namedIn: "ratings[1].level: 9 is not a level of aspect 1a2") == 4)
    #expect(file.row(namedIn: "ratings[0].aspect_id: no such aspect") == 3)
    #expect(file.row(namedIn: "ratings[7].level: out of range") == nil)
    #expect(file.row(namedIn: "school_urn: must be six digits") == nil)
  }
}
