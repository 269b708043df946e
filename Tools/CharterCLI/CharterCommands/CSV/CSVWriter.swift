/// Writes records as RFC 4180 CSV, quoting only the fields that need it.
///
/// The CLI writes rejected import rows back out so they can be fixed in a spreadsheet and
/// imported again; what this writes, ``CSVReader`` reads back unchanged.
public enum CSVWriter {
  /// One record as a CSV line ending in CRLF (RFC 4180's line break).
  ///
  /// A field is quoted when it holds a comma, a double quote, a line break, or leading or
  /// trailing spaces (which spreadsheets would otherwise trim); quotes inside are doubled.
  public static func line(_ fields: [String]) -> String {
    var text = ""
    for (index, field) in fields.enumerated() {
      if index > 0 { text += "," }
      text += quotedIfNeeded(field)
    }
    return text + "\r\n"
  }

  /// A field as it must appear in CSV.
  public static func quotedIfNeeded(_ field: String) -> String {
    let needsQuotes =
      field.utf8.contains {
        $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13
      }
      || field.first == " " || field.last == " "
    guard needsQuotes else { return field }
    var quoted = "\""
    for character in field {
      if character == "\"" { quoted += "\"\"" } else { quoted.append(character) }
    }
    return quoted + "\""
  }
}
