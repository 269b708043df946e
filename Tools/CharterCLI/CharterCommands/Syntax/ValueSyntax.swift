public import Contracts

/// How yes/no values, dates and postcodes are written in import files and flags.
///
/// Spreadsheets write booleans and dates many ways; these accept the common, unambiguous
/// ones and nothing else, so a typo is a rejected row rather than a wrong value.
public enum ValueSyntax {
  /// `true`/`false`, `yes`/`no`, `y`/`n`, `t`/`f`, `1`/`0`, in any case; `nil` for anything
  /// else (including the empty string).
  public static func boolean(_ text: String) -> Bool? {
    switch text.trimmingSpaces.lowercased() {
    case "true", "yes", "y", "t", "1": true
    case "false", "no", "n", "f", "0": false
    default: nil
    }
  }

  /// Midnight UTC at the start of a calendar date written `YYYY-MM-DD` (ISO 8601) or
  /// `DD/MM/YYYY` (the UK order spreadsheets use here); `nil` for anything else, including
  /// days that do not exist (`2009-02-30`).
  public static func midnightUTC(ofDate text: String) -> Protobuf.Timestamp? {
    let text = text.trimmingSpaces
    let parts: [Substring]
    let year: Substring
    let month: Substring
    let day: Substring
    if text.contains("/") {
      parts = text.split(separator: "/", omittingEmptySubsequences: false)
      guard parts.count == 3 else { return nil }
      (day, month, year) = (parts[0], parts[1], parts[2])
    } else {
      parts = text.split(separator: "-", omittingEmptySubsequences: false)
      guard parts.count == 3 else { return nil }
      (year, month, day) = (parts[0], parts[1], parts[2])
    }
    guard year.count == 4, (1...2).contains(month.count), (1...2).contains(day.count),
      [year, month, day].allSatisfy({ $0.allSatisfy(\.isASCIIDigit) })
    else { return nil }
    func two(_ digits: Substring) -> String { digits.count == 1 ? "0" + digits : String(digits) }
    return Protobuf.Timestamp(rfc3339: "\(year)-\(two(month))-\(two(day))T00:00:00Z")
  }

  /// A UK postcode as the registry stores it: upper case, with one space before the last
  /// three characters (`ls185rf` → `LS18 5RF`). Text that is not postcode-shaped is only
  /// upper-cased and has its spaces collapsed; the registry judges it.
  public static func postcode(_ text: String) -> String {
    let words = text.uppercased().split(whereSeparator: { $0 == " " || $0 == "\t" })
    let joined = words.joined()
    guard words.count == 1, (5...7).contains(joined.count),
      joined.allSatisfy({ $0.isASCIIDigit || ("A"..."Z").contains($0) })
    else { return words.joined(separator: " ") }
    return joined.dropLast(3) + " " + joined.suffix(3)
  }
}
