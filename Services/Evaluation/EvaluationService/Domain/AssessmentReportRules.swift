public import CharterValues

/// What an assessor's report must contain (CHARTER-DOMAIN.md §3): commentary on the school's
/// context, at least three strengths and at least three areas for development, and, for a
/// referral, the gaps to close and a deadline after the day it is recorded.
public enum AssessmentReportRules {
  /// The fewest strengths, and the fewest areas for development, a report may list.
  public static let minimumPoints = 3
  /// The most of either.
  public static let maximumPoints = 20

  /// The report's text fields, trimmed and checked.
  public struct Report: Sendable, Hashable {
    public var contextCommentary: String
    public var strengths: [String]
    public var areasForDevelopment: [String]
    public var referralGaps: [String]
    public var referralDeadline: CalendarDate?
  }

  /// Checks a report for `outcome`, recorded on `today`.
  /// - Throws: ``InvalidField`` naming the field (`report.strengths`, …).
  public static func check(
    outcome: AssessmentOutcome, contextCommentary: String, strengths: [String], areasForDevelopment: [String],
    referralGaps: [String], referralDeadline: CalendarDate?, today: CalendarDate
  ) throws(InvalidField) -> Report {
    let commentary = try TextField.required(
      contextCommentary, field: "report.context_commentary", max: 20_000, lines: .many)
    let strengths = try points(strengths, field: "report.strengths", what: "strengths")
    let areas = try points(areasForDevelopment, field: "report.areas_for_development", what: "areas for development")
    var gaps: [String] = []
    var deadline: CalendarDate?
    if outcome == .referred {
      (gaps, deadline) = try referral(
        gaps: referralGaps, deadline: referralDeadline, today: today, field: "report.referral")
    } else if !referralGaps.isEmpty || referralDeadline != nil {
      throw InvalidField(field: "report.referral_gaps", reason: "only a REFERRED outcome lists gaps and a deadline")
    }
    return Report(
      contextCommentary: commentary, strengths: strengths, areasForDevelopment: areas, referralGaps: gaps,
      referralDeadline: deadline)
  }

  /// Checks a referral's gaps (at least one) and deadline (after `today`).
  /// - Throws: ``InvalidField`` as `<field>_gaps` or `<field>_deadline`.
  public static func referral(gaps: [String], deadline: CalendarDate?, today: CalendarDate, field: String)
    throws(InvalidField) -> (gaps: [String], deadline: CalendarDate)
  {
    guard !gaps.isEmpty else { throw InvalidField(field: "\(field)_gaps", reason: "a referral lists its gaps") }
    var checked: [String] = []
    for (i, gap) in gaps.prefix(maximumPoints + 1).enumerated() {
      checked.append(try TextField.required(gap, field: "\(field)_gaps[\(i)]", max: 2000))
    }
    guard checked.count <= maximumPoints else {
      throw InvalidField(field: "\(field)_gaps", reason: "at most \(maximumPoints)")
    }
    guard let deadline else {
      throw InvalidField(field: "\(field)_deadline", reason: "a referral needs a deadline")
    }
    guard deadline > today else {
      throw InvalidField(field: "\(field)_deadline", reason: "must be after today (\(today))")
    }
    return (checked, deadline)
  }

  private static func points(_ items: [String], field: String, what: String) throws(InvalidField) -> [String] {
    guard items.count >= minimumPoints else {
      throw InvalidField(field: field, reason: "a report lists at least \(minimumPoints) \(what), got \(items.count)")
    }
    guard items.count <= maximumPoints else {
      throw InvalidField(field: field, reason: "at most \(maximumPoints) \(what)")
    }
    var checked: [String] = []
    for (i, item) in items.enumerated() {
      checked.append(try TextField.required(item, field: "\(field)[\(i)]", max: 2000))
    }
    return checked
  }
}
