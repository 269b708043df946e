/// The import's progress in words: a bar redrawn in place on a terminal, or a line every
/// tenth of the way when standard error is a log file.
public enum ProgressText {
  /// `[#########---------------------] 8000/24000 rows  33%  1600 rows/s  ETA 0:10`.
  public static func bar(_ progress: SchoolImportProgress, width: Int = 30) -> String {
    let fraction = progress.total == 0 ? 1 : Double(progress.done) / Double(progress.total)
    let filled = min(width, Int((fraction * Double(width)).rounded(.down)))
    return "[" + String(repeating: "#", count: filled)
      + String(repeating: "-", count: width - filled) + "] "
      + "\(progress.done)/\(progress.total) rows  \(Int((fraction * 100).rounded(.down)))%  "
      + rateAndETA(progress)
  }

  /// `progress: 2400/24000 rows (10%), 1600 rows/s, ETA 0:13` when `progress` is the first
  /// report in a new tenth (10%, 20%, … 100%) since `previousDone`; otherwise `nil`.
  public static func milestone(_ progress: SchoolImportProgress, previousDone: Int) -> String? {
    guard progress.total > 0 else { return nil }
    let tenth = progress.done * 10 / progress.total
    guard tenth > previousDone * 10 / progress.total else { return nil }
    return "progress: \(progress.done)/\(progress.total) rows (\(tenth * 10)%), "
      + rateAndETA(progress).replacing("  ", with: ", ")
  }

  /// A duration as `m:ss`, or `h:mm:ss` from an hour up.
  public static func clock(seconds: Double) -> String {
    guard seconds.isFinite, seconds >= 0 else { return "--:--" }
    let total = Int(seconds.rounded(.up))
    let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return hours > 0 ? "\(hours):\(two(minutes)):\(two(secs))" : "\(minutes):\(two(secs))"
  }

  private static func rateAndETA(_ progress: SchoolImportProgress) -> String {
    let (whole, fraction) = progress.elapsed.components
    let seconds = Double(whole) + Double(fraction) / 1e18
    guard seconds > 0, progress.done > 0 else { return "-- rows/s  ETA --:--" }
    let rate = Double(progress.done) / seconds
    let remaining = Double(progress.total - progress.done) / rate
    return "\(Int(rate.rounded())) rows/s  ETA \(clock(seconds: remaining))"
  }
}
