import CharterValues
import Contracts
import EvaluationService
import Testing

@Suite("Moderation triggers, Mark terms, fees and eligibility")
struct ModerationAndTermsTests {
  @Test("an assessor's first assessment is moderated, their tenth is a quality review, and a sample of the rest")
  func moderationTriggers() {
    #expect(ModerationPlan.reason(assessmentNumber: 1, applicationID: "app-1", sampleRate: 0) == .firstAssessment)
    #expect(ModerationPlan.reason(assessmentNumber: 10, applicationID: "app-1", sampleRate: 0) == .qualityReview)
    for n in [2, 3, 9, 11, 20] {
      #expect(ModerationPlan.reason(assessmentNumber: n, applicationID: "app-\(n)", sampleRate: 0) == nil)
      #expect(ModerationPlan.reason(assessmentNumber: n, applicationID: "app-\(n)", sampleRate: 1) == .sample)
    }
    // A sample rate of 0.25 picks about a quarter, and always the same ones.
    let picked = (0..<4000).filter {
      ModerationPlan.reason(assessmentNumber: 5, applicationID: "app-\($0)", sampleRate: 0.25) == .sample
    }
    #expect((800...1200).contains(picked.count))
    #expect(ModerationPlan.reason(assessmentNumber: 5, applicationID: "app-\(picked[0])", sampleRate: 0.25) == .sample)
  }

  @Test("a Mark lasts three years; renewal falls due six months before and stays open twelve months after")
  func markTerms() {
    let awarded = UTCTime(rfc3339: "2009-03-02T10:30:00Z")!
    let dates = MarkTerms().dates(awardedAt: awarded)
    #expect(dates.expiresAt.description == "2012-03-02T10:30:00Z")
    #expect(dates.renewalDueAt.description == "2011-09-02T10:30:00Z")
    #expect(dates.lateRenewalUntil.description == "2013-03-02T10:30:00Z")
    let leap = MarkTerms(renewalNoticeMonths: 3).dates(awardedAt: UTCTime(rfc3339: "2008-02-29T09:00:00Z")!)
    #expect(leap.expiresAt.description == "2011-02-28T09:00:00Z")
    #expect(leap.renewalDueAt.description == "2010-11-28T09:00:00Z")
  }

  @Test(
    "the 2011 fee table prices by size band and route",
    arguments: [
      (ApplicationRoute.standard, SizeBand.smallPrimary, 40_000), (.standard, .largePrimary, 55_000),
      (.streamlined, .secondary, 65_000), (.renewalWithVisit, .largePrimary, 55_000),
      (.renewalWithoutVisit, .smallPrimary, 29_500), (.renewalWithoutVisit, .largePrimary, 34_500),
      (.renewalWithoutVisit, .secondary, 39_500),
    ])
  func fees(route: ApplicationRoute, band: SizeBand, pence: Int) {
    #expect(FeeTable.naace2011.fee(route: route, band: band) == pence)
    #expect(FeeTable.inForce(on: CalendarDate(year: 2012, month: 1, day: 1)!).version == "naace-2011")
  }

  @Test("all-through schools and federations are priced on application; bands come from phase and roll")
  func bands() {
    #expect(FeeTable.naace2011.fee(route: .standard, band: .allThroughOrFederation) == nil)
    #expect(SizeBand(phase: .primary, numberOnRoll: 99) == .smallPrimary)
    #expect(SizeBand(phase: .primary, numberOnRoll: 100) == .largePrimary)
    #expect(SizeBand(phase: .special, numberOnRoll: 60) == .smallPrimary)
    #expect(SizeBand(phase: .nursery, numberOnRoll: 120) == .largePrimary)
    #expect(SizeBand(phase: .secondary, numberOnRoll: 60) == .secondary)
    #expect(SizeBand(phase: .allThrough, numberOnRoll: 1500) == .allThroughOrFederation)
  }

  @Test("a school may apply with every aspect at threshold and commented, and after NOT_MET once it reworks")
  func eligibility() {
    let time = UTCTime(rfc3339: "2010-01-10T12:00:00Z")!
    let aspects = ["1a1", "1a2", "2a1"].map { SelfReviewStanding.Aspect(aspectID: $0, level: 2, hasCommentary: true) }
    let ready = SelfReviewStanding(frameworkID: "srf-2008", aspects: aspects, atNationalStandard: true, updatedAt: time)
    #expect(MarkEligibility.reasons(standing: ready).isEmpty)
    #expect(MarkEligibility.reasons(standing: nil) == ["the school has not started its self-review"])
    var below = ready
    below.atNationalStandard = false
    #expect(MarkEligibility.reasons(standing: below).first?.contains("national standard") == true)
    var silent = ready
    silent.aspects[1].hasCommentary = false
    #expect(MarkEligibility.reasons(standing: silent) == ["aspects without commentary: 1a2"])
    #expect(!MarkEligibility.reasons(standing: ready, lastNotMetAt: time).isEmpty)
    #expect(MarkEligibility.reasons(standing: ready, lastNotMetAt: time.adding(.seconds(-60))).isEmpty)
  }

  @Test("a report needs commentary, three strengths and three areas; a referral its gaps and a later deadline")
  func reports() throws {
    let today = CalendarDate(year: 2010, month: 3, day: 1)!
    let three = ["one", "two", "three"]
    _ = try AssessmentReportRules.check(
      outcome: .met, contextCommentary: "A good school.", strengths: three, areasForDevelopment: three,
      referralGaps: [], referralDeadline: nil, today: today)
    #expect(throws: InvalidField(field: "report.strengths", reason: "a report lists at least 3 strengths, got 2")) {
      try AssessmentReportRules.check(
        outcome: .met, contextCommentary: "x", strengths: ["a", "b"], areasForDevelopment: three, referralGaps: [],
        referralDeadline: nil, today: today)
    }
    #expect(throws: InvalidField.self) {
      try AssessmentReportRules.check(
        outcome: .referred, contextCommentary: "x", strengths: three, areasForDevelopment: three, referralGaps: [],
        referralDeadline: today.adding(days: 30), today: today)
    }
    #expect(throws: InvalidField.self) {
      try AssessmentReportRules.check(
        outcome: .referred, contextCommentary: "x", strengths: three, areasForDevelopment: three,
        referralGaps: ["E-safety policy"], referralDeadline: today, today: today)
    }
    let referred = try AssessmentReportRules.check(
      outcome: .referred, contextCommentary: "x", strengths: three, areasForDevelopment: three,
      referralGaps: ["E-safety policy"], referralDeadline: today.adding(days: 30), today: today)
    #expect(referred.referralDeadline == today.adding(days: 30))
  }

  @Test("visit days are today or later, a visit starts on one of them, and lasts half a day")
  func visits() throws {
    let today = CalendarDate(year: 2010, month: 3, day: 1)!
    let offered = try AssessmentVisit.checkOffered(
      [today.adding(days: 9), today.adding(days: 2), today.adding(days: 2)], today: today)
    #expect(offered == [today.adding(days: 2), today.adding(days: 9)])
    #expect(throws: InvalidField.self) { try AssessmentVisit.checkOffered([today.adding(days: -1)], today: today) }
    let now = today.startInUTC.adding(.seconds(9 * 3600))
    try AssessmentVisit.checkStart(
      today.adding(days: 2).startInUTC.adding(.seconds(9 * 3600)), offered: offered, now: now)
    #expect(throws: InvalidField.self) {
      try AssessmentVisit.checkStart(today.adding(days: 3).startInUTC, offered: offered, now: now)
    }
    #expect(AssessmentVisit.length == .seconds(4 * 3600))
    #expect(AssessmentVisit.usualAgenda.first?.contains("Context") == true)
  }
}
