import CharterCommands
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The CSV reader against RFC 4180 and what spreadsheets actually write.
@Suite("CSV reader")
struct CSVReaderTests {
  private func records(_ text: String) throws -> [[String]] {
    var reader = CSVReader(text: text)
    var records: [[String]] = []
    while let record = try reader.nextRecord() { records.append(record) }
    return records
  }

  @Test("Plain fields split on commas; LF, CRLF and lone CR all end a record")
  func lineEnds() throws {
    #expect(try records("a,b\nc,d\n") == [["a", "b"], ["c", "d"]])
    #expect(try records("a,b\r\nc,d\r\n") == [["a", "b"], ["c", "d"]])
    #expect(try records("a,b\rc,d") == [["a", "b"], ["c", "d"]])
  }

  @Test("The last record needs no line break; a trailing line break adds no record")
  func lastRecord() throws {
    #expect(try records("a,b\nc,d") == [["a", "b"], ["c", "d"]])
    #expect(try records("a\n") == [["a"]])
    #expect(try records("") == [])
  }

  @Test("Quoted fields keep commas, line breaks and doubled quotes")
  func quotedFields() throws {
    let text =
      "name,note\r\n\"Horsforth School, Leeds\",\"line one\r\nline two\"\r\n\"say \"\"hi\"\"\",\"\"\r\n"
    #expect(
      try records(text) == [
        ["name", "note"], ["Horsforth School, Leeds", "line one\r\nline two"], ["say \"hi\"", ""],
      ]
    )
  }

  @Test("Empty fields, trailing commas and a quoted last field at end of input")
  func emptyFields() throws {
    #expect(try records(",,\n") == [["", "", ""]])
    #expect(try records("a,") == [["a", ""]])
    #expect(try records("a,\"b\"") == [["a", "b"]])
    #expect(try records("\"\"") == [[""]])
  }

  @Test("A UTF-8 byte-order mark at the start is dropped; one elsewhere is kept")
  func byteOrderMark() throws {
    #expect(try records("\u{FEFF}urn,name\n1,2\n") == [["urn", "name"], ["1", "2"]])
    #expect(try records("a,\u{FEFF}b\n") == [["a", "\u{FEFF}b"]])
    #expect(try records("\u{FEFF}") == [])
    // Bytes that only start like a BOM are data.
    var reader = CSVReader(data: [0xEF, 0x41, 0x2C, 0x42])
    #expect(throws: CSVError.invalidUTF8(row: 1, column: 1)) { try reader.nextRecord() }
  }

  @Test("Non-ASCII text survives; a bare quote inside an unquoted field is kept as data")
  func unicodeAndBareQuotes() throws {
    #expect(
      try records("Ysgol Gymraeg Bro Morgannwg,Caerdydd ☕\n") == [
        ["Ysgol Gymraeg Bro Morgannwg", "Caerdydd ☕"]
      ]
    )
    #expect(try records("St Mary's \"Old\" School,x\n") == [["St Mary's \"Old\" School", "x"]])
  }

  @Test("Rows are numbered like a spreadsheet: a multi-line quoted field is still one row")
  func rowNumbers() throws {
    var reader = CSVReader(text: "h1,h2\n\"a\nb\",c\n\nd,e\n")
    var rows: [Int] = []
    while try reader.nextRecord() != nil { rows.append(reader.row) }
    #expect(rows == [1, 2, 3, 4])
  }

  @Test("An empty line is a record with one empty field")
  func emptyLine() throws {
    #expect(try records("a\n\nb\n") == [["a"], [""], ["b"]])
  }

  @Test("An unterminated quote is an error naming the row it started in")
  func unterminatedQuote() {
    var reader = CSVReader(text: "a,b\nc,\"never closed\nd,e\n")
    #expect(throws: Never.self) { try reader.nextRecord() }
    #expect(throws: CSVError.unterminatedQuote(row: 2)) { try reader.nextRecord() }
  }

  @Test("Text after a closing quote is an error naming row and field")
  func textAfterQuote() {
    var reader = CSVReader(text: "a,\"b\"c\n")
    #expect(throws: CSVError.textAfterClosingQuote(row: 1, column: 2, byte: UInt8(ascii: "c"))) {
      try reader.nextRecord()
    }
  }

  @Test("Bytes that are not UTF-8 are an error, not replacement characters")
  func invalidUTF8() {
    var reader = CSVReader(data: Array("urn,name\n1,".utf8) + [0xE9] + Array("cole\n".utf8))
    #expect(throws: Never.self) { try reader.nextRecord() }
    #expect(throws: CSVError.invalidUTF8(row: 2, column: 2)) { try reader.nextRecord() }
  }

  @Test("Error messages name the row")
  func errorMessages() {
    #expect(CSVError.unterminatedQuote(row: 7).description.hasPrefix("row 7:"))
    #expect(CSVError.invalidUTF8(row: 3, column: 2).description.contains("CSV UTF-8"))
  }

  @Test("A file read in small chunks gives the same records as the text in memory")
  func fileInChunks() throws {
    var text = "\u{FEFF}urn,name,note\r\n"
    for index in 0..<500 {
      text += "\(index),\"Name, \"\"quoted\"\" \(index)\",\"two\r\nlines é\"\r\n"
    }
    let path = "/tmp/charter-csv-test-\(getpid()).csv"
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    #expect(fd >= 0)
    _ = Array(text.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
    defer { unlink(path) }

    let expected = try records(text)
    for chunkSize in [1, 2, 3, 7, 4096] {
      let bytes = try FileBytes(path: path, chunkSize: chunkSize)
      var reader = CSVReader(bytes: bytes)
      var read: [[String]] = []
      while let record = try reader.nextRecord() { read.append(record) }
      #expect(read == expected, "chunk size \(chunkSize)")
      #expect(bytes.failure == nil)
    }
    #expect(expected.count == 501)
    #expect(throws: FileError.self) { try FileBytes(path: "/nonexistent/file.csv") }
  }

  @Test("24,000 rows read in one linear pass")
  func largeFile() throws {
    var text = SchoolCSVHeader.knownColumns.joined(separator: ",") + "\n"
    for index in 0..<24_000 {
      text +=
        "\(100_000 + index),\"School \(index), with a comma\",1 High St,Leeds,,LS1 1AA,primary,383,Leeds,200,53.8,-1.5,true,2009-01-13,false,none\n"
    }
    let start = ContinuousClock.now
    var reader = CSVReader(text: text)
    var count = 0
    while let record = try reader.nextRecord() {
      #expect(record.count == 16)
      count += 1
    }
    #expect(count == 24_001)
    #expect(reader.row == 24_001)
    // Generous even for a debug build on a loaded machine; quadratic work would take minutes.
    #expect(ContinuousClock.now - start < .seconds(60))
  }
}

@Suite("CSV writer")
struct CSVWriterTests {
  @Test("Fields are quoted only when they need it, and read back unchanged")
  func roundTrip() throws {
    let fields = ["plain", "with, comma", "say \"hi\"", "two\nlines", " padded ", "", "ünïcödé"]
    let line = CSVWriter.line(fields)
    #expect(
      line == "plain,\"with, comma\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded \",,ünïcödé\r\n"
    )
    var reader = CSVReader(text: line)
    #expect(try reader.nextRecord() == fields)
  }
}
