/// Reads RFC 4180 CSV one record at a time from any source of bytes.
///
/// Import files come from spreadsheets and scripts, so the reader takes what they write:
/// fields in double quotes (which may hold commas, line breaks and doubled quotes `""`),
/// records ending in CRLF, LF or a lone CR, a UTF-8 byte-order mark at the start, and a missing
/// line break after the last record. It keeps one byte of look-ahead and never rescans, so a
/// file of any size is read in one linear pass.
///
/// Records are numbered like spreadsheet rows: the first record (usually the header) is row 1,
/// and a record whose quoted field spans several lines is still one row. An empty line is a
/// record with one empty field, so row numbers stay in step with a spreadsheet's.
///
/// ```swift
/// var reader = CSVReader(text: "urn,name\r\n107979,\"Horsforth School, Leeds\"\r\n")
/// while let record = try reader.nextRecord() { print(reader.row, record) }
/// ```
public struct CSVReader<Bytes: IteratorProtocol<UInt8>> {
  private var bytes: Bytes
  private var lookahead: [UInt8] = []
  private var started = false
  private var finished = false
  /// The row number of the record last returned by ``nextRecord()`` (1 for the first).
  public private(set) var row = 0

  /// A reader of the bytes `bytes` yields, in UTF-8.
  public init(bytes: Bytes) { self.bytes = bytes }

  /// The next record's fields, or `nil` after the last record.
  ///
  /// - Throws: ``CSVError`` for a quoted field that never ends, text after a closing quote,
  ///   or a field that is not valid UTF-8. The error names the row.
  public mutating func nextRecord() throws(CSVError) -> [String]? {
    if finished { return nil }
    if !started {
      started = true
      skipByteOrderMark()
    }
    let quote = UInt8(ascii: "\"")
    let comma = UInt8(ascii: ",")
    let lf = UInt8(ascii: "\n")
    let cr = UInt8(ascii: "\r")
    let recordRow = row + 1
    var fields: [String] = []
    var field: [UInt8] = []

    // Each pass of this loop reads one field and the delimiter after it.
    while true {
      guard let first = nextByte() else {
        // End of input at the start of a field: the record ends here (or there was none).
        if fields.isEmpty {
          finished = true
          return nil
        }
        // The input ended just after a comma: the record's last field is empty.
        fields.append("")
        finished = true
        row = recordRow
        return fields
      }
      field.removeAll(keepingCapacity: true)
      var endOfRecord = false
      if first == quote {
        quoted: while true {
          guard let byte = nextByte() else { throw .unterminatedQuote(row: recordRow) }
          guard byte == quote else {
            field.append(byte)
            continue
          }
          switch nextByte() {
          case quote: field.append(quote)
          case comma: break quoted
          case lf:
            endOfRecord = true
            break quoted
          case cr:
            endOfRecord = true
            skipLineFeed()
            break quoted
          case nil:
            finished = true
            endOfRecord = true
            break quoted
          case let other?:
            throw .textAfterClosingQuote(row: recordRow, column: fields.count + 1, byte: other)
          }
        }
      } else {
        var byte: UInt8? = first
        unquoted: while let current = byte {
          switch current {
          case comma: break unquoted
          case lf:
            endOfRecord = true
            break unquoted
          case cr:
            endOfRecord = true
            skipLineFeed()
            break unquoted
          default:
            field.append(current)
            byte = nextByte()
          }
        }
        if byte == nil {
          finished = true
          endOfRecord = true
        }
      }
      fields.append(try decode(field, row: recordRow, column: fields.count + 1))
      if endOfRecord {
        row = recordRow
        return fields
      }
    }
  }

  private mutating func nextByte() -> UInt8? {
    if !lookahead.isEmpty { return lookahead.removeLast() }
    return bytes.next()
  }

  private mutating func skipLineFeed() {
    if let byte = nextByte(), byte != UInt8(ascii: "\n") { lookahead.append(byte) }
  }

  private mutating func skipByteOrderMark() {
    var read: [UInt8] = []
    for expected: UInt8 in [0xEF, 0xBB, 0xBF] {
      guard let byte = nextByte() else { break }
      read.append(byte)
      if byte != expected { break }
    }
    if read != [0xEF, 0xBB, 0xBF] { lookahead = read.reversed() }
  }

  private func decode(_ bytes: [UInt8], row: Int, column: Int) throws(CSVError) -> String {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw .invalidUTF8(row: row, column: column)
    }
    return text
  }
}

extension CSVReader where Bytes == IndexingIterator<[UInt8]> {
  /// A reader of CSV text held in memory.
  public init(text: String) { self.init(bytes: Array(text.utf8).makeIterator()) }

  /// A reader of CSV bytes held in memory.
  public init(data: [UInt8]) { self.init(bytes: data.makeIterator()) }
}
