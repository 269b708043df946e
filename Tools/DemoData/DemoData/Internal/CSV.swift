/// RFC 4180 comma-separated values: writing fields and reading records.
///
/// Writing quotes a field only when it holds a comma, a double quote, a carriage return or a
/// line feed, doubling any double quotes inside; records end with a line feed. Reading accepts
/// what writing produces plus CRLF line ends, and reports where a malformed file goes wrong.
enum CSV {
  /// Appends one record and its line feed to `text`.
  static func appendRecord(_ fields: [String], to text: inout String) {
    for (index, field) in fields.enumerated() {
      if index > 0 { text += "," }
      appendField(field, to: &text)
    }
    text += "\n"
  }

  /// Appends one field, quoted if it must be.
  static func appendField(_ field: String, to text: inout String) {
    let needsQuotes = field.utf8.contains {
      $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n")
        || $0 == UInt8(ascii: "\r")
    }
    guard needsQuotes else {
      text += field
      return
    }
    text += "\""
    for character in field.unicodeScalars {
      if character == "\"" { text += "\"" }
      text.unicodeScalars.append(character)
    }
    text += "\""
  }

  /// A record read from a file, with the line it starts on (counting from 1).
  struct Record {
    var line: Int
    var fields: [String]
  }

  /// Why a file is not well-formed CSV, and on which line.
  struct SyntaxError: Error {
    var line: Int
    var message: String
  }

  /// Reads every record of `text`. A final line feed does not start an empty record; an
  /// empty line in the middle is a record with one empty field.
  static func records(in text: String) throws(SyntaxError) -> [Record] {
    let quote = UInt8(ascii: "\"")
    let comma = UInt8(ascii: ",")
    let lineFeed = UInt8(ascii: "\n")
    let carriageReturn = UInt8(ascii: "\r")
    let bytes = Array(text.utf8)
    var records: [Record] = []
    var fields: [String] = []
    var field: [UInt8] = []
    var line = 1
    var recordLine = 1
    var index = 0

    func endField() {
      fields.append(String(decoding: field, as: UTF8.self))
      field.removeAll(keepingCapacity: true)
    }
    func endRecord() {
      endField()
      records.append(Record(line: recordLine, fields: fields))
      fields.removeAll(keepingCapacity: true)
    }

    while index < bytes.count {
      let byte = bytes[index]
      if byte == quote && field.isEmpty {
        // A quoted field: runs to the next quote that is not doubled.
        let openedOn = line
        index += 1
        while true {
          guard index < bytes.count else {
            throw SyntaxError(line: openedOn, message: "a quoted field is not closed")
          }
          let inside = bytes[index]
          if inside == quote {
            if index + 1 < bytes.count && bytes[index + 1] == quote {
              field.append(quote)
              index += 2
              continue
            }
            index += 1
            break
          }
          if inside == lineFeed { line += 1 }
          field.append(inside)
          index += 1
        }
        // After the closing quote only a separator or the end may follow.
        if index < bytes.count, bytes[index] != comma, bytes[index] != lineFeed,
          !(bytes[index] == carriageReturn && index + 1 < bytes.count
            && bytes[index + 1] == lineFeed)
        {
          throw SyntaxError(line: line, message: "text follows a closing quote")
        }
        if index == bytes.count { break }
        continue
      }
      switch byte {
      case comma:
        endField()
      case lineFeed:
        endRecord()
        line += 1
        recordLine = line
      case carriageReturn where index + 1 < bytes.count && bytes[index + 1] == lineFeed:
        break  // The line feed ends the record.
      case quote:
        throw SyntaxError(line: line, message: "a quote inside an unquoted field")
      default:
        field.append(byte)
      }
      index += 1
    }
    if !field.isEmpty || !fields.isEmpty || (index > 0 && bytes[index - 1] == quote) {
      endRecord()
    }
    return records
  }
}
