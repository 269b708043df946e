import AccreditationService
import CharterValues
import Testing

/// The level rule of CHARTER-DOMAIN.md §7.2 on facts alone: every transition, and the
/// fall-backs as time passes, asked of the pure function at chosen instants.
@Suite("Charter level rule")
struct CharterLevelRuleTests {
  static let t0 = UTCTime("2009-01-14T09:00:00Z")!
  static func day(_ n: Int) -> UTCTime { t0.adding(.seconds(Int64(n) * 86_400)) }

  static func recognition(from: UTCTime) -> CharterFacts.Recognition {
    CharterFacts.Recognition(id: "rec-1", recognisedAt: from, expiresAt: from.adding(years: 3))
  }

  static func mark(_ id: String = "award-1", from: UTCTime) -> CharterFacts.Mark {
    CharterFacts.Mark(awardID: id, awardedAt: from, expiresAt: from.adding(years: 3))
  }

  static func badge(
    _ result: AwardResult, at: UTCTime, threshold: AwardResult = .shortlisted, requiresMark: Bool = true
  )
    -> CharterFacts.Badge
  {
    CharterFacts.Badge(
      entryID: "entry-1", year: 2009, result: result, threshold: threshold, requiresMark: requiresMark, recordedAt: at)
  }

  func level(_ facts: CharterFacts, _ time: UTCTime) -> CharterLevel { CharterLevelRule.decide(facts, at: time).level }

  @Test("registered, not committed: no level; committing is level 1 from that moment")
  func committed() {
    var facts = CharterFacts()
    #expect(level(facts, Self.t0) == .notCommitted)
    facts.committedAt = Self.day(1)
    #expect(level(facts, Self.t0) == .notCommitted)
    #expect(level(facts, Self.day(1)) == .committed)
    #expect(CharterLevelRule.decide(facts, at: Self.day(2)).expiresAt == nil)
  }

  @Test("level 1 to 2 with an approved recognition, which holds three years and then falls back to level 1")
  func recognisedAndLapses() {
    let facts = CharterFacts(committedAt: Self.t0, recognition: Self.recognition(from: Self.day(100)))
    #expect(level(facts, Self.day(99)) == .committed)
    let decision = CharterLevelRule.decide(facts, at: Self.day(100))
    #expect(decision.level == .recognised)
    #expect(decision.expiresAt == Self.day(100).adding(years: 3))
    #expect(level(facts, Self.day(100).adding(years: 3).adding(.seconds(-1))) == .recognised)
    #expect(level(facts, Self.day(100).adding(years: 3)) == .committed)
    #expect(CharterLevelRule.nextChange(facts, after: Self.day(100)) == Self.day(100).adding(years: 3))
  }

  @Test("level 1 or 2 to 3 with the ICT Mark; the Mark ends the recognition, so its expiry falls back to level 1")
  func markThenExpiry() {
    let awarded = Self.day(400)
    let facts = CharterFacts(
      committedAt: Self.t0, recognition: Self.recognition(from: Self.day(100)), marks: [Self.mark(from: awarded)])
    #expect(level(facts, Self.day(399)) == .recognised)
    #expect(level(facts, awarded) == .ictMark)
    #expect(CharterLevelRule.decide(facts, at: awarded).expiresAt == awarded.adding(years: 3))
    // Three years later the recognition (approved on day 100) would still be within its own
    // three years at day 400 + 3y? No: it ended with the Mark, so the school falls to level 1.
    #expect(level(facts, awarded.adding(years: 3)) == .committed)
  }

  @Test("a school with no commitment still holds the Mark as level 3, and nothing once it expires")
  func markWithoutCommitment() {
    let facts = CharterFacts(marks: [Self.mark(from: Self.t0)])
    #expect(level(facts, Self.day(1)) == .ictMark)
    #expect(level(facts, Self.t0.adding(years: 3)) == .notCommitted)
  }

  @Test("evaluation's word that a Mark expired ends it early; a renewal carries level 3 on")
  func expiryEventAndRenewal() {
    var facts = CharterFacts(committedAt: Self.t0, marks: [Self.mark(from: Self.day(10))])
    facts.marks[0].expiredAt = Self.day(500)
    #expect(level(facts, Self.day(499)) == .ictMark)
    #expect(level(facts, Self.day(500)) == .committed)
    facts.marks.append(Self.mark("award-2", from: Self.day(800)))
    #expect(level(facts, Self.day(800)) == .ictMark)
    #expect(CharterLevelRule.decide(facts, at: Self.day(800)).basis == .ictMark(awardID: "award-2"))
  }

  @Test(
    "level 3 to 4 with a result at the cycle's threshold while the Mark holds; the Mark's expiry falls back past level 3",
    arguments: [
      (AwardResult.entrant, AwardResult.entrant, true), (.entrant, .shortlisted, false),
      (.notShortlisted, .shortlisted, false), (.shortlisted, .shortlisted, true),
      (.highlyCommended, .shortlisted, true),
      (.runnerUp, .winner, false), (.winner, .winner, true),
    ])
  func excellence(result: AwardResult, threshold: AwardResult, reaches: Bool) {
    let awarded = Self.day(10)
    let facts = CharterFacts(
      committedAt: Self.t0, marks: [Self.mark(from: awarded)],
      badges: [Self.badge(result, at: Self.day(200), threshold: threshold)])
    #expect(level(facts, Self.day(199)) == .ictMark)
    #expect(level(facts, Self.day(200)) == (reaches ? .excellence : .ictMark))
    // The Mark runs out: level 4 goes with it; the badge stays in the facts (the history).
    #expect(level(facts, awarded.adding(years: 3)) == .committed)
  }

  @Test("a cycle that did not require the Mark: level 4 counts three years, then the school falls back to level 3")
  func excellenceWithoutMark() {
    let facts = CharterFacts(
      committedAt: Self.t0, marks: [Self.mark(from: Self.day(300))],
      badges: [Self.badge(.winner, at: Self.day(200), requiresMark: false)])
    #expect(level(facts, Self.day(200)) == .excellence)
    #expect(level(facts, Self.day(200).adding(years: 3)) == .ictMark)
    #expect(level(facts, Self.day(300).adding(years: 3)) == .committed)
  }

  @Test("withdrawal beats every level; the facts are kept")
  func withdrawn() {
    let facts = CharterFacts(
      committedAt: Self.t0, withdrawnAt: Self.day(50), marks: [Self.mark(from: Self.day(10))],
      badges: [Self.badge(.winner, at: Self.day(20))])
    #expect(level(facts, Self.day(49)) == .excellence)
    #expect(level(facts, Self.day(50)) == .withdrawn)
  }

  @Test("the programme switch: a commitment made after closing does not count, one made before keeps level 1")
  func programmeSwitch() {
    let closed = Self.day(500)
    let before = CharterFacts(committedAt: Self.day(10), programmeClosedAt: closed)
    let after = CharterFacts(committedAt: Self.day(600), programmeClosedAt: closed)
    #expect(level(before, Self.day(700)) == .committed)
    #expect(level(after, Self.day(700)) == .notCommitted)
    var reopened = after
    reopened.programmeClosedAt = nil
    #expect(level(reopened, Self.day(700)) == .committed)
  }

  @Test("the next change is the earliest dated fact ahead")
  func nextChange() {
    let facts = CharterFacts(
      committedAt: Self.t0, recognition: Self.recognition(from: Self.day(100)), marks: [Self.mark(from: Self.day(400))])
    #expect(CharterLevelRule.nextChange(facts, after: Self.day(1)) == Self.day(100))
    #expect(CharterLevelRule.nextChange(facts, after: Self.day(100)) == Self.day(400))
    #expect(CharterLevelRule.nextChange(facts, after: Self.day(400)) == Self.day(100).adding(years: 3))
    #expect(CharterLevelRule.nextChange(CharterFacts(committedAt: Self.t0), after: Self.day(1)) == nil)
  }

  @Test("reasons say what began, and on a fall what ended and where the school is now")
  func reasons() {
    let committed = LevelDecision(level: .committed, basis: .committed)
    let mark = LevelDecision(level: .ictMark, basis: .ictMark(awardID: "a"))
    let award = LevelDecision(level: .excellence, basis: .excellence(entryID: "e", year: 2009, result: .winner))
    let recognised = LevelDecision(level: .recognised, basis: .recognised(recognitionID: "r"))
    let clock = LevelChangeCause(source: .clock, eventType: "")
    #expect(LevelChange.reason(from: committed, to: mark, cause: clock) == "ICT Mark awarded")
    #expect(LevelChange.reason(from: mark, to: award, cause: clock) == "ICT Excellence Award 2009: winner")
    #expect(
      LevelChange.reason(
        from: award, to: committed,
        cause: .clock(endingOf: award.basis, facts: CharterFacts(marks: [Self.mark(from: Self.t0)]), at: Self.day(1200))
      )
        == "ICT Mark expired; the ICT Excellence Award 2009 stays in the history: back to Committed to ICT")
    #expect(
      LevelChange.reason(from: recognised, to: committed, cause: .clock(endingOf: recognised.basis))
        == "Recognised status lapsed after three years: back to Committed to ICT")
    #expect(LevelChangeCause.clock(endingOf: mark.basis).eventType == "mark_expired")
    #expect(LevelBasis(storageKey: award.basis.storageKey) == award.basis)
    #expect(LevelBasis(storageKey: LevelBasis.ictMark(awardID: "aw:1").storageKey) == .ictMark(awardID: "aw:1"))
  }
}
