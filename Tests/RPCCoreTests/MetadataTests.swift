import Testing

@testable import RPCCore

@Suite("Metadata")
struct MetadataTests {
  @Test("keys are case-insensitive and values keep their order, duplicates included")
  func multimap() {
    var metadata: Metadata = ["X-Trace": "a"]
    metadata.append("x-trace", "b")
    metadata.append("other", "c")
    #expect(metadata["x-TRACE"] == ["a", "b"])
    #expect(metadata.firstString(forKey: "X-trace") == "a")
    metadata.replace("x-trace", "z")
    #expect(metadata["x-trace"] == ["z"])
    metadata.removeAll("OTHER")
    #expect(metadata.count == 1)
  }

  @Test("binary values are kept apart from text values")
  func binary() {
    let metadata: Metadata = ["blob-bin": .binary([0, 255]), "text": "t"]
    #expect(metadata.firstBinary(forKey: "blob-bin") == [0, 255])
    #expect(metadata.firstString(forKey: "blob-bin") == nil)
    #expect(Metadata.isBinaryKey("blob-bin"))
    #expect(!Metadata.isBinaryKey("bin-blob"))
  }

  @Test(
    "valid keys are lower-case letters, digits, _ - and .",
    arguments: [
      ("x-request-id", true), ("a.b_c-9", true), ("", false), ("Upper", false), ("sp ace", false), ("ü", false),
    ])
  func keys(key: String, valid: Bool) {
    #expect(Metadata.isValidKey(key) == valid)
  }

  @Test("equality compares keys and values in order")
  func equality() {
    let a: Metadata = ["k": "1", "l": "2"]
    let b: Metadata = ["k": "1", "l": "2"]
    let c: Metadata = ["l": "2", "k": "1"]
    #expect(a == b)
    #expect(a != c)
  }
}
