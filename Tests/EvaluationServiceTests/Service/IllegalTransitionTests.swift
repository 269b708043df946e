import CharterValues
import Contracts
import EvaluationService
import RPCCore
import Testing

/// Every RPC that moves an application, called in every state where §7.3 does not allow its
/// step: FAILED_PRECONDITION naming the current state, and the application exactly as before.
@Suite("Evaluation: illegal moves are refused and change nothing")
struct IllegalTransitionTests {
  /// An RPC that takes a step, as the role allowed to call it would call it.
  struct Move: Sendable {
    let name: String
    let step: AssessmentStep
    /// Needs an allocated assessor or moderator (before allocation, nobody may call it).
    let needsAllocation: Bool
    let call:
      @Sendable (EvaluationHarness.Driven, EvaluationHarness.Cast, CalendarDate) async throws -> Evaluation.Application
  }

  static let moves: [Move] = [
    Move(name: "RecordPayment", step: .recordPayment, needsAllocation: false) { d, c, _ in
      try await c.admin.recordPayment(.init(applicationId: d.id))
    },
    Move(name: "RecordEvidenceCheck (passed)", step: .passEvidenceCheck, needsAllocation: false) { d, c, _ in
      try await c.admin.recordEvidenceCheck(.init(applicationId: d.id, passed: true))
    },
    Move(name: "RecordEvidenceCheck (returned)", step: .returnEvidence, needsAllocation: false) { d, c, _ in
      try await c.admin.recordEvidenceCheck(
        .init(applicationId: d.id, passed: false, evidenceGaps: [.init(aspectId: "1a1", missing: "Plan")]))
    },
    Move(name: "ResubmitEvidence", step: .resubmitEvidence, needsAllocation: false) { d, _, _ in
      try await d.head.resubmitEvidence(.init(applicationId: d.id))
    },
    Move(name: "AllocateAssessor", step: .allocateAssessor, needsAllocation: false) { d, c, _ in
      try await c.admin.allocateAssessor(
        .init(applicationId: d.id, assessorId: d.assessor.id, moderatorAssessorId: c.lead.id))
    },
    Move(name: "AcceptAllocation", step: .acceptAllocation, needsAllocation: true) { d, _, _ in
      try await d.assessor.client.acceptAllocation(.init(applicationId: d.id))
    },
    Move(name: "RequestDocuments", step: .requestDocuments, needsAllocation: true) { d, _, _ in
      try await d.assessor.client.requestDocuments(.init(applicationId: d.id, documents: ["Governors' minutes"]))
    },
    Move(name: "RaiseCauseForConcern", step: .raiseCauseForConcern, needsAllocation: true) { d, _, _ in
      try await d.assessor.client.raiseCauseForConcern(.init(applicationId: d.id, description: "Thin evidence"))
    },
    Move(name: "ResolveCauseForConcern (evidence)", step: .addEvidence, needsAllocation: false) { d, _, _ in
      try await d.head.resolveCauseForConcern(.init(applicationId: d.id, resolution: .evidenceAdded))
    },
    Move(name: "ResolveCauseForConcern (deferred)", step: .deferAssessment, needsAllocation: false) { d, _, _ in
      try await d.head.resolveCauseForConcern(.init(applicationId: d.id, resolution: .deferred))
    },
    Move(name: "OfferVisitDates", step: .offerVisitDates, needsAllocation: false) { d, _, today in
      try await d.head.offerVisitDates(.init(applicationId: d.id, dates: [Common.Date(today.adding(days: 3))]))
    },
    Move(name: "ScheduleVisit", step: .scheduleVisit, needsAllocation: true) { d, _, today in
      try await d.assessor.client.scheduleVisit(
        .init(
          applicationId: d.id,
          visit: .init(startsAt: Protobuf.Timestamp(today.adding(days: 3).startInUTC.adding(.seconds(9 * 3600))))))
    },
    Move(name: "RecordAssessmentOutcome", step: .recordOutcome(.met, moderated: true), needsAllocation: true) {
      d, _, _ in
      try await d.assessor.client.recordAssessmentOutcome(.init(applicationId: d.id, report: EvaluationHarness.report))
    },
    Move(name: "RecordReferralFollowUp", step: .recordReferralFollowUp(.met), needsAllocation: true) { d, _, _ in
      try await d.assessor.client.recordReferralFollowUp(.init(applicationId: d.id, kind: .evidence, outcome: .met))
    },
    Move(name: "RecordModeration", step: .recordModeration(.met), needsAllocation: true) { d, c, _ in
      try await c.lead.client.recordModeration(.init(applicationId: d.id, moderatedOutcome: .met))
    },
    Move(name: "ApproveAward", step: .approveAward, needsAllocation: false) { d, c, _ in
      try await c.admin.approveAward(.init(applicationId: d.id))
    },
    Move(name: "WithdrawApplication", step: .withdraw, needsAllocation: false) { d, _, _ in
      try await d.head.withdrawApplication(.init(applicationId: d.id, reason: "Changed our mind"))
    },
  ]

  /// The states an application rests in (the passed-through ones never hold still).
  static let restingStates: [ApplicationState] = [
    .registered, .evidenceCheck, .returnedToSchool, .assessorAllocated, .preVisitReview, .causeForConcern, .deferred,
    .visitScheduled, .moderation, .referred, .met, .notMet, .awarded, .renewalDue, .expired, .withdrawn, .renewed,
  ]

  @Test("every illegal RPC in every resting state: FAILED_PRECONDITION naming the state, nothing changed")
  func everyIllegalMove() async throws {
    let h = try await EvaluationHarness.start()
    defer { Task { await h.stop() } }
    let cast = try await h.cast()
    var checked = 0
    for state in Self.restingStates {
      let driven = try await Self.drive(h, to: state, cast: cast)
      let before = try await cast.admin.getApplication(.init(applicationId: driven.id))
      #expect(before.state.rawValue == Int32(state.rawValue), "driving to \(state)")
      for move in Self.moves where !AssessmentProcess.allowedStates(for: move.step, route: .standard).contains(state) {
        let error = await rpcError { try await move.call(driven, cast, h.today) }
        if move.needsAllocation && before.allocation == nil {
          // Nobody is allocated yet, so nobody may take an assessor's step.
          #expect(error?.code == .permissionDenied, "\(move.name) in \(state): \(String(describing: error))")
        } else {
          #expect(error?.code == .failedPrecondition, "\(move.name) in \(state): \(String(describing: error))")
          #expect(
            error?.message.contains("the application is in \(state.name)") == true,
            "\(move.name) in \(state): \(error?.message ?? "succeeded")")
        }
        let after = try await cast.admin.getApplication(.init(applicationId: driven.id))
        #expect(after == before, "\(move.name) in \(state) changed the application")
        checked += 1
      }
    }
    #expect(checked > 200)
  }

  /// A resting application in `state`: moderated, so a moderator is allocated; a renewed Mark
  /// is the one a later renewal renewed.
  static func drive(_ h: EvaluationHarness, to state: ApplicationState, cast: EvaluationHarness.Cast) async throws
    -> EvaluationHarness.Driven
  {
    switch state {
    case .withdrawn:
      let driven = try await h.drive(to: .registered, moderated: true, cast: cast)
      _ = try await driven.head.withdrawApplication(.init(applicationId: driven.id, reason: "No longer ready"))
      return driven
    case .renewed:
      let renewal = try await h.drive(to: .awarded, route: .renewalWithVisit, moderated: true, cast: cast)
      let previous = try await cast.admin.listApplications(.init(schoolUrn: renewal.urn)).applications.last!
      return EvaluationHarness.Driven(
        id: previous.applicationId, urn: renewal.urn, head: renewal.head, assessor: renewal.assessor)
    default:
      return try await h.drive(to: state, moderated: true, cast: cast)
    }
  }
}
