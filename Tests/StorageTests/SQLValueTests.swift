import Storage
import Testing

@Suite("SQLValue")
struct SQLValueTests {
  static let texts: [String] = [
    "",
    "plain",
    "embedded\u{0}NUL\u{0}",
    "\u{0}",
    "école, Straße, 東京, עברית, 🏫👩🏽‍🏫",
    "e\u{301} (combining accent) vs \u{e9}",
    "\u{FEFF}byte order mark and \u{10FFFF}",
    String(repeating: "long ", count: 20_000),
  ]

  @Test("text round-trips exactly, byte for byte", arguments: texts)
  func textRoundTrip(text: String) async throws {
    let database = try Database.inMemory()
    let (stored, bytes, storageClass) = try await database.write { db in
      try db.execute(sql: "CREATE TABLE t (value TEXT) STRICT")
      try db.execute(sql: "INSERT INTO t VALUES (?)", arguments: [text])
      let row = try #require(
        try db.fetchOne(sql: "SELECT value, length(CAST(value AS BLOB)), typeof(value) FROM t")
      )
      return (
        try row.value(String.self, at: 0), try row.value(Int.self, at: 1),
        try row.value(String.self, at: 2)
      )
    }
    #expect(Array(stored.utf8) == Array(text.utf8))
    #expect(bytes == text.utf8.count)
    #expect(storageClass == "text")
  }

  static let blobs: [[UInt8]] = [[], [0], [0, 0, 0], [0xFF, 0x00, 0x7F, 0x80], Array(0...255)]

  @Test("blobs round-trip exactly, and an empty blob is not NULL", arguments: blobs)
  func blobRoundTrip(blob: [UInt8]) async throws {
    let database = try Database.inMemory()
    let (stored, storageClass) = try await database.write { db in
      try db.execute(sql: "CREATE TABLE t (value BLOB) STRICT")
      try db.execute(sql: "INSERT INTO t VALUES (?)", arguments: [blob])
      let row = try #require(try db.fetchOne(sql: "SELECT value, typeof(value) FROM t"))
      return (try row.value([UInt8].self, at: 0), try row.value(String.self, at: 1))
    }
    #expect(stored == blob)
    #expect(storageClass == "blob")
  }

  @Test("nil binds as NULL and reads back as nil; an empty string is not NULL")
  func nullVersusEmpty() async throws {
    let database = try Database.inMemory()
    let rows = try await database.write { db in
      try db.execute(sql: "CREATE TABLE t (text TEXT, blob BLOB) STRICT")
      try db.execute(sql: "INSERT INTO t VALUES (?, ?)", arguments: [String?.none, [UInt8]?.none])
      try db.execute(sql: "INSERT INTO t VALUES (?, ?)", arguments: ["", [UInt8]()])
      return try db.fetchAll(
        sql: "SELECT text, blob, typeof(text), typeof(blob) FROM t ORDER BY rowid"
      )
    }
    #expect(try rows[0].value(String?.self, at: 0) == nil)
    #expect(try rows[0].value([UInt8]?.self, at: 1) == nil)
    #expect(rows[0].values[2...] == [.text("null"), .text("null")])
    #expect(try rows[1].value(String?.self, at: 0) == "")
    #expect(try rows[1].value([UInt8]?.self, at: 1) == [])
    #expect(rows[1].values[2...] == [.text("text"), .text("blob")])
  }

  @Test("numbers and booleans round-trip at their limits")
  func numbers() async throws {
    let database = try Database.inMemory()
    let row = try await database.read { db in
      try #require(
        try db.fetchOne(
          sql: "SELECT ?, ?, ?, ?, ?, ?, ?, ?",
          arguments: [
            Int64.max, Int64.min, Int.max, Int32.min, -0.5, Double.greatestFiniteMagnitude, true,
            false,
          ]
        )
      )
    }
    #expect(try row.value(Int64.self, at: 0) == .max)
    #expect(try row.value(Int64.self, at: 1) == .min)
    #expect(try row.value(Int.self, at: 2) == .max)
    #expect(try row.value(Int32.self, at: 3) == .min)
    #expect(try row.value(Double.self, at: 4) == -0.5)
    #expect(try row.value(Double.self, at: 5) == .greatestFiniteMagnitude)
    #expect(try row.value(Bool.self, at: 6) == true)
    #expect(try row.value(Bool.self, at: 7) == false)
  }

  @Test("SQLValue binds as itself and reads back as itself")
  func sqlValues() async throws {
    let values: [SQLValue] = [.null, .integer(-3), .real(2.5), .text("a\u{0}b"), .blob([1, 0])]
    let database = try Database.inMemory()
    let row = try await database.read { db in
      try #require(try db.fetchOne(sql: "SELECT ?, ?, ?, ?, ?", arguments: values))
    }
    #expect(row.values == values)
    #expect(try row.value(SQLValue.self, at: 3) == .text("a\u{0}b"))
  }

  @Test("literals build SQL values")
  func literals() {
    let values: [SQLValue] = [nil, 1, 1.5, "x", true]
    #expect(values == [.null, .integer(1), .real(1.5), .text("x"), .integer(1)])
  }
}
