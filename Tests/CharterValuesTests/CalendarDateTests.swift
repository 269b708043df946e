import CharterValues
import Testing

@Suite("CalendarDate")
struct CalendarDateTests {
  @Test("day numbers count from 1970-01-01 and convert both ways")
  func dayNumbers() {
    #expect(CalendarDate(year: 1970, month: 1, day: 1)?.dayNumber == 0)
    #expect(CalendarDate(year: 2009, month: 1, day: 1)?.dayNumber == 14_245)
    #expect(CalendarDate(year: 1969, month: 12, day: 31)?.dayNumber == -1)
    for number in stride(from: -800_000, through: 800_000, by: 997) {
      #expect(CalendarDate(dayNumber: number).dayNumber == number)
    }
    let june = CalendarDate(year: 2010, month: 6, day: 30)!
    #expect(
      CalendarDate(dayNumber: june.dayNumber + 1) == CalendarDate(year: 2010, month: 7, day: 1))
  }

  @Test("dates print and parse as YYYY-MM-DD")
  func text() {
    let date = CalendarDate(year: 2009, month: 1, day: 14)!
    #expect(date.description == "2009-01-14")
    #expect(CalendarDate("2009-01-14") == date)
    #expect(CalendarDate(year: 812, month: 3, day: 5)?.description == "0812-03-05")
  }

  @Test(
    "malformed or impossible dates do not parse",
    arguments: [
      "", "2009-1-14", "2009/01/14", "2010-02-29", "2009-13-01", "2009-04-31", "+009-01-01",
      "2009-01-14 ", "２００９-01-14",
    ])
  func invalid(text: String) {
    #expect(CalendarDate(text) == nil)
  }

  @Test("leap days exist only in leap years")
  func leapDays() {
    #expect(CalendarDate(year: 2008, month: 2, day: 29) != nil)
    #expect(CalendarDate(year: 2000, month: 2, day: 29) != nil)
    #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
  }
}
