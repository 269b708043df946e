public import Contracts

/// How an action item's due date is written: `YYYY-MM-DD` (or `DD/MM/YYYY`, as the registry
/// import accepts), and shown: `YYYY-MM-DD`.
public enum DueDateSyntax {
  /// The calendar date `text` names; `nil` for anything else, including days that do not exist.
  public static func date(_ text: String) -> Common.Date? {
    guard let midnight = ValueSyntax.midnightUTC(ofDate: text) else { return nil }
    let parts = TimestampText.date(midnight).split(separator: "-").compactMap { Int32($0) }
    guard parts.count == 3 else { return nil }
    return Common.Date(year: parts[0], month: parts[1], day: parts[2])
  }

  /// `2010-03-31`; `-` when there is no date.
  public static func text(_ date: Common.Date?) -> String {
    guard let date else { return "-" }
    func padded(_ value: Int32, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return "\(padded(date.year, 4))-\(padded(date.month, 2))-\(padded(date.day, 2))"
  }
}
