#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Musl)
  internal import Musl
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// An instant, to the nanosecond, on the UTC time line: when something happened or will.
///
/// The one instant type of the platform's own code. Contracts carry it as
/// `google.protobuf.Timestamp`, stores as whole milliseconds, text as RFC 3339. It exists so
/// that domain logic needs no Foundation `Date` and reads the time only from a ``WallClock``,
/// which tests can move.
public struct UTCTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// The earliest instant the contracts allow, 0001-01-01T00:00:00Z.
  public static let minimumSeconds: Int64 = -62_135_596_800
  /// The last second the contracts allow, 9999-12-31T23:59:59Z.
  public static let maximumSeconds: Int64 = 253_402_300_799

  /// Whole seconds since 1970-01-01T00:00:00Z (negative before it).
  public let secondsSince1970: Int64
  /// Nanoseconds after that second, 0 ..< 1,000,000,000 (always forward in time).
  public let nanoseconds: Int32

  /// An instant from seconds since the Unix epoch and nanoseconds after it (normalised, so a
  /// negative or overlarge `nanoseconds` carries into the seconds).
  public init(secondsSince1970: Int64, nanoseconds: Int64 = 0) {
    let carry = nanoseconds >= 0 ? nanoseconds / 1_000_000_000 : (nanoseconds - 999_999_999) / 1_000_000_000
    self.secondsSince1970 = secondsSince1970 + carry
    self.nanoseconds = Int32(nanoseconds - carry * 1_000_000_000)
  }

  /// The instant `milliseconds` after the Unix epoch: how stores keep instants.
  public init(millisecondsSince1970 milliseconds: Int64) {
    let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
    self.init(secondsSince1970: seconds, nanoseconds: (milliseconds - seconds * 1000) * 1_000_000)
  }

  /// Whole milliseconds since the Unix epoch, rounded down: how stores keep instants.
  public var millisecondsSince1970: Int64 { secondsSince1970 * 1000 + Int64(nanoseconds / 1_000_000) }

  /// Whether the instant lies in years 0001 through 9999, as the contracts require.
  public var isWithinContractRange: Bool {
    secondsSince1970 >= Self.minimumSeconds && secondsSince1970 <= Self.maximumSeconds
  }

  /// The system's real-time clock now.
  public static func now() -> UTCTime {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return UTCTime(secondsSince1970: Int64(spec.tv_sec), nanoseconds: Int64(spec.tv_nsec))
  }

  /// This instant moved by `duration` (which may be negative).
  public func adding(_ duration: Duration) -> UTCTime {
    let (seconds, attoseconds) = duration.components
    return UTCTime(
      secondsSince1970: secondsSince1970 + seconds,
      nanoseconds: Int64(nanoseconds) + attoseconds / 1_000_000_000)
  }

  /// The time from this instant to `other` (negative when `other` is earlier).
  public func duration(to other: UTCTime) -> Duration {
    .seconds(other.secondsSince1970 - secondsSince1970) + .nanoseconds(Int64(other.nanoseconds) - Int64(nanoseconds))
  }

  /// The calendar day this instant falls on in UTC.
  public var date: CalendarDate {
    let days = secondsSince1970 >= 0 ? secondsSince1970 / 86_400 : (secondsSince1970 - 86_399) / 86_400
    return CalendarDate(dayNumber: Int(days))
  }

  public static func < (lhs: UTCTime, rhs: UTCTime) -> Bool {
    (lhs.secondsSince1970, lhs.nanoseconds) < (rhs.secondsSince1970, rhs.nanoseconds)
  }

  // MARK: text

  /// RFC 3339 in UTC, as proto3 JSON writes instants: `2009-01-13T09:30:00Z`, with 3, 6 or 9
  /// fractional digits when there are nanoseconds.
  public var description: String {
    let days = secondsSince1970 >= 0 ? secondsSince1970 / 86_400 : (secondsSince1970 - 86_399) / 86_400
    let secondOfDay = Int(secondsSince1970 - days * 86_400)
    let (year, month, day) = CalendarDate.civil(fromDayNumber: Int(days))
    var text = CalendarDate.pad(year, 4) + "-" + CalendarDate.pad(month, 2) + "-" + CalendarDate.pad(day, 2) + "T"
    text += CalendarDate.pad(secondOfDay / 3600, 2) + ":" + CalendarDate.pad(secondOfDay / 60 % 60, 2) + ":"
    text += CalendarDate.pad(secondOfDay % 60, 2)
    let nanos = Int(nanoseconds)
    if nanos != 0 {
      if nanos % 1_000_000 == 0 {
        text += "." + CalendarDate.pad(nanos / 1_000_000, 3)
      } else if nanos % 1000 == 0 {
        text += "." + CalendarDate.pad(nanos / 1000, 6)
      } else {
        text += "." + CalendarDate.pad(nanos, 9)
      }
    }
    return text + "Z"
  }

  /// Parses exactly `YYYY-MM-DDTHH:MM:SSZ`: whole seconds in UTC, the form data files use.
  public init?(_ text: some StringProtocol) {
    let text = String(text)
    guard text.utf8.count == 20, text.last == "Z", !text.contains("."), let time = UTCTime(rfc3339: text) else {
      return nil
    }
    self = time
  }

  /// Parses an RFC 3339 date-time (`2009-01-13T09:30:00.5+01:00`: `Z` or an offset, up to nine
  /// fractional digits). Returns `nil` for anything else or outside years 0001–9999.
  public init?(rfc3339 text: some StringProtocol) {
    let utf8 = Array(text.utf8)
    var index = 0
    func number(_ digits: Int) -> Int64? {
      guard index + digits <= utf8.count else { return nil }
      var value: Int64 = 0
      for offset in 0..<digits {
        let byte = utf8[index + offset]
        guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
        value = value * 10 + Int64(byte - UInt8(ascii: "0"))
      }
      index += digits
      return value
    }
    func expect(_ characters: String) -> Bool {
      guard index < utf8.count, characters.utf8.contains(utf8[index]) else { return false }
      index += 1
      return true
    }
    guard let year = number(4), expect("-"), let month = number(2), expect("-"),
      let day = number(2), expect("Tt"), let hour = number(2), expect(":"),
      let minute = number(2), expect(":"), let second = number(2)
    else { return nil }
    var nanos: Int64 = 0
    if index < utf8.count, utf8[index] == UInt8(ascii: ".") {
      index += 1
      var digits = 0
      while index < utf8.count, utf8[index] >= UInt8(ascii: "0"), utf8[index] <= UInt8(ascii: "9") {
        guard digits < 9 else { return nil }
        nanos = nanos * 10 + Int64(utf8[index] - UInt8(ascii: "0"))
        digits += 1
        index += 1
      }
      guard digits > 0 else { return nil }
      for _ in digits..<9 { nanos *= 10 }
    }
    var offsetSeconds: Int64 = 0
    if expect("Zz") {
      offsetSeconds = 0
    } else if index < utf8.count, utf8[index] == UInt8(ascii: "+") || utf8[index] == UInt8(ascii: "-") {
      let sign: Int64 = utf8[index] == UInt8(ascii: "-") ? -1 : 1
      index += 1
      guard let offsetHours = number(2), expect(":"), let offsetMinutes = number(2), offsetHours < 24,
        offsetMinutes < 60
      else { return nil }
      offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
    } else {
      return nil
    }
    guard index == utf8.count, let date = CalendarDate(year: Int(year), month: Int(month), day: Int(day)),
      hour < 24, minute < 60, second < 60
    else { return nil }
    let seconds = Int64(date.dayNumber) * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
    guard seconds >= Self.minimumSeconds, seconds <= Self.maximumSeconds else { return nil }
    self.init(secondsSince1970: seconds, nanoseconds: nanos)
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let time = UTCTime(rfc3339: text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "\"\(text)\" is not an RFC 3339 date-time"))
    }
    self = time
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
