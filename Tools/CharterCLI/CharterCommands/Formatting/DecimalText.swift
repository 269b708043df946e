/// Numbers as the self-review output shows them: averages to one decimal place, shares as
/// whole percentages, and yes/no for flags.
public enum DecimalText {
  /// `2.4` (one decimal place, rounded half away from zero).
  public static func oneDecimal(_ value: Double) -> String {
    guard value.isFinite else { return "-" }
    let tenths = Int((abs(value) * 10).rounded())
    return (value < 0 && tenths > 0 ? "-" : "") + "\(tenths / 10).\(tenths % 10)"
  }

  /// A share from 0 to 1 as `76%`, rounded to the nearest percent but never shown as 100%
  /// before it is complete (nor 0% once it has begun).
  public static func percent(_ share: Double) -> String {
    guard share.isFinite else { return "-" }
    var percent = Int((min(max(share, 0), 1) * 100).rounded())
    if percent == 100, share < 1 { percent = 99 }
    if percent == 0, share > 0 { percent = 1 }
    return "\(percent)%"
  }

  /// `yes` or `no`.
  public static func yesNo(_ flag: Bool) -> String { flag ? "yes" : "no" }
}
