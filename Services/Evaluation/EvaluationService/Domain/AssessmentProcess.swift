/// The ICT Mark assessment as a state machine (CHARTER-DOMAIN.md §7.3): which step may happen
/// in which state, and where it leads. Plain Swift, so every legal and illegal move is tested
/// without a database; the store applies a transition inside the write transaction that
/// records it and its event.
///
/// | step | from | to |
/// |---|---|---|
/// | record payment | REGISTERED | EVIDENCE_CHECK |
/// | pass the evidence check | EVIDENCE_CHECK | (stays) |
/// | return the evidence | EVIDENCE_CHECK | RETURNED_TO_SCHOOL |
/// | resubmit evidence | RETURNED_TO_SCHOOL | EVIDENCE_CHECK |
/// | allocate an assessor | EVIDENCE_CHECK, ASSESSOR_ALLOCATED | ASSESSOR_ALLOCATED |
/// | accept the allocation | ASSESSOR_ALLOCATED | PRE_VISIT_REVIEW |
/// | request documents | PRE_VISIT_REVIEW | (stays) |
/// | raise a cause for concern | PRE_VISIT_REVIEW | CAUSE_FOR_CONCERN |
/// | answer with evidence | CAUSE_FOR_CONCERN, DEFERRED | PRE_VISIT_REVIEW |
/// | defer | CAUSE_FOR_CONCERN | DEFERRED |
/// | offer visit dates | PRE_VISIT_REVIEW, VISIT_SCHEDULED (visit routes) | (stays) |
/// | schedule the visit | PRE_VISIT_REVIEW, VISIT_SCHEDULED (visit routes) | VISIT_SCHEDULED |
/// | record the outcome | VISIT_SCHEDULED (visit routes), PRE_VISIT_REVIEW (desk review) | VISIT_DONE or DESK_REVIEW_DONE, then MODERATION, MET, REFERRED or NOT_MET |
/// | record the moderation | MODERATION | MET, REFERRED or NOT_MET |
/// | follow up a referral | REFERRED | MET or NOT_MET |
/// | approve the award | MET | AWARD_APPROVED, then AWARDED |
/// | renewal due | AWARDED | RENEWAL_DUE |
/// | expire | RENEWAL_DUE | EXPIRED |
/// | renew | RENEWAL_DUE, EXPIRED | RENEWED |
/// | withdraw | any state still in progress but the passed-through ones | WITHDRAWN |
public enum AssessmentProcess {
  /// Where a step leads from a state.
  ///
  /// - Parameters:
  ///   - state: The application's current state.
  ///   - step: What happens.
  ///   - route: The application's route (visits and desk reviews differ).
  /// - Returns: The transition, with the states it passes through.
  /// - Throws: ``AssessmentTransitionError`` naming the current state when the step is not
  ///   allowed there.
  public static func transition(
    from state: ApplicationState, by step: AssessmentStep, route: ApplicationRoute
  ) throws(AssessmentTransitionError) -> AssessmentTransition {
    func to(_ states: ApplicationState...) -> AssessmentTransition {
      AssessmentTransition(from: state, step: step, through: states)
    }
    let refused = AssessmentTransitionError(
      step: step, state: state, allowedFrom: allowedStates(for: step, route: route))
    switch (step, state) {
    case (.recordPayment, .registered): return to(.evidenceCheck)
    case (.passEvidenceCheck, .evidenceCheck): return to()
    case (.returnEvidence, .evidenceCheck): return to(.returnedToSchool)
    case (.resubmitEvidence, .returnedToSchool): return to(.evidenceCheck)
    case (.allocateAssessor, .evidenceCheck), (.allocateAssessor, .assessorAllocated): return to(.assessorAllocated)
    case (.acceptAllocation, .assessorAllocated): return to(.preVisitReview)
    case (.requestDocuments, .preVisitReview): return to()
    case (.raiseCauseForConcern, .preVisitReview): return to(.causeForConcern)
    case (.addEvidence, .causeForConcern), (.addEvidence, .deferred): return to(.preVisitReview)
    case (.deferAssessment, .causeForConcern): return to(.deferred)
    case (.offerVisitDates, .preVisitReview), (.offerVisitDates, .visitScheduled):
      guard route.includesVisit else { throw refused }
      return to()
    case (.scheduleVisit, .preVisitReview):
      guard route.includesVisit else { throw refused }
      return to(.visitScheduled)
    case (.scheduleVisit, .visitScheduled):
      guard route.includesVisit else { throw refused }
      return to()
    case (.recordOutcome(let outcome, let moderated), .visitScheduled):
      guard route.includesVisit else { throw refused }
      return to(.visitDone, moderated ? .moderation : outcome.state)
    case (.recordOutcome(let outcome, let moderated), .preVisitReview):
      guard !route.includesVisit else { throw refused }
      return to(.deskReviewDone, moderated ? .moderation : outcome.state)
    case (.recordModeration(let outcome), .moderation): return to(outcome.state)
    case (.recordReferralFollowUp(let outcome), .referred):
      guard outcome != .referred else { throw refused }
      return to(outcome.state)
    case (.approveAward, .met): return to(.awardApproved, .awarded)
    case (.markRenewalDue, .awarded): return to(.renewalDue)
    case (.expireMark, .renewalDue): return to(.expired)
    case (.renewMark, .renewalDue), (.renewMark, .expired): return to(.renewed)
    case (.withdraw, let state) where withdrawable.contains(state): return to(.withdrawn)
    default: throw refused
    }
  }

  /// The states an application may be withdrawn from.
  public static let withdrawable: Set<ApplicationState> = [
    .registered, .evidenceCheck, .returnedToSchool, .assessorAllocated, .preVisitReview, .causeForConcern, .deferred,
    .visitScheduled, .moderation, .referred, .met,
  ]

  /// The states a step may happen in on a route, in state order.
  public static func allowedStates(for step: AssessmentStep, route: ApplicationRoute) -> [ApplicationState] {
    ApplicationState.allCases.filter { state in
      switch (step, state) {
      case (.recordPayment, .registered), (.passEvidenceCheck, .evidenceCheck), (.returnEvidence, .evidenceCheck),
        (.resubmitEvidence, .returnedToSchool), (.allocateAssessor, .evidenceCheck),
        (.allocateAssessor, .assessorAllocated), (.acceptAllocation, .assessorAllocated),
        (.requestDocuments, .preVisitReview), (.raiseCauseForConcern, .preVisitReview),
        (.addEvidence, .causeForConcern), (.addEvidence, .deferred), (.deferAssessment, .causeForConcern),
        (.recordModeration, .moderation), (.approveAward, .met), (.markRenewalDue, .awarded),
        (.expireMark, .renewalDue), (.renewMark, .renewalDue), (.renewMark, .expired):
        true
      case (.offerVisitDates, .preVisitReview), (.offerVisitDates, .visitScheduled), (.scheduleVisit, .preVisitReview),
        (.scheduleVisit, .visitScheduled), (.recordOutcome, .visitScheduled):
        route.includesVisit
      case (.recordOutcome, .preVisitReview):
        !route.includesVisit
      case (.recordReferralFollowUp(let outcome), .referred):
        outcome != .referred
      case (.withdraw, let state):
        withdrawable.contains(state)
      default:
        false
      }
    }
  }
}

/// A legal move: the state before, the step, and the states entered in order (empty when the
/// step happens within the state, as a document request does).
public struct AssessmentTransition: Sendable, Hashable {
  public let from: ApplicationState
  public let step: AssessmentStep
  /// The states entered, in order; the last is where the application ends up.
  public let through: [ApplicationState]

  /// The state after the step.
  public var to: ApplicationState { through.last ?? from }
}

/// A step the assessment process does not allow in the application's current state: the
/// caller's request is refused with FAILED_PRECONDITION naming that state, and the application
/// is left as it was.
public struct AssessmentTransitionError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What was asked.
  public let step: AssessmentStep
  /// The state the application is in.
  public let state: ApplicationState
  /// Where the step would have been allowed (on the application's route).
  public let allowedFrom: [ApplicationState]

  public var description: String {
    var text = "cannot \(step.action): the application is in \(state.name)"
    if allowedFrom.isEmpty {
      text += " (not on this application's route)"
    } else {
      text += " (allowed in " + allowedFrom.map(\.name).joined(separator: ", ") + ")"
    }
    return text
  }
}
