/// Why a CSV file could not be read; each case names the row (spreadsheet numbering).
public enum CSVError: Error, Hashable, Sendable, CustomStringConvertible {
  /// A quoted field starting in `row` is still open at the end of the file.
  case unterminatedQuote(row: Int)
  /// A closing quote is followed by something other than a comma or a line break.
  case textAfterClosingQuote(row: Int, column: Int, byte: UInt8)
  /// A field's bytes are not UTF-8 (the file was probably saved in a legacy encoding).
  case invalidUTF8(row: Int, column: Int)

  /// The row the problem is in.
  public var row: Int {
    switch self {
    case .unterminatedQuote(let row), .textAfterClosingQuote(let row, _, _),
      .invalidUTF8(let row, _):
      row
    }
  }

  public var description: String {
    switch self {
    case .unterminatedQuote(let row):
      "row \(row): a quoted field is never closed (missing \")"
    case .textAfterClosingQuote(let row, let column, let byte):
      "row \(row), field \(column): unexpected \(Self.show(byte)) after a closing quote "
        + "(quotes inside a quoted field must be doubled)"
    case .invalidUTF8(let row, let column):
      "row \(row), field \(column): not valid UTF-8 (save the file as \"CSV UTF-8\")"
    }
  }

  private static func show(_ byte: UInt8) -> String {
    (0x20..<0x7F).contains(byte)
      ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
  }
}
