#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// Conveniences for `google.protobuf.Timestamp`, the instant type of every contract.
///
/// A timestamp is whole `seconds` since 1970-01-01T00:00:00Z plus `nanos` (0 ..< 1e9, always
/// forward in time, also before 1970). The proto allows years 0001 to 9999; ``isValid``
/// checks that range.
extension Protobuf.Timestamp: Comparable {
  /// The earliest valid instant, 0001-01-01T00:00:00Z.
  public static let minimumSeconds: Int64 = -62_135_596_800
  /// The last valid second, 9999-12-31T23:59:59Z.
  public static let maximumSeconds: Int64 = 253_402_300_799

  /// The current time from the system's real-time clock.
  public static func now() -> Protobuf.Timestamp {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Protobuf.Timestamp(seconds: Int64(spec.tv_sec), nanos: Int32(spec.tv_nsec))
  }

  /// The instant `secondsSince1970` seconds after the Unix epoch (fractions to the nanosecond).
  public init(secondsSince1970: Double) {
    let whole = secondsSince1970.rounded(.down)
    var nanos = ((secondsSince1970 - whole) * 1e9).rounded()
    var seconds = Int64(whole)
    if nanos >= 1e9 {
      nanos -= 1e9
      seconds += 1
    }
    self.init(seconds: seconds, nanos: Int32(nanos))
  }

  /// Seconds since the Unix epoch, with the nanoseconds as a fraction.
  public var secondsSince1970: Double { Double(seconds) + Double(nanos) / 1e9 }

  /// Whether the value is inside the range the proto allows (years 0001-9999, nanos in
  /// 0..<1e9). Services reject invalid timestamps with INVALID_ARGUMENT.
  public var isValid: Bool {
    seconds >= Self.minimumSeconds && seconds <= Self.maximumSeconds && nanos >= 0
      && nanos < 1_000_000_000
  }

  /// This instant moved by `duration` (which may be negative).
  public func adding(_ duration: Duration) -> Protobuf.Timestamp {
    let (wholeSeconds, attoseconds) = duration.components
    var totalNanos = Int64(nanos) + attoseconds / 1_000_000_000
    var totalSeconds = seconds + wholeSeconds + totalNanos / 1_000_000_000
    totalNanos %= 1_000_000_000
    if totalNanos < 0 {
      totalNanos += 1_000_000_000
      totalSeconds -= 1
    }
    return Protobuf.Timestamp(seconds: totalSeconds, nanos: Int32(totalNanos))
  }

  /// The time from this instant to `other` (negative when `other` is earlier).
  public func duration(to other: Protobuf.Timestamp) -> Duration {
    .seconds(other.seconds - seconds) + .nanoseconds(Int64(other.nanos) - Int64(nanos))
  }

  public static func < (lhs: Protobuf.Timestamp, rhs: Protobuf.Timestamp) -> Bool {
    (lhs.seconds, lhs.nanos) < (rhs.seconds, rhs.nanos)
  }

  /// The RFC 3339 form in UTC, as proto3 JSON writes it: `2009-01-13T09:30:00Z`, with 3, 6 or
  /// 9 fractional digits when `nanos` is not zero.
  public var rfc3339: String { Self.rfc3339(seconds: seconds, nanos: nanos) }

  /// Parses an RFC 3339 date-time (`2009-01-13T09:30:00.5+01:00`; `Z` or an offset; up to nine
  /// fractional digits). Returns `nil` for anything else or outside years 0001-9999.
  public init?(rfc3339 text: String) {
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
      guard let offsetHours = number(2), expect(":"), let offsetMinutes = number(2),
        offsetHours < 24, offsetMinutes < 60
      else { return nil }
      offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
    } else {
      return nil
    }
    guard index == utf8.count, (1...12).contains(month), day >= 1,
      day <= Self.daysInMonth(year: year, month: month), hour < 24, minute < 60, second < 60
    else { return nil }
    let days = Self.daysFromCivil(year: year, month: month, day: day)
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
    guard seconds >= Self.minimumSeconds, seconds <= Self.maximumSeconds else { return nil }
    self.init(seconds: seconds, nanos: Int32(nanos))
  }

  // MARK: calendar arithmetic (proleptic Gregorian, after H. Hinnant's civil-date algorithms)

  static func rfc3339(seconds: Int64, nanos: Int32) -> String {
    var seconds = seconds
    var nanos = Int64(nanos)
    if nanos < 0 || nanos >= 1_000_000_000 {
      seconds += nanos / 1_000_000_000
      nanos %= 1_000_000_000
      if nanos < 0 {
        nanos += 1_000_000_000
        seconds -= 1
      }
    }
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let secondOfDay = seconds - days * 86_400
    let (year, month, day) = civil(fromDays: days)
    var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
    text += pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":"
    text += pad(secondOfDay % 60, 2)
    if nanos != 0 {
      if nanos % 1_000_000 == 0 {
        text += "." + pad(nanos / 1_000_000, 3)
      } else if nanos % 1000 == 0 {
        text += "." + pad(nanos / 1000, 6)
      } else {
        text += "." + pad(nanos, 9)
      }
    }
    return text + "Z"
  }

  private static func pad(_ value: Int64, _ width: Int) -> String {
    let digits = String(value.magnitude)
    let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
    return value < 0 ? "-" + padded : padded
  }

  private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  private static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  private static func daysInMonth(year: Int64, month: Int64) -> Int64 {
    switch month {
    case 2:
      let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
      return leap ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}
