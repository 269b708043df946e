import SelfReviewService
import Testing

/// A framework whose scale counts up (5 is best, as in the NCCE Computing Quality Framework):
/// the same rules must give mirrored answers. E1 has e1a (threshold 3) and e1b (threshold 4);
/// E2, E3 and E4 have one aspect each at threshold 3.
@Suite("Frameworks with an inverted scale")
struct InvertedScaleTests {
  let framework: FrameworkVersion

  init() throws {
    framework = try TestFramework.inverted()
  }

  @Test("the scale knows 5 is best and 1 is the least developed")
  func scale() {
    #expect(framework.scale.best == 5)
    #expect(framework.scale.worst == 1)
  }

  @Test("a level at the threshold meets it; one step lower (less developed) does not")
  func thresholds() {
    let atThreshold = ReviewStanding(framework: framework, ratings: ratings(["e1a": 3, "e1b": 4]))
    #expect(atThreshold.aspect(id: "e1a")?.meetsThreshold == true)
    #expect(atThreshold.aspect(id: "e1b")?.meetsThreshold == true)
    #expect(atThreshold.element(id: "E1")?.atNationalStandard == true)
    let below = ReviewStanding(framework: framework, ratings: ratings(["e1a": 2, "e1b": 3]))
    #expect(below.aspect(id: "e1a")?.meetsThreshold == false)
    #expect(below.aspect(id: "e1b")?.meetsThreshold == false)
    #expect(below.element(id: "E1")?.aspectsBelowThreshold == ["e1a", "e1b"])
  }

  @Test("level 1 is the worst, not the best: it meets no threshold above it")
  func levelOneIsWorst() {
    let standing = ReviewStanding(
      framework: framework, ratings: ratings(["e1a": 1, "e1b": 1, "e2a": 1, "e3a": 1, "e4a": 1]))
    #expect(standing.elementsAtStandard.isEmpty)
    #expect(!standing.atNationalStandard)
    #expect(standing.progress == 1)
  }

  @Test("the level 2 rule and the framework standard follow the mirrored thresholds")
  func level2AndFramework() {
    let level2 = ReviewStanding(
      framework: framework, ratings: ratings(["e1a": 5, "e1b": 4, "e2a": 3, "e3a": 4, "e4a": 2]))
    #expect(level2.level2RuleHolds)
    #expect(!level2.atNationalStandard)
    let all = ReviewStanding(
      framework: framework, ratings: ratings(["e1a": 5, "e1b": 4, "e2a": 3, "e3a": 4, "e4a": 3]))
    #expect(all.atNationalStandard)
  }

  @Test("next steps count upwards and stop at 5")
  func nextSteps() throws {
    let steps = try framework.nextSteps(for: ratings(["e1a": 5, "e1b": 2, "e2a": nil]))
    let byId = Dictionary(uniqueKeysWithValues: steps.map { ($0.aspectId, $0) })
    #expect(byId["e1a"]?.nextLevel == nil && byId["e1a"]?.meetsThreshold == true)
    #expect(byId["e1b"]?.nextLevel == 3)
    #expect(byId["e1b"]?.nextLevelDescriptor == "e1b at level 3.")
    #expect(byId["e2a"]?.nextLevel == 1)
  }

  @Test("migrating onto an inverted scale keeps the weakest level in that scale's direction")
  func migrationWeakest() throws {
    let old = TestFramework.document(
      id: "old", elements: [("E1", [("a1", 3), ("a2", 3)])], level2: nil)
    let new = TestFramework.document(
      id: "new", best: 5, elements: [("E1", [("x1", 3)])], level2: nil)
    let mapping: TestJSON = [
      "from_framework_id": "old", "to_framework_id": "new", "aspect_source": "proposed",
      "level_conversion_source": "proposed",
      "level_conversions": ["1": 5, "2": 4, "3": 3, "4": 2, "5": 1],
      "aspect_mappings": [["from": "a1", "to": ["x1"]], ["from": "a2", "to": ["x1"]]],
    ]
    let catalog = try FrameworkCatalog.load(
      versions: [
        FrameworkDataFile(name: "old.json", json: old.serialised()),
        FrameworkDataFile(name: "new.json", json: new.serialised()),
      ],
      mappings: [FrameworkDataFile(name: "map.json", json: mapping.serialised())])
    let result = try #require(catalog.mapping(from: "old", to: "new"))
      .migrate(ratings(["a1": 1, "a2": 3]))
    #expect(result.ratings["x1"]?.level == 3)
  }
}
