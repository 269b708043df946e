import RPCCore
import SelfReviewService
import Testing

@Suite("Next steps")
struct NextStepTests {
  let framework: FrameworkVersion

  init() throws {
    framework = try TestFramework.standard()
  }

  func step(_ aspectId: String, _ levels: [String: Int?]) throws -> NextStep {
    try #require(try framework.nextSteps(for: ratings(levels)).first { $0.aspectId == aspectId })
  }

  @Test("the next level up is one step towards level 1, with that level's descriptor")
  func oneStepUp() throws {
    let next = try step("e1a", ["e1a": 4])
    #expect(next.currentLevel == 4)
    #expect(next.nextLevel == 3)
    #expect(next.nextLevelDescriptor == "e1a at level 3.")
    #expect(!next.meetsThreshold)
    #expect(next.thresholdLevel == 3)
    #expect(next.aspectTitle == "Aspect e1a" && next.elementId == "E1")
  }

  @Test("at the best level there is no next level and no descriptor")
  func atBest() throws {
    let next = try step("e2a", ["e2a": 1])
    #expect(next.nextLevel == nil)
    #expect(next.nextLevelDescriptor == nil)
    #expect(next.meetsThreshold)
  }

  @Test("an unrated aspect's next step is the first rung, the least developed level")
  func unrated() throws {
    let next = try step("e3a", [:])
    #expect(next.currentLevel == nil)
    #expect(next.nextLevel == 5)
    #expect(next.nextLevelDescriptor == "e3a at level 5.")
    #expect(!next.meetsThreshold)
  }

  @Test("a step at the threshold meets it and still points one level further")
  func atThreshold() throws {
    let next = try step("e1b", ["e1b": 2])
    #expect(next.meetsThreshold)
    #expect(next.nextLevel == 1)
  }

  @Test("aspects below their threshold come first, each group in framework order")
  func order() throws {
    let steps = try framework.nextSteps(for: ratings(["e1a": 1, "e1b": 3, "e2a": 3, "e4a": 5]))
    #expect(steps.map(\.aspectId) == ["e1b", "e3a", "e4a", "e1a", "e2a"])
  }

  @Test("can be limited to one element")
  func oneElement() throws {
    let steps = try framework.nextSteps(for: [:], inElement: "E1")
    #expect(steps.map(\.aspectId) == ["e1a", "e1b"])
  }

  @Test("an unknown element is refused as not found")
  func unknownElement() {
    let error = #expect(throws: SelfReviewRuleError.self) {
      try framework.nextSteps(for: [:], inElement: "E9")
    }
    #expect(error == .unknownElement(elementId: "E9", frameworkId: "test-framework"))
    #expect(error?.rpcErrorCode == .notFound)
  }

  @Test("the built-in six-element framework gives a descriptor for every step short of level 1")
  func builtIn() throws {
    let current = try #require(try FrameworkCatalog.builtIn().currentVersion)
    let steps = try current.nextSteps(for: [:])
    #expect(steps.count == current.aspectCount)
    #expect(steps.allSatisfy { $0.nextLevel == 4 && $0.nextLevelDescriptor != nil })
  }
}
