public import CharterValues

/// `google.protobuf.Timestamp`, the instant type of every contract, as the wire face of
/// ``UTCTime``: conversions both ways, and the same arithmetic and RFC 3339 text, written once
/// in `UTCTime`.
///
/// A timestamp is whole `seconds` since 1970-01-01T00:00:00Z plus `nanos` (0 ..< 1e9, always
/// forward in time, also before 1970). The proto allows years 0001 to 9999; ``isValid``
/// checks that range.
extension Protobuf.Timestamp: Comparable {
  /// The earliest valid instant, 0001-01-01T00:00:00Z.
  public static let minimumSeconds: Int64 = UTCTime.minimumSeconds
  /// The last valid second, 9999-12-31T23:59:59Z.
  public static let maximumSeconds: Int64 = UTCTime.maximumSeconds

  /// The instant a ``UTCTime`` names.
  public init(_ time: UTCTime) {
    self.init(seconds: time.secondsSince1970, nanos: time.nanoseconds)
  }

  /// The instant as a ``UTCTime`` (nanos outside 0 ..< 1e9 carry into the seconds).
  public var utcTime: UTCTime { UTCTime(secondsSince1970: seconds, nanoseconds: Int64(nanos)) }

  /// The current time from the system's real-time clock.
  public static func now() -> Protobuf.Timestamp { Protobuf.Timestamp(UTCTime.now()) }

  /// The instant `secondsSince1970` seconds after the Unix epoch (fractions to the nanosecond).
  public init(secondsSince1970: Double) {
    let whole = secondsSince1970.rounded(.down)
    self.init(UTCTime(secondsSince1970: Int64(whole), nanoseconds: Int64(((secondsSince1970 - whole) * 1e9).rounded())))
  }

  /// Seconds since the Unix epoch, with the nanoseconds as a fraction.
  public var secondsSince1970: Double { Double(seconds) + Double(nanos) / 1e9 }

  /// Whether the value is inside the range the proto allows (years 0001-9999, nanos in
  /// 0..<1e9). Services reject invalid timestamps with INVALID_ARGUMENT.
  public var isValid: Bool {
    seconds >= Self.minimumSeconds && seconds <= Self.maximumSeconds && nanos >= 0 && nanos < 1_000_000_000
  }

  /// This instant moved by `duration` (which may be negative).
  public func adding(_ duration: Duration) -> Protobuf.Timestamp { Protobuf.Timestamp(utcTime.adding(duration)) }

  /// The time from this instant to `other` (negative when `other` is earlier).
  public func duration(to other: Protobuf.Timestamp) -> Duration { utcTime.duration(to: other.utcTime) }

  public static func < (lhs: Protobuf.Timestamp, rhs: Protobuf.Timestamp) -> Bool {
    (lhs.seconds, lhs.nanos) < (rhs.seconds, rhs.nanos)
  }

  /// The RFC 3339 form in UTC, as proto3 JSON writes it: `2009-01-13T09:30:00Z`, with 3, 6 or
  /// 9 fractional digits when `nanos` is not zero.
  public var rfc3339: String { utcTime.description }

  /// Parses an RFC 3339 date-time (`2009-01-13T09:30:00.5+01:00`; `Z` or an offset; up to nine
  /// fractional digits). Returns `nil` for anything else or outside years 0001-9999.
  public init?(rfc3339 text: String) {
    guard let time = UTCTime(rfc3339: text) else { return nil }
    self.init(time)
  }
}

extension Common.Date {
  /// The day a ``CalendarDate`` names.
  public init(_ date: CalendarDate) {
    self.init(year: Int32(date.year), month: Int32(date.month), day: Int32(date.day))
  }

  /// The day as a ``CalendarDate``, or `nil` when the three numbers name no real day.
  public var calendarDate: CalendarDate? { CalendarDate(year: Int(year), month: Int(month), day: Int(day)) }
}
