public import CharterValues

extension UTCTime {
  /// The same time of day, `months` calendar months later (earlier when negative); a day the
  /// target month lacks becomes its last day. Charter periods (three years to the Mark, six
  /// months' notice) are calendar periods, not fixed durations.
  public func adding(months: Int) -> UTCTime {
    let day = date
    let secondOfDay = secondsSince1970 - Int64(day.dayNumber) * 86_400
    return UTCTime(
      secondsSince1970: day.adding(months: months).startInUTC.secondsSince1970 + secondOfDay,
      nanoseconds: Int64(nanoseconds))
  }

  /// The same time of day, `years` calendar years later.
  public func adding(years: Int) -> UTCTime { adding(months: years * 12) }
}
