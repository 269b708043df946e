import CharterValues
import Testing

@Suite("Dates and publish times in framework data")
struct CalendarTests {
  @Test(
    "parses and prints YYYY-MM-DD, refusing days that do not exist",
    arguments: [
      ("2010-06-18", true), ("2008-02-29", true), ("2010-02-29", false),
      ("2010-13-01", false), ("2010-6-18", false), ("18/06/2010", false), ("2000-02-29", true),
      ("1900-02-29", false),
    ])
  func dates(text: String, valid: Bool) {
    let date = CalendarDate(text)
    #expect((date != nil) == valid)
    if let date { #expect(date.description == text) }
  }

  @Test(
    "parses RFC 3339 UTC times to seconds since 1970 and prints them back",
    arguments: [
      ("1970-01-01T00:00:00Z", 0), ("2010-06-18T00:00:00Z", 1_276_819_200),
      ("2006-03-30T09:15:30Z", 1_143_710_130), ("1969-12-31T23:59:59Z", -1),
    ])
  func times(text: String, seconds: Int64) throws {
    let time = try #require(UTCTime(text))
    #expect(time.secondsSince1970 == seconds)
    #expect(time.description == text)
  }

  @Test(
    "refuses times with fractions, offsets or impossible values",
    arguments: [
      "2010-06-18T00:00:00.5Z", "2010-06-18T00:00:00+01:00", "2010-06-18T24:00:00Z",
      "2010-06-18 00:00:00Z", "2010-06-31T00:00:00Z",
    ])
  func badTimes(text: String) {
    #expect(UTCTime(text) == nil)
  }
}
