import CharterValues
import Contracts
import EvaluationService
import Foundation
import RPCCore
import Testing

/// Every transition of CHARTER-DOMAIN.md §7.3 taken through the RPCs that make it, on the
/// in-process transport: the state after each call, the steps the timeline records, and the
/// events the feed carries.
@Suite("Evaluation: the assessment's transitions through its RPCs")
struct TransitionTests {
  func state(_ client: Evaluation.Client, _ id: String) async throws -> ApplicationState? {
    ApplicationState(rawValue: Int(try await client.getApplication(.init(applicationId: id)).state.rawValue))
  }

  @Test(
    "registered → evidence check ⇄ returned → allocated (and re-allocated) → pre-visit ⇄ concern ⇄ deferred → visit → moderation → met → awarded"
  )
  func standardRoute() async throws {
    let h = try await EvaluationHarness.start()
    defer { Task { await h.stop() } }
    let cast = try await h.cast()
    let first = try await h.assessor()
    let second = try await h.assessor()
    let (urn, head) = try await h.eligibleSchool()

    let submitted = try await head.submitApplication(
      .init(schoolUrn: urn, route: .standard, assessorPreference: .preferredAssessorId(second.id)))
    let id = submitted.applicationId
    #expect(submitted.state == .registered)
    #expect(submitted.fee == Common.Money(currencyCode: "GBP", amountMinor: 55_000))
    #expect(submitted.sizeBand == .largePrimary && submitted.feeTableVersion == "naace-2011")
    #expect(submitted.selfReviewSnapshot?.aspects.map(\.aspectId) == ["1a1", "1a2", "2a1"])
    #expect(submitted.selfReviewSnapshot?.atNationalStandard == true)

    #expect(
      try await cast.admin.recordPayment(.init(applicationId: id, invoiceReference: submitted.invoiceReference)).state
        == .evidenceCheck)
    let returned = try await cast.admin.recordEvidenceCheck(
      .init(
        applicationId: id, passed: false,
        evidenceGaps: [.init(aspectId: "2a1", missing: "No commentary on where the evidence is")]))
    #expect(returned.state == .returnedToSchool)
    #expect(returned.evidenceChecks.last?.evidenceGaps.first?.aspectId == "2a1")
    #expect(
      try await head.resubmitEvidence(.init(applicationId: id, note: "Commentary rewritten")).state == .evidenceCheck)
    #expect(try await cast.admin.recordEvidenceCheck(.init(applicationId: id, passed: true)).state == .evidenceCheck)

    // The office allocates someone, then confirms the school's choice instead.
    let allocated = try await cast.admin.allocateAssessor(.init(applicationId: id, assessorId: first.id))
    #expect(allocated.state == .assessorAllocated && allocated.allocation?.assessorId == first.id)
    let confirmed = try await cast.admin.allocateAssessor(.init(applicationId: id))
    #expect(confirmed.state == .assessorAllocated)
    #expect(confirmed.allocation?.assessorId == second.id && confirmed.allocation?.chosenBySchool == true)
    // The assessor's first assessment: moderated by the lead assessor.
    #expect(
      confirmed.allocation?.moderationRequired == true && confirmed.allocation?.moderationReason == .firstAssessment)
    #expect(confirmed.allocation?.moderatorAssessorId == cast.lead.id)

    #expect(try await second.client.acceptAllocation(.init(applicationId: id)).state == .preVisitReview)
    let asked = try await second.client.requestDocuments(.init(applicationId: id, documents: ["ICT development plan"]))
    #expect(asked.state == .preVisitReview && asked.requestedDocuments == ["ICT development plan"])
    #expect(
      try await second.client.raiseCauseForConcern(.init(applicationId: id, description: "E-safety evidence missing"))
        .state == .causeForConcern)
    #expect(
      try await head.resolveCauseForConcern(
        .init(applicationId: id, resolution: .evidenceAdded, note: "Policy attached")
      )
      .state == .preVisitReview)
    _ = try await second.client.raiseCauseForConcern(.init(applicationId: id, description: "Levels inconsistent in E4"))
    #expect(
      try await head.resolveCauseForConcern(.init(applicationId: id, resolution: .deferred, note: "Staff changes"))
        .state == .deferred)
    let resumed = try await head.resolveCauseForConcern(
      .init(applicationId: id, resolution: .evidenceAdded, note: "Re-rated"))
    #expect(resumed.state == .preVisitReview)
    #expect(resumed.causesForConcern.map(\.resolution) == [.evidenceAdded, .evidenceAdded])

    let day = h.today.adding(days: 7)
    _ = try await head.offerVisitDates(
      .init(applicationId: id, dates: [Common.Date(day), Common.Date(day.adding(days: 1))]))
    let start = day.startInUTC.adding(.seconds(9 * 3600))
    let scheduled = try await second.client.scheduleVisit(
      .init(applicationId: id, visit: .init(startsAt: Protobuf.Timestamp(start))))
    #expect(scheduled.state == .visitScheduled)
    #expect(scheduled.visit?.endsAt?.utcTime == start.adding(.seconds(4 * 3600)))
    #expect(scheduled.visit?.agenda == AssessmentVisit.usualAgenda)
    let moved = start.adding(.seconds(86_400))
    #expect(
      try await second.client.scheduleVisit(
        .init(applicationId: id, visit: .init(startsAt: Protobuf.Timestamp(moved), focusElementIds: ["E1", "E4"]))
      ).visit?.startsAt?.utcTime == moved)
    // No outcome before the visit.
    let early = await rpcError {
      try await second.client.recordAssessmentOutcome(.init(applicationId: id, report: EvaluationHarness.report))
    }
    #expect(early?.code == .failedPrecondition && early?.message.contains("visit starts") == true)
    h.clock.set(moved.adding(.seconds(5 * 3600)))

    let outcome = try await second.client.recordAssessmentOutcome(
      .init(applicationId: id, report: EvaluationHarness.report))
    #expect(outcome.state == .moderation && outcome.finalOutcome == .unspecified)
    let moderated = try await cast.lead.client.recordModeration(
      .init(applicationId: id, moderatedOutcome: .met, note: "Report well evidenced"))
    #expect(moderated.state == .met && moderated.finalOutcome == .met)
    #expect(moderated.moderation?.originalOutcome == .met && moderated.moderation?.moderatedOutcome == .met)

    let awarded = try await cast.admin.approveAward(.init(applicationId: id))
    #expect(awarded.state == .awarded)
    let award = try #require(awarded.award)
    #expect(award.includedVisit && award.awardedAt?.utcTime == h.now)
    #expect(award.expiresAt?.utcTime == MarkTerms().dates(awardedAt: h.now).expiresAt)

    // The timeline: every step, who, when, passing through VISIT_DONE and AWARD_APPROVED.
    let timeline = try await head.getApplication(.init(applicationId: id)).history
    #expect(
      timeline.map(\.step) == [
        "application_submitted", "payment_recorded", "evidence_returned", "evidence_resubmitted",
        "evidence_check_passed", "assessor_allocated", "assessor_allocated", "allocation_accepted",
        "documents_requested", "cause_for_concern_raised", "evidence_added", "cause_for_concern_raised",
        "assessment_deferred", "evidence_added", "visit_dates_offered", "visit_scheduled", "visit_scheduled",
        "outcome_recorded", "outcome_recorded", "moderation_recorded", "award_approved", "award_approved",
      ])
    #expect(
      timeline.map(\.toState).suffix(5) == [.visitDone, .moderation, .met, .awardApproved, .awarded])
    #expect(timeline.first?.actor?.displayName == "Head of \(urn)")
    #expect(timeline.contains { $0.actor?.displayName == "Programme Admin" && $0.step == "payment_recorded" })
    #expect(
      timeline.map { $0.changedAt?.utcTime ?? UTCTime(secondsSince1970: 0) }
        == timeline.map { $0.changedAt?.utcTime ?? UTCTime(secondsSince1970: 0) }.sorted())

    // The feed: the events item 12 names.
    let kinds = try await h.events().filter { $0.schoolUrn == urn }.compactMap { $0.payload.map(Self.kind) }
    #expect(
      kinds == [
        "application_submitted", "state_changed", "evidence_returned", "state_changed", "state_changed",
        "assessor_allocated", "assessor_allocated", "state_changed", "state_changed", "cause_for_concern_raised",
        "cause_for_concern_resolved", "cause_for_concern_raised", "cause_for_concern_resolved",
        "cause_for_concern_resolved", "state_changed", "visit_scheduled", "visit_scheduled", "outcome_recorded",
        "moderation_recorded", "mark_awarded",
      ])
  }

  static func kind(_ payload: Evaluation.EvaluationEvent.Payload) -> String {
    switch payload {
    case .assessorRegistered: "assessor_registered"
    case .assessorChanged: "assessor_changed"
    case .applicationSubmitted: "application_submitted"
    case .applicationStateChanged: "state_changed"
    case .markAwarded: "mark_awarded"
    case .markRenewalDue: "renewal_due"
    case .markExpired: "mark_expired"
    case .evidenceReturned: "evidence_returned"
    case .assessorAllocated: "assessor_allocated"
    case .causeForConcernRaised: "cause_for_concern_raised"
    case .causeForConcernResolved: "cause_for_concern_resolved"
    case .visitScheduled: "visit_scheduled"
    case .outcomeRecorded: "outcome_recorded"
    case .moderationRecorded: "moderation_recorded"
    case .applicationWithdrawn: "application_withdrawn"
    }
  }

  @Test("referred: the follow-up evidence gives met, a short revisit not met; moderation may change the outcome")
  func referrals() async throws {
    let h = try await EvaluationHarness.start()
    defer { Task { await h.stop() } }
    let cast = try await h.cast()
    let evidence = try await h.drive(to: .referred, cast: cast)
    var application = try await evidence.head.getApplication(.init(applicationId: evidence.id))
    #expect(application.state == .referred && application.finalOutcome == .referred)
    #expect(application.report?.referralGaps == ["An up-to-date e-safety policy"])
    let met = try await evidence.assessor.client.recordReferralFollowUp(
      .init(applicationId: evidence.id, kind: .evidence, outcome: .met, note: "Policy adopted by governors"))
    #expect(met.state == .met && met.finalOutcome == .met && met.referralFollowUp?.kind == .evidence)

    let revisit = try await h.drive(to: .referred, cast: cast)
    let notMet = try await revisit.assessor.client.recordReferralFollowUp(
      .init(applicationId: revisit.id, kind: .revisit, outcome: .notMet))
    #expect(notMet.state == .notMet)

    // Moderation changes MET to REFERRED (with the moderator's gaps), and REFERRED to NOT_MET.
    let changed = try await h.drive(to: .moderation, moderated: true, cast: cast)
    application = try await cast.lead.client.recordModeration(
      .init(
        applicationId: changed.id, moderatedOutcome: .referred, note: "Evidence for E8 is thin",
        referralGaps: ["Impact evidence for E8"], referralDeadline: Common.Date(h.today.adding(days: 40))))
    #expect(application.state == .referred)
    #expect(application.moderation?.originalOutcome == .met && application.moderation?.moderatedOutcome == .referred)
    #expect(application.report?.outcome == .met)  // both outcomes are kept
    let down = try await h.drive(to: .moderation, moderated: true, cast: cast)
    #expect(
      try await cast.lead.client.recordModeration(.init(applicationId: down.id, moderatedOutcome: .notMet)).state
        == .notMet)
    // A referral by moderation needs its gaps.
    let bare = try await h.drive(to: .moderation, moderated: true, cast: cast)
    #expect(
      await rpcError {
        try await cast.lead.client.recordModeration(.init(applicationId: bare.id, moderatedOutcome: .referred))
      }?
      .code == .invalidArgument)
  }

  @Test("not met sends the school back to its self-review: it reapplies only once it has updated it")
  func notMet() async throws {
    let h = try await EvaluationHarness.start()
    defer { Task { await h.stop() } }
    let cast = try await h.cast()
    let failed = try await h.drive(to: .notMet, cast: cast)
    let again = await rpcError {
      try await failed.head.submitApplication(.init(schoolUrn: failed.urn, route: .standard))
    }
    #expect(again?.code == .failedPrecondition)
    #expect(again?.message.contains("returns to its self-review") == true)
    h.clock.advance(by: .seconds(86_400))
    try await h.eligible(failed.urn)
    #expect(
      try await failed.head.submitApplication(.init(schoolUrn: failed.urn, route: .standard)).state == .registered)
  }

  @Test("renewal without visit: a desk review in the pre-visit review, then met, and the previous Mark is renewed")
  func deskReview() async throws {
    let h = try await EvaluationHarness.start()
    defer { Task { await h.stop() } }
    let cast = try await h.cast()
    let renewal = try await h.drive(to: .preVisitReview, route: .renewalWithoutVisit, cast: cast)
    let application = try await renewal.head.getApplication(.init(applicationId: renewal.id))
    #expect(application.fee?.amountMinor == 34_500)
    // No visit on this route.
    #expect(
      await rpcError {
        try await renewal.head.offerVisitDates(.init(applicationId: renewal.id, dates: [Common.Date(h.today)]))
      }?
      .code == .failedPrecondition)
    let decided = try await renewal.assessor.client.recordAssessmentOutcome(
      .init(applicationId: renewal.id, report: EvaluationHarness.report))
    #expect(decided.state == .met)
    let steps = try await renewal.head.getApplication(.init(applicationId: renewal.id)).history.map(\.toState)
    #expect(steps.suffix(2) == [.deskReviewDone, .met])
    let awarded = try await cast.admin.approveAward(.init(applicationId: renewal.id))
    #expect(awarded.award?.includedVisit == false)
    let previous = try await cast.admin.listApplications(.init(schoolUrn: renewal.urn)).applications.last!
    #expect(previous.state == .renewed && previous.award?.awardId == awarded.previousAwardId)
    // A renewal without visit after this desk-reviewed award is refused; with a visit it is fine.
    h.clock.advance(by: .seconds(Int64(2.6 * 365 * 86_400)))
    try await h.scheduler.tick()
    try await h.eligible(renewal.urn)
    let refused = await rpcError {
      try await renewal.head.submitApplication(
        .init(schoolUrn: renewal.urn, route: .renewalWithoutVisit, previousAwardId: awarded.award!.awardId))
    }
    #expect(refused?.code == .failedPrecondition && refused?.message.contains("had none") == true)
    #expect(
      try await renewal.head.submitApplication(
        .init(schoolUrn: renewal.urn, route: .renewalWithVisit, previousAwardId: awarded.award!.awardId)
      ).state == .registered)
  }

  @Test("withdrawal from every state still in progress, by the school or the office; and through a concern")
  func withdrawals() async throws {
    let h = try await EvaluationHarness.start()
    defer { Task { await h.stop() } }
    let cast = try await h.cast()
    let states: [ApplicationState] = [
      .registered, .evidenceCheck, .returnedToSchool, .assessorAllocated, .preVisitReview, .causeForConcern, .deferred,
      .visitScheduled, .referred, .met,
    ]
    for (i, state) in states.enumerated() {
      let driven = try await h.drive(to: state, cast: cast)
      let by = i.isMultiple(of: 2) ? driven.head : cast.admin
      let withdrawn = try await by.withdrawApplication(.init(applicationId: driven.id, reason: "Head teacher left"))
      #expect(withdrawn.state == .withdrawn, "from \(state)")
      #expect(withdrawn.withdrawalReason == "Head teacher left")
    }
    let moderated = try await h.drive(to: .moderation, moderated: true, cast: cast)
    #expect(
      try await moderated.head.withdrawApplication(.init(applicationId: moderated.id, reason: "Merger")).state
        == .withdrawn)
    let concern = try await h.drive(to: .causeForConcern, cast: cast)
    let viaConcern = try await concern.head.resolveCauseForConcern(
      .init(applicationId: concern.id, resolution: .withdrawn, note: "Not ready"))
    #expect(viaConcern.state == .withdrawn && viaConcern.causesForConcern.last?.resolution == .withdrawn)
  }
}
