/// An instant in UTC to the second, for when a framework version was published.
///
/// The framework data files write it as RFC 3339 with a `Z` offset (`2010-06-18T00:00:00Z`); the
/// service maps it to `google.protobuf.Timestamp`. It exists so that the domain needs no
/// Foundation `Date`.
public struct UTCTime: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Seconds since 1970-01-01T00:00:00Z.
  public let secondsSince1970: Int64

  /// An instant from seconds since the Unix epoch.
  public init(secondsSince1970: Int64) {
    self.secondsSince1970 = secondsSince1970
  }

  /// Parses `YYYY-MM-DDTHH:MM:SSZ`.
  ///
  /// - Returns: `nil` unless the text is exactly that shape (no fractions, no other offsets) and
  ///   names a real instant.
  public init?(_ text: some StringProtocol) {
    let text = String(text)
    guard text.count == 20, text.last == "Z" else { return nil }
    let characters = Array(text)
    guard characters[10] == "T", characters[13] == ":", characters[16] == ":",
      let date = CalendarDate(String(characters[0..<10])),
      let hour = UTCTime.twoDigits(characters[11...12]), hour < 24,
      let minute = UTCTime.twoDigits(characters[14...15]), minute < 60,
      let second = UTCTime.twoDigits(characters[17...18]), second < 60
    else { return nil }
    let seconds = date.daysSince1970 * 86_400 + hour * 3_600 + minute * 60 + second
    self.init(secondsSince1970: Int64(seconds))
  }

  /// `YYYY-MM-DDTHH:MM:SSZ`.
  public var description: String {
    let seconds = Int(secondsSince1970)
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let secondOfDay = seconds - days * 86_400
    let date = UTCTime.civil(fromDaysSince1970: days)
    let time = [secondOfDay / 3_600, secondOfDay / 60 % 60, secondOfDay % 60]
      .map { CalendarDate.pad($0, 2) }.joined(separator: ":")
    return "\(CalendarDate.pad(date.year, 4))-\(CalendarDate.pad(date.month, 2))-"
      + "\(CalendarDate.pad(date.day, 2))T\(time)Z"
  }

  public static func < (lhs: UTCTime, rhs: UTCTime) -> Bool {
    lhs.secondsSince1970 < rhs.secondsSince1970
  }

  private static func twoDigits(_ characters: ArraySlice<Character>) -> Int? {
    guard characters.allSatisfy(\.isASCIIDigit) else { return nil }
    return Int(String(characters))
  }

  /// Howard Hinnant's `civil_from_days`.
  private static func civil(fromDaysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }
}
