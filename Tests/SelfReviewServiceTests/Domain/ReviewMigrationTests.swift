import SelfReviewService
import Testing

@Suite("Moving a review from the eight-element to the six-element framework")
struct ReviewMigrationTests {
  let catalog: FrameworkCatalog
  let mapping: FrameworkMapping

  init() throws {
    catalog = try FrameworkCatalog.builtIn()
    mapping = try #require(catalog.mapping(from: "srf-2008", to: "srf-2010"))
  }

  @Test("a one-to-one aspect keeps its level, commentary and evidence")
  func oneToOne() {
    let evidence = [EvidenceReference(title: "Vision statement", location: "Website")]
    let result = mapping.migrate([
      "1a1": AspectRating(level: 2, commentary: "Agreed in 2009.", evidence: evidence)
    ])
    #expect(
      result.ratings == [
        "1a-1": AspectRating(level: 2, commentary: "Agreed in 2009.", evidence: evidence)
      ])
    #expect(result.sources == ["1a-1": ["1a1"]])
    #expect(result.droppedAspectIds.isEmpty)
  }

  @Test(
    "levels convert through the table: the old level 5 becomes the new level 4",
    arguments: [(1, 1), (2, 2), (3, 3), (4, 4), (5, 4)])
  func levelConversion(old: Int, new: Int) {
    #expect(mapping.migrate(ratings(["2a1": old])).ratings["2a-1"]?.level == new)
  }

  @Test("several old aspects onto one new aspect take the weakest converted level")
  func weakest() throws {
    let result = mapping.migrate([
      "1d1": AspectRating(level: 2, commentary: "Termly monitoring."),
      "1d2": AspectRating(level: 4, commentary: "Impact mostly anecdotal."),
    ])
    let rating = try #require(result.ratings["1b-2"])
    #expect(rating.level == 4)
    #expect(rating.commentary == "[1d1] Termly monitoring.\n\n[1d2] Impact mostly anecdotal.")
    #expect(result.sources["1b-2"] == ["1d1", "1d2"])
  }

  @Test("unrated contributors do not drag the level down; none rated leaves it unrated")
  func unratedContributors() {
    let partly = mapping.migrate([
      "1d1": AspectRating(level: 2),
      "1d2": AspectRating(level: nil, commentary: "Still to discuss."),
    ])
    #expect(partly.ratings["1b-2"]?.level == 2)
    #expect(partly.ratings["1b-2"]?.commentary == "Still to discuss.")
    let none = mapping.migrate(["1d2": AspectRating(level: nil, commentary: "Still to discuss.")])
    #expect(none.ratings["1b-2"] == AspectRating(level: nil, commentary: "Still to discuss."))
  }

  @Test("evidence from several old aspects is merged without duplicates")
  func evidence() {
    let shared = EvidenceReference(title: "Development plan 2009-10")
    let own = EvidenceReference(title: "Budget sheet")
    let result = mapping.migrate([
      "1b1": AspectRating(level: 3, evidence: [shared]),
      "1b3": AspectRating(level: 3, evidence: [own, shared]),
    ])
    #expect(result.ratings["1b-1"]?.evidence == [shared, own])
  }

  @Test("impact on pupil outcomes has no successor: its ratings are dropped and listed")
  func impactDropped() {
    let result = mapping.migrate(ratings(["8a1": 2, "8b2": 3, "3a1": 2, "8a2": nil]))
    #expect(result.droppedAspectIds == ["8a1", "8a2", "8b2"])
    #expect(result.ratings.keys.sorted() == ["3a-1"])
  }

  @Test("ratings of ids the old framework does not have are dropped and listed; empty ones are not")
  func unknownDropped() {
    let result = mapping.migrate([
      "zz1": AspectRating(level: 1), "aa1": AspectRating(level: 2), "7b1": AspectRating(level: nil),
    ])
    #expect(result.droppedAspectIds == ["aa1", "zz1"])
    #expect(result.ratings.isEmpty)
  }

  @Test("a school at level 2 everywhere meets the new thresholds wherever a rating carried over")
  func standingAfterMigration() throws {
    let old = try #require(catalog.version(id: "srf-2008"))
    let new = try #require(catalog.version(id: "srf-2010"))
    let levels = Dictionary(
      uniqueKeysWithValues: old.aspects.map { ($0.id, AspectRating(level: 2, commentary: "Yes.")) })
    let result = mapping.migrate(levels)
    let standing = ReviewStanding(framework: new, ratings: result.ratings)
    // 6a-2 (learning environment) has no predecessor, so Resources is not yet at the standard.
    #expect(standing.elementsBelowStandard == ["E6"])
    #expect(standing.element(id: "E6")?.aspectsBelowThreshold == ["6a-2"])
    #expect(standing.level2RuleHolds)
    #expect(result.droppedAspectIds == ["8a1", "8a2", "8b1", "8b2"])
  }
}
