import SelfReviewService
import Testing

/// The derived predicates of the Charter domain notes (§7.1), on the standard test framework:
/// level 1 is best; E1 has e1a (threshold 3) and e1b (threshold 2); E2, E3 and E4 have one
/// aspect each at threshold 3.
@Suite("Where a review stands")
struct ReviewStandingTests {
  let framework: FrameworkVersion

  init() throws {
    framework = try TestFramework.standard()
  }

  func standing(_ levels: [String: Int?], commentary: String = "We do this.") -> ReviewStanding {
    ReviewStanding(framework: framework, ratings: ratings(levels, commentary: commentary))
  }

  @Test("an aspect rated exactly at its threshold meets it")
  func atThreshold() throws {
    let result = standing(["e1a": 3, "e1b": 2])
    #expect(result.aspect(id: "e1a")?.meetsThreshold == true)
    #expect(result.aspect(id: "e1b")?.meetsThreshold == true)
  }

  @Test("an aspect one step less developed than its threshold does not meet it")
  func oneStepBelow() throws {
    let result = standing(["e1a": 4, "e1b": 3])
    #expect(result.aspect(id: "e1a")?.meetsThreshold == false)
    #expect(result.aspect(id: "e1b")?.meetsThreshold == false)
  }

  @Test("an aspect more developed than its threshold meets it")
  func beyondThreshold() {
    #expect(standing(["e1a": 1]).aspect(id: "e1a")?.meetsThreshold == true)
  }

  @Test("an unrated aspect does not meet its threshold, even with commentary")
  func unrated() throws {
    let result = standing(["e1a": nil])
    let aspect = try #require(result.aspect(id: "e1a"))
    #expect(!aspect.isRated && !aspect.meetsThreshold && aspect.hasCommentary)
    #expect(result.aspect(id: "e2a")?.isRated == false)
  }

  @Test("a stored level off the scale counts as unrated, never as met", arguments: [0, 6, -3])
  func offScaleLevel(level: Int) {
    let aspect = standing(["e2a": level]).aspect(id: "e2a")
    #expect(aspect?.level == nil)
    #expect(aspect?.meetsThreshold == false)
  }

  @Test("an element is at the national standard only when every one of its aspects is met")
  func elementStandard() throws {
    #expect(standing(["e1a": 3, "e1b": 2]).element(id: "E1")?.atNationalStandard == true)
    #expect(standing(["e1a": 3, "e1b": 3]).element(id: "E1")?.atNationalStandard == false)
    #expect(standing(["e1a": 3]).element(id: "E1")?.atNationalStandard == false)
    let partial = try #require(standing(["e1a": 2, "e1b": 4]).element(id: "E1"))
    #expect(partial.aspectsMet == 1 && partial.aspectsTotal == 2 && partial.aspectsRated == 2)
    #expect(partial.aspectsBelowThreshold == ["e1b"])
  }

  @Test("the framework is at the national standard only when every element is")
  func frameworkStandard() {
    let all: [String: Int?] = ["e1a": 3, "e1b": 2, "e2a": 3, "e3a": 1, "e4a": 2]
    #expect(standing(all).atNationalStandard)
    #expect(standing(all).elementsBelowStandard.isEmpty)
    var almost = all
    almost["e4a"] = 4
    #expect(!standing(almost).atNationalStandard)
    #expect(standing(almost).elementsBelowStandard == ["E4"])
    #expect(!standing([:]).atNationalStandard)
  }

  @Test("progress is the share of aspects both rated and commented on")
  func progress() {
    #expect(standing([:]).progress == 0)
    #expect(standing(["e1a": 4, "e2a": 5]).progress == 2.0 / 5.0)
    #expect(standing(["e1a": 4, "e1b": 4, "e2a": 4, "e3a": 4, "e4a": 4]).progress == 1)
    var mixed = ratings(["e1a": 4, "e2a": 4])
    mixed["e3a"] = AspectRating(level: nil, commentary: "Planned for next term.")
    mixed["e4a"] = AspectRating(level: 2, commentary: "")
    #expect(ReviewStanding(framework: framework, ratings: mixed).progress == 2.0 / 5.0)
  }

  @Test(
    "blank or whitespace-only commentary counts as none",
    arguments: ["", " ", "\n\t  ", "\u{00A0}\u{2003}"])
  func blankCommentary(commentary: String) {
    let result = standing(
      ["e1a": 3, "e1b": 2, "e2a": 3, "e3a": 3, "e4a": 3], commentary: commentary)
    #expect(result.progress == 0)
    #expect(!result.commentaryComplete)
    #expect(result.aspects.allSatisfy { !$0.hasCommentary })
    #expect(result.atNationalStandard)
  }

  @Test("commentary is complete only when every aspect has some, rated or not")
  func commentaryComplete() {
    var all = ratings(["e1a": 3, "e1b": 2, "e2a": 3, "e3a": 3])
    #expect(!ReviewStanding(framework: framework, ratings: all).commentaryComplete)
    all["e4a"] = AspectRating(level: nil, commentary: "Not yet rated, but here is why.")
    let result = ReviewStanding(framework: framework, ratings: all)
    #expect(result.commentaryComplete)
    #expect(result.element(id: "E4")?.commentaryComplete == true)
  }

  @Test("ratings of ids that are not aspects of the framework are ignored")
  func unknownAspectsIgnored() {
    let result = standing(["e1a": 3, "zz9": 1])
    #expect(result.aspects.map(\.aspectId) == ["e1a", "e1b", "e2a", "e3a", "e4a"])
    #expect(result.progress == 1.0 / 5.0)
  }

  @Test("aspects and elements come in framework order")
  func order() {
    let result = standing([:])
    #expect(result.elements.map(\.elementId) == ["E1", "E2", "E3", "E4"])
    #expect(result.aspects.map(\.elementId) == ["E1", "E1", "E2", "E3", "E4"])
    #expect(result.frameworkId == "test-framework")
  }
}
