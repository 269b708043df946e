import SelfReviewService
import Testing

@Suite("Framework fingerprints")
struct FrameworkFingerprintTests {
  func fingerprint(_ document: TestJSON, reversingKeys: Bool = false) throws -> FrameworkFingerprint {
    try FrameworkVersion(
      json: Array(document.serialised(reversingKeys: reversingKeys).utf8), file: "f.json"
    ).fingerprint
  }

  @Test("reordering the keys of every JSON object leaves the fingerprint unchanged")
  func keyOrder() throws {
    let document = TestFramework.document()
    #expect(try fingerprint(document) == fingerprint(document, reversingKeys: true))
  }

  @Test("the built-in data keeps its fingerprint when its keys are reordered")
  func keyOrderOfBuiltInData() throws {
    let catalog = try FrameworkCatalog.builtIn()
    let reversed = try FrameworkCatalog.load(
      versions: catalog.versions.map { version in
        FrameworkDataFile(name: version.id, json: TestFramework.reserialise(version))
      },
      mappings: [])
    #expect(reversed.versions.map(\.fingerprint) == catalog.versions.map(\.fingerprint))
  }

  @Test(
    "changing any descriptor, title, threshold, source or id changes the fingerprint",
    arguments: [
      ["elements", "0", "strands", "0", "aspects", "0", "descriptors", "3"],
      ["elements", "0", "strands", "0", "aspects", "1", "title"],
      ["elements", "2", "title"],
      ["elements", "1", "strands", "0", "title"],
      ["scale", "generic", "5"],
      ["title"],
      ["elements", "0", "strands", "0", "aspects", "0", "id"],
    ])
  func contentChanges(path: [String]) throws {
    let document = TestFramework.document()
    var changed = document
    changed[path] = .string("Something else entirely.")
    #expect(try fingerprint(document) != fingerprint(changed))
  }

  @Test("changing a threshold, a source or the level 2 rule changes the fingerprint")
  func ruleChanges() throws {
    let document = TestFramework.document()
    var changed = document
    changed["elements"][0]["strands"][0]["aspects"][0]["threshold"] = 2
    #expect(try fingerprint(document) != fingerprint(changed))
    changed = document
    changed["elements"][0]["strands"][0]["aspects"][0]["sources"]["descriptors"] = "verified"
    #expect(try fingerprint(document) != fingerprint(changed))
    changed = document
    changed["level2_rule"]["additional_elements_min"] = 1
    #expect(try fingerprint(document) != fingerprint(changed))
  }

  @Test("retiring a version (status, valid-to date) is not a change of content")
  func lifecycleIgnored() throws {
    let document = TestFramework.document()
    var retired = document
    retired["status"] = "retired"
    retired["valid_to"] = "2024-08-31"
    retired["publish_time"] = "2021-01-01T12:00:00Z"
    #expect(try fingerprint(document) == fingerprint(retired))
  }

  @Test("the fingerprint round-trips through its text form")
  func textForm() throws {
    let print = try fingerprint(TestFramework.document())
    #expect(print.description.hasPrefix("fnv1a64:"))
    #expect(print.description.count == 24)
    #expect(FrameworkFingerprint(print.description) == print)
    #expect(FrameworkFingerprint(value: 0x2a).description == "fnv1a64:000000000000002a")
    #expect(FrameworkFingerprint("fnv1a64:XYZ") == nil)
    #expect(FrameworkFingerprint("sha256:000000000000002a") == nil)
  }
}

extension TestJSON {
  /// The value at a path of object keys and array indices ("0", "1", …).
  subscript(path: [String]) -> TestJSON {
    get {
      guard let first = path.first else { return self }
      let rest = Array(path.dropFirst())
      if let index = Int(first), case .array = self { return self[index][rest] }
      return self[first][rest]
    }
    set {
      guard let first = path.first else {
        self = newValue
        return
      }
      let rest = Array(path.dropFirst())
      if let index = Int(first), case .array = self {
        self[index][rest] = newValue
      } else {
        self[first][rest] = newValue
      }
    }
  }
}
