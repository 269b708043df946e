public import CharterValues

/// A committed school's three-year promise to reach the ICT Mark, and the two notices it
/// earns if it has not: a reminder six months before the deadline, and the overdue flag on the
/// day. Nothing is removed automatically; the programme office and advisers act on the flag.
public struct CommitmentSchedule: Sendable, Hashable {
  /// A notice about the commitment, each sent once.
  public enum Notice: String, Sendable, Hashable, CaseIterable {
    /// Six months before the deadline.
    case reminder
    /// The deadline passed without an ICT Mark.
    case overdue
  }

  public let committedAt: UTCTime
  /// When the school meant to hold the Mark by.
  public let deadline: UTCTime
  /// When the reminder is due.
  public let reminderAt: UTCTime

  public init(committedAt: UTCTime, rules: AccreditationRules = .init()) {
    self.committedAt = committedAt
    self.deadline = committedAt.adding(years: rules.commitmentYears)
    self.reminderAt = deadline.adding(months: -rules.commitmentReminderMonths)
  }

  /// When `notice` falls due.
  public func dueAt(_ notice: Notice) -> UTCTime {
    switch notice {
    case .reminder: reminderAt
    case .overdue: deadline
    }
  }

  /// The notices due by `time` and not yet sent, in order; none once the school holds (or has
  /// held) an ICT Mark.
  public func notices(at time: UTCTime, sent: Set<Notice>, fulfilled: Bool) -> [Notice] {
    guard !fulfilled else { return [] }
    return Notice.allCases.filter { !sent.contains($0) && dueAt($0) <= time }
  }

  /// When the next unsent notice falls due after `time`, if any.
  public func nextNotice(after time: UTCTime, sent: Set<Notice>, fulfilled: Bool) -> UTCTime? {
    guard !fulfilled else { return nil }
    return Notice.allCases.filter { !sent.contains($0) }.map(dueAt).filter { $0 > time }.min()
  }

  /// Whether the deadline passed at `time` without a Mark.
  public func isOverdue(at time: UTCTime, fulfilled: Bool) -> Bool { !fulfilled && deadline <= time }

  /// Whole days from the deadline to `time` (0 before it).
  public func daysOverdue(at time: UTCTime) -> Int {
    max(0, time.date.dayNumber - deadline.date.dayNumber)
  }
}
