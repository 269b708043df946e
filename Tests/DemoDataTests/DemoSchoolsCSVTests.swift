import CharterValues
import DemoData
import Testing

private let header =
  "urn,name,street,town,county,postcode,phase,la_code,la_name,number_on_roll,latitude,"
  + "longitude,committed,commit_date,publicly_listed,review_profile"

private let goodRow =
  "123456,Oakfield Junior School,12 Church Lane,Bristol,Bristol,BS1 4DJ,primary,801,"
  + "\"Bristol, City of\",240,51.45512,-2.59120,true,2009-03-02,true,partway"

@Suite("DemoSchoolsCSV")
struct DemoSchoolsCSVTests {
  static func school(
    name: String = "Oakfield Junior School",
    street: String = "12 Church Lane",
    commitDate: CalendarDate? = CalendarDate(year: 2009, month: 3, day: 2),
    isPubliclyListed: Bool = true,
    reviewProfile: ReviewProfile = .partway
  ) -> DemoSchool {
    DemoSchool(
      urn: 123_456, name: name, street: street, town: "Bristol", county: "Bristol",
      postcode: "BS1 4DJ", phase: .primary, localAuthorityCode: 801,
      localAuthorityName: "Bristol, City of", numberOnRoll: 240, latitude: 51.45512,
      longitude: -2.5912, commitDate: commitDate, isPubliclyListed: isPubliclyListed,
      reviewProfile: reviewProfile)
  }

  @Test("the header has exactly the agreed columns")
  func headerRow() {
    let csv = DemoSchoolsCSV.render([])
    #expect(csv == header + "\n")
  }

  @Test("a row quotes only fields that need it, with five-decimal coordinates")
  func row() {
    let csv = DemoSchoolsCSV.render([
      Self.school(name: "St Mary's, \"the Old School\" CofE Primary School")
    ])
    let row = csv.split(separator: "\n").last.map(String.init)
    #expect(
      row
        == "123456,\"St Mary's, \"\"the Old School\"\" CofE Primary School\",12 Church Lane,"
        + "Bristol,Bristol,BS1 4DJ,primary,801,\"Bristol, City of\",240,51.45512,-2.59120,"
        + "true,2009-03-02,true,partway")
  }

  @Test("an uncommitted school has an empty commit date and false flags")
  func uncommittedRow() {
    let csv = DemoSchoolsCSV.render([
      Self.school(commitDate: nil, isPubliclyListed: false, reviewProfile: .none)
    ])
    #expect(csv.hasSuffix(",false,,false,none\n"))
  }

  @Test("the generated England-sized set reads back unchanged")
  func roundTripGenerated() throws {
    let csv = DemoSchoolsCSV.render(Fixtures.schools)
    #expect(try DemoSchoolsCSV.parse(csv) == Fixtures.schools)
  }

  @Test(
    "names with commas, quotes, apostrophes, newlines and accents read back unchanged",
    arguments: [
      "St Mary's Church of England Primary School", "Sir John Cass's Foundation, Primary",
      "The \"New\" School", "\"Quoted\"", ",", "Line one\nLine two", "Crlf\r\nName",
      "École Française de Londres", "Ysgol Gymraeg, Llundain 🏴",
    ])
  func roundTripAwkwardNames(name: String) throws {
    let schools = [Self.school(name: name), Self.school(name: "Plain", street: name)]
    #expect(try DemoSchoolsCSV.parse(DemoSchoolsCSV.render(schools)) == schools)
  }

  @Test("CRLF line ends and a missing final line feed are accepted")
  func lineEnds() throws {
    let csv = DemoSchoolsCSV.render([Self.school(), Self.school(name: "Other, School")])
    let crlf = csv.replacing("\n", with: "\r\n")
    #expect(try DemoSchoolsCSV.parse(crlf).count == 2)
    #expect(try DemoSchoolsCSV.parse(String(csv.dropLast())).count == 2)
  }

  @Test(
    "malformed files are rejected with the line at fault",
    arguments: [
      ("", 1, "empty"),
      ("urn,name\n", 1, "header"),
      (header + "\n" + goodRow + "\n" + "1,2,3\n", 3, "expected 16 fields"),
      (header + "\n" + goodRow.replacing("123456", with: "12345"), 2, "urn"),
      (header + "\n" + goodRow.replacing(",primary,", with: ",infant,"), 2, "phase"),
      (header + "\n" + goodRow.replacing(",true,2009-03-02,", with: ",true,,"), 2, "commit_date"),
      (
        header + "\n" + goodRow.replacing(",true,2009-03-02,", with: ",false,2009-03-02,"), 2,
        "commit_date"
      ),
      (header + "\n" + goodRow.replacing("2009-03-02", with: "2009-02-30"), 2, "commit_date"),
      (
        header + "\n"
          + goodRow.replacing(",true,2009-03-02,true,partway", with: ",false,,true,none"),
        2, "not committed"
      ),
      (
        header + "\n"
          + goodRow.replacing(",true,2009-03-02,true,partway", with: ",false,,false,level2"),
        2, "not committed"
      ),
      (
        header + "\n" + goodRow.replacing(",true,partway", with: ",yes,partway"), 2,
        "publicly_listed"
      ),
      (header + "\n" + goodRow.replacing(",partway", with: ",halfway"), 2, "review_profile"),
      (header + "\n" + goodRow.replacing("51.45512", with: "north"), 2, "latitude"),
      (header + "\n" + goodRow.replacing(",240,", with: ",-4,"), 2, "number_on_roll"),
      (header + "\n" + goodRow.replacing("Oakfield Junior School", with: ""), 2, "name"),
      (header + "\n" + goodRow + "\n" + "\"unclosed,field\n", 3, "not closed"),
      (header + "\n" + goodRow.replacing("Oakfield", with: "Oak\"field"), 2, "quote"),
      (header + "\n\"multi\nline\"x,2\n", 3, "closing quote"),
    ])
  func malformed(text: String, line: Int, fragment: String) {
    #expect {
      try DemoSchoolsCSV.parse(text)
    } throws: { error in
      guard let error = error as? DemoSchoolsCSVError else { return false }
      return error.line == line && error.message.contains(fragment)
    }
  }
}
