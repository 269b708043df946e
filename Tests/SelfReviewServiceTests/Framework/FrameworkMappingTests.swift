import SelfReviewService
import Testing

@Suite("Framework mappings")
struct FrameworkMappingTests {
  /// An old framework (five levels, aspects a1 a2 b1) and a new one (four levels, x1 x2).
  static let old = TestFramework.document(
    id: "old", elements: [("E1", [("a1", 3), ("a2", 3)]), ("E2", [("b1", 3)])], level2: nil)
  static let new = TestFramework.document(
    id: "new", count: 4, defaultThreshold: 2, elements: [("E1", [("x1", 2), ("x2", 2)])],
    level2: nil)

  static func mapping() -> TestJSON {
    [
      "from_framework_id": "old",
      "to_framework_id": "new",
      "aspect_source": "inferred",
      "level_conversion_source": "proposed",
      "level_conversions": ["1": 1, "2": 2, "3": 3, "4": 4, "5": 4],
      "aspect_mappings": [
        ["from": "a1", "to": ["x1"]],
        ["from": "a2", "to": ["x1", "x2"]],
        ["from": "b1", "to": []],
      ],
    ]
  }

  static func load(_ mapping: TestJSON) throws -> FrameworkCatalog {
    try FrameworkCatalog.load(
      versions: [
        FrameworkDataFile(name: "old.json", json: old.serialised()),
        FrameworkDataFile(name: "new.json", json: new.serialised()),
      ],
      mappings: [FrameworkDataFile(name: "map.json", json: mapping.serialised())])
  }

  func problem(
    _ mapping: TestJSON,
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> FrameworkDataError.Problem? {
    let error = #expect(throws: FrameworkDataError.self, sourceLocation: sourceLocation) {
      try Self.load(mapping)
    }
    #expect(error?.file == "map.json", sourceLocation: sourceLocation)
    return error?.problem
  }

  @Test("a valid mapping loads with its successors and conversions")
  func loads() throws {
    let mapping = try #require(try Self.load(Self.mapping()).mapping(from: "old", to: "new"))
    #expect(mapping.successors(of: "a2") == ["x1", "x2"])
    #expect(mapping.successors(of: "b1") == [])
    #expect(mapping.successors(of: "zz") == nil)
    #expect(mapping.levelConversions.map(\.fromLevel) == [1, 2, 3, 4, 5])
    #expect(mapping.convert(level: 5) == 4)
    #expect(mapping.convert(level: 6) == nil)
  }

  @Test("rejects a mapping naming an aspect the old framework does not have")
  func unknownOldAspect() {
    var mapping = Self.mapping()
    mapping["aspect_mappings"].append(["from": "a9", "to": ["x1"]])
    #expect(problem(mapping) == .mappingUnknownAspect(frameworkId: "old", aspectId: "a9"))
  }

  @Test("rejects a mapping naming an aspect the new framework does not have")
  func unknownNewAspect() {
    var mapping = Self.mapping()
    mapping["aspect_mappings"][0]["to"] = ["x9"]
    #expect(problem(mapping) == .mappingUnknownAspect(frameworkId: "new", aspectId: "x9"))
  }

  @Test("rejects a mapping that omits an old aspect or maps one twice")
  func completeness() {
    var mapping = Self.mapping()
    mapping["aspect_mappings"] = [["from": "a1", "to": ["x1"]], ["from": "a2", "to": []]]
    #expect(problem(mapping) == .mappingOmitsAspect("b1"))
    mapping = Self.mapping()
    mapping["aspect_mappings"].append(["from": "a1", "to": ["x2"]])
    #expect(problem(mapping) == .mappingDuplicateAspect("a1"))
  }

  @Test("rejects a level conversion to a level outside the new scale")
  func conversionOutsideNewScale() {
    var mapping = Self.mapping()
    mapping["level_conversions"]["5"] = 5
    #expect(problem(mapping) == .conversionLevelOutsideScale(frameworkId: "new", level: 5))
  }

  @Test("rejects a level conversion from a level outside the old scale")
  func conversionOutsideOldScale() {
    var mapping = Self.mapping()
    mapping["level_conversions"]["6"] = 4
    #expect(problem(mapping) == .conversionLevelOutsideScale(frameworkId: "old", level: 6))
  }

  @Test("rejects a level conversion that leaves an old level out")
  func conversionIncomplete() {
    var mapping = Self.mapping()
    mapping["level_conversions"].remove("3")
    #expect(problem(mapping) == .missingLevelConversion(level: 3))
  }

  @Test("rejects a mapping naming a framework that is not loaded, or onto itself")
  func unknownFramework() {
    var mapping = Self.mapping()
    mapping["to_framework_id"] = "newer"
    #expect(problem(mapping) == .mappingUnknownFramework("newer"))
    mapping = Self.mapping()
    mapping["to_framework_id"] = "old"
    #expect(problem(mapping) == .mappingOntoItself("old"))
  }

  @Test("the built-in mapping covers every eight-element aspect and drops only E8")
  func builtInMapping() throws {
    let catalog = try FrameworkCatalog.builtIn()
    let old = try #require(catalog.version(id: "srf-2008"))
    let new = try #require(catalog.version(id: "srf-2010"))
    let mapping = try #require(catalog.mapping(from: "srf-2008", to: "srf-2010"))
    #expect(Set(mapping.aspectMappings.map(\.fromAspectId)) == Set(old.aspects.map(\.id)))
    for entry in mapping.aspectMappings {
      let element = try #require(old.elementId(ofAspect: entry.fromAspectId))
      #expect(entry.toAspectIds.isEmpty == (element == "E8"), "\(entry.fromAspectId)")
      #expect(entry.toAspectIds.allSatisfy { new.aspect(id: $0) != nil })
    }
    #expect(
      mapping.levelConversions.map { [$0.fromLevel, $0.toLevel] } == [
        [1, 1], [2, 2], [3, 3], [4, 4], [5, 4],
      ])
  }

  @Test("the built-in mapping follows the element-level mapping: E6 into E3 and E1, E7 into E6")
  func builtInElementMapping() throws {
    let catalog = try FrameworkCatalog.builtIn()
    let old = try #require(catalog.version(id: "srf-2008"))
    let new = try #require(catalog.version(id: "srf-2010"))
    let mapping = try #require(catalog.mapping(from: "srf-2008", to: "srf-2010"))
    let allowed: [String: Set<String>] = [
      "E1": ["E1"], "E2": ["E2"], "E3": ["E3"], "E4": ["E4"], "E5": ["E5"], "E6": ["E3", "E1"],
      "E7": ["E6"], "E8": [],
    ]
    for entry in mapping.aspectMappings {
      let from = try #require(old.elementId(ofAspect: entry.fromAspectId))
      for target in entry.toAspectIds {
        let to = try #require(new.elementId(ofAspect: target))
        #expect(allowed[from]?.contains(to) == true, "\(entry.fromAspectId) → \(target)")
      }
    }
  }
}
