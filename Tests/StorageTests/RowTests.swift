import Storage
import Testing

@Suite("Row")
struct RowTests {
  let row = Row(
    columnNames: ["id", "Name", "score", "nickname", "photo", "big"],
    values: [.integer(7), .text("Ada"), .real(9.5), .null, .blob([1, 2]), .integer(1 << 40)]
  )

  @Test("columns read by index and by name, names ignoring case")
  func readByIndexAndName() throws {
    #expect(try row.value(Int.self, at: 0) == 7)
    #expect(try row.value(String.self, named: "Name") == "Ada")
    #expect(try row.value(String.self, named: "name") == "Ada")
    #expect(try row.value(Double.self, named: "score") == 9.5)
    #expect(try row.value(String?.self, named: "nickname") == nil)
    #expect(try row.value([UInt8].self, named: "photo") == [1, 2])
    #expect(row.index(ofColumn: "PHOTO") == 4)
  }

  @Test("an integer column also reads as Double, exactly")
  func integerAsDouble() throws {
    #expect(try row.value(Double.self, at: 0) == 7)
  }

  @Test(
    "a decoding problem throws a typed error naming the column",
    arguments: [
      (DecodingCase.missingName, RowDecodingError.Code.columnNotFound, "missing"),
      (.indexOutOfRange, .columnNotFound, "#6"),
      (.nullForNonOptional, .unexpectedNull, "nickname"),
      (.textAsInteger, .typeMismatch, "Name"),
      (.integerAsText, .typeMismatch, "#0"),
      (.realAsInteger, .typeMismatch, "score"),
      (.blobAsText, .typeMismatch, "photo"),
      (.overflowingInt32, .typeMismatch, "big"),
      (.integerAsBool, .typeMismatch, "#0"),
    ]
  )
  func decodingErrors(
    decoding: DecodingCase,
    code: RowDecodingError.Code,
    column: String
  ) throws {
    let error = #expect(throws: RowDecodingError.self) { try decoding.decode(row) }
    #expect(error?.code == code)
    #expect(error?.column == column)
  }

  @Test("a decoding error describes what was expected and found")
  func decodingErrorDescription() {
    let error = #expect(throws: RowDecodingError.self) { try row.value(Int.self, named: "Name") }
    #expect(error?.description == "cannot decode column Name as Int: type mismatch (found text)")
  }

  enum DecodingCase: Sendable, CustomTestStringConvertible {
    case missingName, indexOutOfRange, nullForNonOptional, textAsInteger, integerAsText
    case realAsInteger, blobAsText, overflowingInt32, integerAsBool

    func decode(_ row: Row) throws {
      switch self {
      case .missingName: _ = try row.value(Int.self, named: "missing")
      case .indexOutOfRange: _ = try row.value(Int.self, at: 6)
      case .nullForNonOptional: _ = try row.value(String.self, named: "nickname")
      case .textAsInteger: _ = try row.value(Int.self, named: "Name")
      case .integerAsText: _ = try row.value(String.self, at: 0)
      case .realAsInteger: _ = try row.value(Int64.self, named: "score")
      case .blobAsText: _ = try row.value(String.self, named: "photo")
      case .overflowingInt32: _ = try row.value(Int32.self, named: "big")
      case .integerAsBool: _ = try row.value(Bool.self, at: 0)
      }
    }

    var testDescription: String { "\(self)" }
  }
}
