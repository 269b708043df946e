import SelfReviewService
import Testing

@Suite("Framework data validation")
struct FrameworkValidationTests {
  /// Decodes the document and returns the problem it was rejected for.
  func problem(
    _ document: TestJSON,
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> FrameworkDataError.Problem? {
    let error = #expect(throws: FrameworkDataError.self, sourceLocation: sourceLocation) {
      try TestFramework.version(document, file: "broken.json")
    }
    #expect(error?.file == "broken.json", sourceLocation: sourceLocation)
    return error?.problem
  }

  @Test("a well-formed small framework loads, with thresholds defaulted where none is given")
  func accepts() throws {
    var document = TestFramework.document()
    document["elements"][1]["strands"][0]["aspects"][0].remove("threshold")
    let version = try TestFramework.version(document)
    #expect(version.aspect(id: "e2a")?.thresholdLevel == 3)
    #expect(version.aspect(id: "e2a")?.sources.threshold == .proposed)
    #expect(version.elementId(ofAspect: "e1b") == "E1")
    #expect(version.strandId(ofAspect: "e1b") == "E1s")
    #expect(version.aspect(id: "e1a")?.descriptor(for: 2) == "e1a at level 2.")
    #expect(version.aspect(id: "e1a")?.descriptor(for: 6) == nil)
  }

  @Test("rejects an element id used twice")
  func duplicateElement() {
    var document = TestFramework.document()
    document["elements"][1]["id"] = "E1"
    #expect(problem(document) == .duplicateElementId("E1"))
  }

  @Test("rejects a strand id used twice, even in different elements")
  func duplicateStrand() {
    var document = TestFramework.document()
    document["elements"][1]["strands"][0]["id"] = "E1s"
    #expect(problem(document) == .duplicateStrandId("E1s"))
  }

  @Test("rejects an aspect id used twice, even in different elements")
  func duplicateAspect() {
    var document = TestFramework.document()
    document["elements"][3]["strands"][0]["aspects"][0]["id"] = "e1a"
    #expect(problem(document) == .duplicateAspectId("e1a"))
  }

  @Test("rejects a threshold outside the scale", arguments: [0, 6, -1])
  func thresholdOutsideScale(threshold: Int) {
    var document = TestFramework.document()
    document["elements"][0]["strands"][0]["aspects"][1]["threshold"] = .number(threshold)
    #expect(problem(document) == .levelOutsideScale(path: "aspect e1b threshold", level: threshold))
  }

  @Test("rejects a default threshold outside the scale")
  func defaultThresholdOutsideScale() {
    var document = TestFramework.document()
    document["default_threshold"] = 7
    #expect(problem(document) == .levelOutsideScale(path: "default_threshold", level: 7))
  }

  @Test("rejects a descriptor for a level the scale does not have")
  func descriptorOutsideScale() {
    var document = TestFramework.document()
    document["elements"][0]["strands"][0]["aspects"][0]["descriptors"]["6"] = "Beyond the scale."
    #expect(problem(document) == .levelOutsideScale(path: "aspect e1a descriptor", level: 6))
  }

  @Test("rejects an aspect with no descriptor for one of the levels")
  func missingDescriptor() {
    var document = TestFramework.document()
    document["elements"][2]["strands"][0]["aspects"][0]["descriptors"].remove("4")
    #expect(problem(document) == .missingDescriptor(path: "aspect e3a", level: 4))
  }

  @Test("rejects a scale without a generic meaning for every level")
  func missingGenericDescriptor() {
    var document = TestFramework.document()
    document["scale"]["generic"].remove("1")
    #expect(problem(document) == .missingDescriptor(path: "scale", level: 1))
  }

  @Test("rejects blank descriptors and titles")
  func blankText() {
    var document = TestFramework.document()
    document["elements"][0]["strands"][0]["aspects"][0]["descriptors"]["3"] = "  \n"
    #expect(problem(document) == .blankText(path: "aspect e1a descriptor 3"))
    document = TestFramework.document()
    document["elements"][0]["title"] = ""
    #expect(problem(document) == .blankText(path: "element E1 title"))
  }

  @Test("rejects a level key that is not a plain level number", arguments: ["three", "03", "1.0"])
  func levelKeyNotANumber(key: String) {
    var document = TestFramework.document()
    document["elements"][0]["strands"][0]["aspects"][0]["descriptors"][key] = "Odd."
    guard case .malformed(let path, _) = problem(document) else {
      Issue.record("expected a malformed-data problem")
      return
    }
    #expect(path == "aspect e1a")
  }

  @Test(
    "rejects a scale whose best level is not at either end, or with fewer than two levels",
    arguments: [(5, 3), (5, 0), (1, 1), (0, 1)])
  func invalidScale(count: Int, best: Int) {
    let document = TestFramework.document(count: count, best: best, defaultThreshold: 1)
    #expect(problem(document) == .invalidScale(count: count, best: best))
  }

  @Test("rejects a level 2 rule naming an element the framework does not have")
  func level2UnknownElement() {
    let document = TestFramework.document(level2: ("E9", 2))
    #expect(problem(document) == .level2RuleUnknownElement("E9"))
  }

  @Test("rejects a level 2 rule asking for more other elements than exist")
  func level2Unreachable() {
    let document = TestFramework.document(level2: ("E1", 4))
    #expect(problem(document) == .level2RuleUnreachable(additionalElementsMin: 4, otherElements: 3))
  }

  @Test("rejects empty element, strand and aspect lists")
  func empty() {
    var document = TestFramework.document()
    document["elements"][0]["strands"][0]["aspects"] = []
    #expect(problem(document) == .empty(path: "strand E1s aspects"))
    document = TestFramework.document()
    document["elements"][2]["strands"] = []
    #expect(problem(document) == .empty(path: "element E3 strands"))
    document = TestFramework.document()
    document["elements"] = []
    #expect(problem(document) == .empty(path: "elements"))
  }

  @Test("rejects a published version without a publish time and a draft with one")
  func lifecycle() {
    var document = TestFramework.document()
    document.remove("publish_time")
    #expect(problem(document) == .missingPublishTime)
    document = TestFramework.document()
    document["status"] = "draft"
    #expect(problem(document) == .draftWithPublishTime)
    document = TestFramework.document()
    document["valid_to"] = "2019-12-31"
    #expect(problem(document) == .validityEndsBeforeStart)
  }

  @Test("rejects unknown statuses, sources and malformed dates, naming the field")
  func malformedValues() {
    var document = TestFramework.document()
    document["status"] = "live"
    #expect(problem(document).map(path) == "status")
    document = TestFramework.document()
    document["elements"][0]["strands"][0]["source"] = "hearsay"
    #expect(problem(document).map(path) == "strand E1s source")
    document = TestFramework.document()
    document["valid_from"] = "2020-02-30"
    #expect(problem(document).map(path) == "valid_from")
    document = TestFramework.document()
    document["publish_time"] = "2020-09-01 00:00"
    #expect(problem(document).map(path) == "publish_time")
  }

  @Test("rejects a field the format does not define, such as a misspelt threshold")
  func unexpectedField() {
    var document = TestFramework.document()
    document["elements"][0]["strands"][0]["aspects"][0]["treshold"] = 2
    #expect(
      problem(document) == .unexpectedField(path: "elements[0].strands[0].aspects[0].treshold"))
  }

  @Test("rejects a missing field, a wrong type and text that is not JSON")
  func malformedJSON() {
    var document = TestFramework.document()
    document.remove("elements")
    #expect(problem(document).map(path) == "elements")
    document = TestFramework.document()
    document["default_threshold"] = "three"
    #expect(problem(document).map(path) == "default_threshold")
    let error = #expect(throws: FrameworkDataError.self) {
      try FrameworkVersion(json: Array("{\"id\": ".utf8), file: "cut-short.json")
    }
    #expect(error?.file == "cut-short.json")
  }

  @Test("a catalog refuses two versions with the same id, naming the second file")
  func duplicateVersion() {
    let text = TestFramework.document().serialised()
    let error = #expect(throws: FrameworkDataError.self) {
      try FrameworkCatalog.load(
        versions: [
          FrameworkDataFile(name: "first.json", json: text),
          FrameworkDataFile(name: "second.json", json: text),
        ],
        mappings: [])
    }
    #expect(
      error
        == FrameworkDataError(file: "second.json", problem: .duplicateVersionId("test-framework")))
  }

  @Test("the error describes the file and the problem")
  func errorDescription() {
    let error = FrameworkDataError(file: "srf-2008.json", problem: .duplicateAspectId("1a1"))
    #expect(error.description == "srf-2008.json: aspect id 1a1 is used twice")
  }

  private func path(_ problem: FrameworkDataError.Problem) -> String? {
    if case .malformed(let path, _) = problem { return path }
    return nil
  }
}
