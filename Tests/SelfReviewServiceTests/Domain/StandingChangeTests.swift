import SelfReviewService
import Testing

@Suite("Changes in standing between two ratings")
struct StandingChangeTests {
  let framework: FrameworkVersion

  init() throws {
    framework = try TestFramework.standard()
  }

  func standing(_ levels: [String: Int?], commentary: String = "We do this.") -> ReviewStanding {
    ReviewStanding(framework: framework, ratings: ratings(levels, commentary: commentary))
  }

  @Test("the first rating of a review reports only what holds now, as reached")
  func firstRating() {
    #expect(
      StandingChange.changes(from: nil, to: standing(["e2a": 3])) == [
        .elementReachedStandard(elementId: "E2")
      ])
    #expect(StandingChange.changes(from: nil, to: standing(["e2a": 4])) == [])
  }

  @Test("the first rating can report the level 2 rule and the framework at once")
  func firstRatingEverything() {
    let all = standing(["e1a": 3, "e1b": 2, "e2a": 3, "e3a": 3, "e4a": 3])
    #expect(
      StandingChange.changes(from: nil, to: all) == [
        .elementReachedStandard(elementId: "E1"),
        .elementReachedStandard(elementId: "E2"),
        .elementReachedStandard(elementId: "E3"),
        .elementReachedStandard(elementId: "E4"),
        .level2RuleNowHolds(
          elementsAtStandard: ["E1", "E2", "E3", "E4"], commentaryComplete: true),
        .frameworkReachedStandard(commentaryComplete: true),
      ])
  }

  @Test("an element reaching the standard is reported once, not again on the next rating")
  func reachedOnce() {
    let before = standing(["e1a": 3])
    let after = standing(["e1a": 3, "e1b": 2])
    #expect(
      StandingChange.changes(from: before, to: after) == [.elementReachedStandard(elementId: "E1")])
    let later = standing(["e1a": 2, "e1b": 2])
    #expect(StandingChange.changes(from: after, to: later) == [])
  }

  @Test(
    "an element that falls below the standard after reaching it is reported, with the aspects below"
  )
  func fellBelow() {
    let before = standing(["e1a": 3, "e1b": 2])
    let after = standing(["e1a": 4, "e1b": 2])
    #expect(
      StandingChange.changes(from: before, to: after) == [
        .elementFellBelowStandard(elementId: "E1", aspectsBelowThreshold: ["e1a"])
      ])
  }

  @Test("the level 2 rule starting and stopping to hold is reported")
  func level2() {
    let two = standing(["e1a": 3, "e1b": 2, "e2a": 3])
    let three = standing(["e1a": 3, "e1b": 2, "e2a": 3, "e3a": 3])
    #expect(
      StandingChange.changes(from: two, to: three) == [
        .elementReachedStandard(elementId: "E3"),
        .level2RuleNowHolds(elementsAtStandard: ["E1", "E2", "E3"], commentaryComplete: true),
      ])
    let lost = standing(["e1a": 3, "e1b": 3, "e2a": 3, "e3a": 3])
    #expect(
      StandingChange.changes(from: three, to: lost) == [
        .elementFellBelowStandard(elementId: "E1", aspectsBelowThreshold: ["e1b"]),
        .level2RuleNoLongerHolds(elementsAtStandard: ["E2", "E3"]),
      ])
  }

  @Test("the level 2 event says whether the elements at the standard all have commentary")
  func level2Commentary() {
    var levels = ratings(["e1a": 3, "e1b": 2, "e2a": 3, "e3a": 3])
    levels["e1b"]?.commentary = "   "
    let after = ReviewStanding(framework: framework, ratings: levels)
    #expect(
      StandingChange.changes(from: standing(["e1a": 3]), to: after).contains(
        .level2RuleNowHolds(elementsAtStandard: ["E1", "E2", "E3"], commentaryComplete: false)))
  }

  @Test("the framework reaching and falling below the standard is reported")
  func frameworkStandard() {
    let almost = standing(["e1a": 3, "e1b": 2, "e2a": 3, "e3a": 3, "e4a": 4])
    let all = standing(["e1a": 3, "e1b": 2, "e2a": 3, "e3a": 3, "e4a": 3])
    #expect(
      StandingChange.changes(from: almost, to: all) == [
        .elementReachedStandard(elementId: "E4"),
        .frameworkReachedStandard(commentaryComplete: true),
      ])
    #expect(
      StandingChange.changes(from: all, to: almost) == [
        .elementFellBelowStandard(elementId: "E4", aspectsBelowThreshold: ["e4a"]),
        .frameworkFellBelowStandard(elementsBelowStandard: ["E4"]),
      ])
  }

  @Test("nothing is reported when the rating changes nothing the Charter counts")
  func noChange() {
    let before = standing(["e1a": 3, "e2a": 5])
    let after = standing(["e1a": 1, "e2a": 4])
    #expect(StandingChange.changes(from: before, to: after) == [])
    #expect(StandingChange.changes(from: after, to: after) == [])
  }

  @Test("a standing on another framework version is compared as if there were none before")
  func otherFramework() throws {
    let other = try TestFramework.version(TestFramework.document(id: "another"))
    let before = ReviewStanding(framework: other, ratings: ratings(["e2a": 3]))
    #expect(
      StandingChange.changes(from: before, to: standing(["e2a": 3])) == [
        .elementReachedStandard(elementId: "E2")
      ])
  }
}
