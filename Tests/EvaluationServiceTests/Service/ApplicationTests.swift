import CharterValues
import Contracts
import EvaluationService
import RPCCore
import Testing

/// Applying: eligibility from the self-review feed, routes, fees, and the checks on each
/// request; reading and listing.
@Suite("Evaluation: applications")
struct ApplicationTests {
  @Test("only a school with every aspect at threshold and commentary may apply, and GetEligibility says why")
  func eligibility() async throws {
    let h = try await EvaluationHarness.start()
    defer { Task { await h.stop() } }
    let admin = try await h.admin()
    let urn = "780001"
    try await h.school(urn)
    let head = try await h.client(EvaluationHarness.head(of: urn))
    var refused = await rpcError { try await head.submitApplication(.init(schoolUrn: urn, route: .standard)) }
    #expect(
      refused?.code == .failedPrecondition && refused?.message.contains("has not started its self-review") == true)
    try await h.eligible(urn, commentary: false)
    refused = await rpcError { try await head.submitApplication(.init(schoolUrn: urn, route: .standard)) }
    #expect(refused?.message.contains("aspects without commentary: 1a1, 1a2, 2a1") == true)
    let not = try await head.getEligibility(.init(schoolUrn: urn))
    #expect(!not.eligible && not.reasons == ["aspects without commentary: 1a1, 1a2, 2a1"])
    try await h.selfReview(
      urn, .frameworkFellBelowStandard(SelfReview.FrameworkFellBelowStandard(elementsBelowStandard: ["E2"])))
    #expect(try await head.getEligibility(.init(schoolUrn: urn)).reasons.count == 2)
    try await h.eligible(urn)
    let yes = try await admin.getEligibility(.init(schoolUrn: urn))
    #expect(yes.eligible && yes.snapshot?.commentaryComplete == true && yes.snapshot?.frameworkId == "srf-2008")
    let id = try await head.submitApplication(.init(schoolUrn: urn, route: .standard)).applicationId
    #expect(try await head.getEligibility(.init(schoolUrn: urn)).openApplicationId == id)
    let twice = await rpcError { try await head.submitApplication(.init(schoolUrn: urn, route: .standard)) }
    #expect(twice?.code == .alreadyExists)
    #expect(await rpcError { try await head.getEligibility(.init(schoolUrn: "999999")) }?.code == .notFound)
    #expect(
      await rpcError { try await head.submitApplication(.init(schoolUrn: "12", route: .standard)) }?.code
        == .invalidArgument)
  }

  @Test(
    "the fee comes from the school's size band and route, on the 2011 table",
    arguments: [
      (
        Common.SchoolPhase.primary, Int32(80), Evaluation.SizeBand.unspecified, Evaluation.SizeBand.smallPrimary,
        Int64?(40_000)
      ),
      (.primary, 300, .unspecified, .largePrimary, 55_000), (.secondary, 900, .unspecified, .secondary, 65_000),
      (.special, 60, .unspecified, .smallPrimary, 40_000),
      (.allThrough, 1400, .unspecified, .allThroughOrFederation, nil),
      (.primary, 300, .allThroughOrFederation, .allThroughOrFederation, nil),
    ])
  func fees(
    phase: Common.SchoolPhase, roll: Int32, declared: Evaluation.SizeBand, band: Evaluation.SizeBand, pence: Int64?
  ) async throws {
    let h = try await EvaluationHarness.start()
    defer { Task { await h.stop() } }
    let (urn, head) = try await h.eligibleSchool(phase: phase, roll: roll)
    let application = try await head.submitApplication(.init(schoolUrn: urn, route: .standard, sizeBand: declared))
    #expect(application.sizeBand == band)
    #expect(application.fee?.amountMinor == pence)
    #expect(application.invoiceReference.hasPrefix("ICTM-"))
  }

  @Test("a band the school is not in, streamlined without a recommender, and renewal without an award are refused")
  func routes() async throws {
    let h = try await EvaluationHarness.start()
    defer { Task { await h.stop() } }
    let (urn, head) = try await h.eligibleSchool(roll: 300)
    func code(_ request: Evaluation.SubmitApplicationRequest) async -> Status.Code? {
      await rpcError { try await head.submitApplication(request) }?.code
    }
    #expect(await code(.init(schoolUrn: urn)) == .invalidArgument)  // no route
    #expect(await code(.init(schoolUrn: urn, route: .standard, sizeBand: .smallPrimary)) == .invalidArgument)
    #expect(await code(.init(schoolUrn: urn, route: .streamlined)) == .invalidArgument)
    #expect(await code(.init(schoolUrn: urn, route: .renewalWithVisit)) == .invalidArgument)
    #expect(await code(.init(schoolUrn: urn, route: .renewalWithVisit, previousAwardId: "award-unknown")) == .notFound)
    #expect(
      await code(.init(schoolUrn: urn, route: .standard, assessorPreference: .preferredAssessorId("asr-unknown")))
        == .notFound)
    let streamlined = try await head.submitApplication(
      .init(
        schoolUrn: urn, route: .streamlined, recommender: "Ann Smith, Leeds LA", recommenderKind: .localAuthorityAdviser
      ))
    #expect(streamlined.recommender == "Ann Smith, Leeds LA" && streamlined.recommenderKind == .localAuthorityAdviser)
  }

  @Test("a school holding a current Mark applies again only when its renewal is due")
  func currentMark() async throws {
    let h = try await EvaluationHarness.start()
    defer { Task { await h.stop() } }
    let cast = try await h.cast()
    let driven = try await h.drive(to: .awarded, cast: cast)
    let award = try await driven.head.getApplication(.init(applicationId: driven.id)).award!
    let standard = await rpcError {
      try await driven.head.submitApplication(.init(schoolUrn: driven.urn, route: .standard))
    }
    #expect(standard?.message.contains("holds a current ICT Mark") == true)
    let renewal = await rpcError {
      try await driven.head.submitApplication(
        .init(schoolUrn: driven.urn, route: .renewalWithVisit, previousAwardId: award.awardId))
    }
    #expect(renewal?.message.contains("is not due for renewal until") == true)
    // Another school cannot renew this school's award.
    let (other, otherHead) = try await h.eligibleSchool()
    #expect(
      await rpcError {
        try await otherHead.submitApplication(
          .init(schoolUrn: other, route: .renewalWithVisit, previousAwardId: award.awardId))
      }?.code == .notFound)
  }

  @Test("request checks: invoice, evidence gaps, report, visit days")
  func requestChecks() async throws {
    let h = try await EvaluationHarness.start()
    defer { Task { await h.stop() } }
    let cast = try await h.cast()
    let (urn, head) = try await h.eligibleSchool()
    let id = try await head.submitApplication(.init(schoolUrn: urn, route: .standard)).applicationId
    #expect(
      await rpcError { try await cast.admin.recordPayment(.init(applicationId: id, invoiceReference: "INV-1")) }?.code
        == .invalidArgument)
    _ = try await cast.admin.recordPayment(.init(applicationId: id))
    #expect(
      await rpcError { try await cast.admin.recordEvidenceCheck(.init(applicationId: id, passed: false)) }?.code
        == .invalidArgument)
    #expect(
      await rpcError {
        try await cast.admin.recordEvidenceCheck(
          .init(applicationId: id, passed: true, evidenceGaps: [.init(missing: "x")]))
      }?.code == .invalidArgument)
    #expect(
      await rpcError {
        try await cast.admin.recordEvidenceCheck(
          .init(applicationId: id, passed: false, evidenceGaps: [.init(aspectId: "9z9", missing: "x")]))
      }?.message.contains("9z9 is not an aspect") == true)
    #expect(
      await rpcError { try await cast.admin.recordPayment(.init(applicationId: "bad id!")) }?.code == .invalidArgument)
    #expect(
      await rpcError { try await cast.admin.recordPayment(.init(applicationId: "app-nothing")) }?.code == .notFound)

    let driven = try await h.drive(to: .preVisitReview, cast: cast)
    var short = EvaluationHarness.report
    short.strengths.removeLast()
    let visitless = await rpcError {
      try await driven.assessor.client.scheduleVisit(
        .init(applicationId: driven.id, visit: .init(startsAt: Protobuf.Timestamp(h.now.adding(.seconds(3600))))))
    }
    #expect(visitless?.code == .failedPrecondition && visitless?.message.contains("not offered any days") == true)
    _ = try await driven.head.offerVisitDates(
      .init(applicationId: driven.id, dates: [Common.Date(h.today.adding(days: 2))]))
    #expect(
      await rpcError {
        try await driven.assessor.client.scheduleVisit(
          .init(applicationId: driven.id, visit: .init(startsAt: Protobuf.Timestamp(h.now.adding(.seconds(3600))))))
      }?.message.contains("is not a day the school offered") == true)
    #expect(
      await rpcError {
        try await driven.head.offerVisitDates(
          .init(applicationId: driven.id, dates: [Common.Date(h.today.adding(days: -1))]))
      }?
      .code == .invalidArgument)
    _ = try await driven.assessor.client.scheduleVisit(
      .init(
        applicationId: driven.id,
        visit: .init(startsAt: Protobuf.Timestamp(h.today.adding(days: 2).startInUTC.adding(.seconds(9 * 3600))))))
    h.clock.set(h.today.adding(days: 2).startInUTC.adding(.seconds(14 * 3600)))
    let tooShort = await rpcError {
      try await driven.assessor.client.recordAssessmentOutcome(.init(applicationId: driven.id, report: short))
    }
    #expect(tooShort?.code == .invalidArgument && tooShort?.message.hasPrefix("report.strengths") == true)
  }

  @Test("listings page newest first and filter by school, state, assessor, moderator and authority")
  func listings() async throws {
    let h = try await EvaluationHarness.start()
    defer { Task { await h.stop() } }
    let cast = try await h.cast()
    let assessor = try await h.assessor()
    var ids: [String] = []
    for state in [ApplicationState.registered, .evidenceCheck, .preVisitReview, .met, .moderation] {
      ids.append(try await h.drive(to: state, moderated: state == .moderation, cast: cast, assessor: assessor).id)
      h.clock.advance(by: .seconds(1))
    }
    var seen: [String] = []
    var token = ""
    repeat {
      let page = try await cast.admin.listApplications(.init(pageSize: 2, pageToken: token))
      #expect(page.applications.count <= 2 && page.applications.allSatisfy { $0.history.isEmpty })
      seen += page.applications.map(\.applicationId)
      token = page.nextPageToken
    } while !token.isEmpty
    #expect(seen == ids.reversed())
    #expect(try await cast.admin.listApplications(.init(states: [.met])).applications.map(\.applicationId) == [ids[3]])
    // The assessor's queue: theirs in hand; the lead's moderation queue.
    let queue = try await assessor.client.listApplications(
      .init(states: [.assessorAllocated, .preVisitReview, .visitScheduled], assessorId: assessor.id))
    #expect(queue.applications.map(\.applicationId) == [ids[2]])
    let moderation = try await cast.lead.client.listApplications(
      .init(states: [.moderation], moderatorAssessorId: cast.lead.id))
    #expect(moderation.applications.map(\.applicationId) == [ids[4]])
    #expect(try await cast.admin.listApplications(.init(localAuthorityCode: "330")).applications.isEmpty)
    #expect(
      await rpcError { try await cast.admin.listApplications(.init(pageToken: "nonsense")) }?.code == .invalidArgument)
    #expect(await rpcError { try await cast.admin.listApplications(.init(pageSize: -1)) }?.code == .invalidArgument)
  }
}
