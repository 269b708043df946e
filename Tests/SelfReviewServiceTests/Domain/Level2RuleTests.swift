import SelfReviewService
import Testing

/// Charter level 2 ("Recognised for ICT"): leadership and management (E1) plus two other
/// elements at the national standard.
@Suite("The Charter level 2 rule")
struct Level2RuleTests {
  /// Levels that put each listed element at the national standard on the standard framework.
  static func met(_ elements: [String]) -> [String: Int?] {
    var levels: [String: Int?] = [:]
    for element in elements {
      switch element {
      case "E1":
        levels["e1a"] = 3
        levels["e1b"] = 2
      case "E2": levels["e2a"] = 3
      case "E3": levels["e3a"] = 2
      case "E4": levels["e4a"] = 1
      default: break
      }
    }
    return levels
  }

  @Test("holds with E1 and exactly two other elements at the standard")
  func e1PlusTwo() throws {
    let standing = ReviewStanding(
      framework: try TestFramework.standard(), ratings: ratings(Self.met(["E1", "E2", "E4"])))
    #expect(standing.level2RuleHolds)
    #expect(!standing.atNationalStandard)
  }

  @Test("does not hold with E1 and only one other element")
  func e1PlusOne() throws {
    let standing = ReviewStanding(
      framework: try TestFramework.standard(), ratings: ratings(Self.met(["E1", "E3"])))
    #expect(!standing.level2RuleHolds)
  }

  @Test("does not hold with three other elements but not E1")
  func threeWithoutE1() throws {
    var levels = Self.met(["E2", "E3", "E4"])
    levels["e1a"] = 1
    levels["e1b"] = 3  // one step short of its threshold of 2
    let standing = ReviewStanding(framework: try TestFramework.standard(), ratings: ratings(levels))
    #expect(standing.elementsAtStandard == ["E2", "E3", "E4"])
    #expect(!standing.level2RuleHolds)
  }

  @Test("holds with every element at the standard")
  func everything() throws {
    let standing = ReviewStanding(
      framework: try TestFramework.standard(), ratings: ratings(Self.met(["E1", "E2", "E3", "E4"])))
    #expect(standing.level2RuleHolds && standing.atNationalStandard)
  }

  @Test("never holds on a framework without a level 2 rule")
  func noRule() throws {
    let framework = try TestFramework.version(TestFramework.document(level2: nil))
    #expect(framework.level2Rule == nil)
    let standing = ReviewStanding(
      framework: framework, ratings: ratings(Self.met(["E1", "E2", "E3", "E4"])))
    #expect(!standing.level2RuleHolds)
  }

  @Test(
    "the rule itself counts the required element and the others",
    arguments: [
      (["E1", "E2", "E3"], true), (["E1", "E2"], false), (["E2", "E3", "E4"], false),
      (["E1", "E1", "E2"], false), ([], false),
    ])
  func ruleAlone(elements: [String], holds: Bool) throws {
    let rule = try #require(try TestFramework.standard().level2Rule)
    #expect(rule.holds(elementsAtStandard: elements) == holds)
  }
}
