import SelfReviewService
import Testing

@Suite("Level scales in either direction")
struct LevelScaleTests {
  static func scale(best: Int) throws -> LevelScale {
    try TestFramework.version(
      TestFramework.document(best: best, elements: [("E1", [("a", 3)])], level2: nil)
    ).scale
  }

  @Test("on a scale where 1 is best, lower numbers are more developed")
  func countingDown() throws {
    let scale = try Self.scale(best: 1)
    #expect(scale.worst == 5)
    #expect(scale.levelsFromWorstToBest == [5, 4, 3, 2, 1])
    #expect(scale.isBetter(2, than: 3))
    #expect(scale.isAtLeast(3, asGoodAs: 3))
    #expect(!scale.isAtLeast(4, asGoodAs: 3))
    #expect(scale.meets(level: 3, threshold: 3))
    #expect(scale.meets(level: 1, threshold: 3))
    #expect(!scale.meets(level: 4, threshold: 3))
    #expect(scale.nextLevelUp(from: 4) == 3)
    #expect(scale.nextLevelUp(from: 1) == nil)
    #expect(scale.nextLevelUp(from: nil) == 5)
    #expect(scale.weakest(of: [2, 4, 3]) == 4)
  }

  @Test("on an inverted scale where 5 is best, the same questions get mirrored answers")
  func countingUp() throws {
    let scale = try Self.scale(best: 5)
    #expect(scale.worst == 1)
    #expect(scale.levelsFromWorstToBest == [1, 2, 3, 4, 5])
    #expect(scale.isBetter(3, than: 2))
    #expect(scale.meets(level: 3, threshold: 3))
    #expect(scale.meets(level: 5, threshold: 3))
    #expect(!scale.meets(level: 2, threshold: 3))
    #expect(scale.nextLevelUp(from: 2) == 3)
    #expect(scale.nextLevelUp(from: 5) == nil)
    #expect(scale.nextLevelUp(from: nil) == 1)
    #expect(scale.weakest(of: [2, 4, 3]) == 2)
  }

  @Test(
    "an unrated aspect or a level off the scale never meets a threshold",
    arguments: [1, 5])
  func offTheScale(best: Int) throws {
    let scale = try Self.scale(best: best)
    #expect(!scale.meets(level: nil, threshold: 3))
    #expect(!scale.meets(level: 0, threshold: 3))
    #expect(!scale.meets(level: 6, threshold: 3))
    #expect(!scale.contains(0) && !scale.contains(6) && scale.contains(1) && scale.contains(5))
    #expect(scale.nextLevelUp(from: 9) == nil)
    #expect(scale.weakest(of: [0, 9]) == nil)
  }
}
