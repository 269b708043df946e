public import CharterValues

/// How long an ICT Mark lasts and when it may be renewed (CHARTER-DOMAIN.md §3): valid three
/// years from the award, renewal due six months before expiry (configurable), and a late
/// renewal allowed until twelve months after it.
public struct MarkTerms: Sendable, Hashable {
  /// Years a Mark is valid. Default 3.
  public var validityYears = 3
  /// Months before expiry that renewal falls due. Default 6.
  public var renewalNoticeMonths = 6
  /// Months after expiry that a late renewal may still be applied for. Default 12.
  public var lateRenewalMonths = 12

  public init(validityYears: Int = 3, renewalNoticeMonths: Int = 6, lateRenewalMonths: Int = 12) {
    self.validityYears = validityYears
    self.renewalNoticeMonths = renewalNoticeMonths
    self.lateRenewalMonths = lateRenewalMonths
  }

  /// The dates of a Mark awarded at `awardedAt`, each at the same time of day.
  public func dates(awardedAt: UTCTime) -> MarkDates {
    let expiresAt = Self.adding(months: validityYears * 12, to: awardedAt)
    return MarkDates(
      awardedAt: awardedAt, expiresAt: expiresAt,
      renewalDueAt: Self.adding(months: -renewalNoticeMonths, to: expiresAt),
      lateRenewalUntil: Self.adding(months: lateRenewalMonths, to: expiresAt))
  }

  /// `time` moved by whole calendar months (the 31st becomes the month's last day).
  static func adding(months: Int, to time: UTCTime) -> UTCTime {
    let day = time.date
    let intoDay = day.startInUTC.duration(to: time)
    return day.adding(months: months).startInUTC.adding(intoDay)
  }
}

/// The dates of one ICT Mark.
public struct MarkDates: Sendable, Hashable {
  public let awardedAt: UTCTime
  public let expiresAt: UTCTime
  public let renewalDueAt: UTCTime
  public let lateRenewalUntil: UTCTime
}
