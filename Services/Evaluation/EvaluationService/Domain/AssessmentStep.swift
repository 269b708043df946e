/// Something that happens to an application: what an RPC or the Mark scheduler asks the
/// assessment process to do. ``AssessmentProcess`` says where each step may happen and where
/// it leads.
public enum AssessmentStep: Sendable, Hashable, CustomStringConvertible {
  /// The programme office records the fee.
  case recordPayment
  /// The evidence check passes; the application waits for an assessor.
  case passEvidenceCheck
  /// The evidence check returns the application to the school with gaps.
  case returnEvidence
  /// The school resubmits after a return.
  case resubmitEvidence
  /// The office allocates (or re-allocates) an assessor.
  case allocateAssessor
  /// The allocated assessor accepts.
  case acceptAllocation
  /// The assessor asks for documents before the visit.
  case requestDocuments
  /// The assessor raises a cause for concern.
  case raiseCauseForConcern
  /// The school answers a cause for concern with evidence (also how a deferred assessment
  /// resumes).
  case addEvidence
  /// The school defers the assessment after a cause for concern.
  case deferAssessment
  /// The school offers days for the visit.
  case offerVisitDates
  /// The assessor agrees the visit with the school.
  case scheduleVisit
  /// The assessor records the outcome of the visit or desk review; `moderated` when a lead
  /// assessor must moderate it first.
  case recordOutcome(AssessmentOutcome, moderated: Bool)
  /// The moderating lead assessor confirms or changes the outcome.
  case recordModeration(AssessmentOutcome)
  /// A referral's follow-up evidence or short revisit gives met or not met.
  case recordReferralFollowUp(AssessmentOutcome)
  /// The programme admin approves the award; the Mark is awarded.
  case approveAward
  /// The Mark comes within its renewal notice (the scheduler).
  case markRenewalDue
  /// The Mark expires without renewal (the scheduler).
  case expireMark
  /// A later application renewed the Mark.
  case renewMark
  /// The school or the programme withdraws the application.
  case withdraw

  /// The step's name as the history and events record it: `payment_recorded`.
  public var name: String {
    switch self {
    case .recordPayment: "payment_recorded"
    case .passEvidenceCheck: "evidence_check_passed"
    case .returnEvidence: "evidence_returned"
    case .resubmitEvidence: "evidence_resubmitted"
    case .allocateAssessor: "assessor_allocated"
    case .acceptAllocation: "allocation_accepted"
    case .requestDocuments: "documents_requested"
    case .raiseCauseForConcern: "cause_for_concern_raised"
    case .addEvidence: "evidence_added"
    case .deferAssessment: "assessment_deferred"
    case .offerVisitDates: "visit_dates_offered"
    case .scheduleVisit: "visit_scheduled"
    case .recordOutcome: "outcome_recorded"
    case .recordModeration: "moderation_recorded"
    case .recordReferralFollowUp: "referral_followed_up"
    case .approveAward: "award_approved"
    case .markRenewalDue: "renewal_due"
    case .expireMark: "mark_expired"
    case .renewMark: "mark_renewed"
    case .withdraw: "application_withdrawn"
    }
  }

  /// What the step does, in words that follow "cannot": "record a payment".
  public var action: String {
    switch self {
    case .recordPayment: "record a payment"
    case .passEvidenceCheck: "pass the evidence check"
    case .returnEvidence: "return the evidence to the school"
    case .resubmitEvidence: "resubmit evidence"
    case .allocateAssessor: "allocate an assessor"
    case .acceptAllocation: "accept the allocation"
    case .requestDocuments: "request documents"
    case .raiseCauseForConcern: "raise a cause for concern"
    case .addEvidence: "answer a cause for concern with evidence"
    case .deferAssessment: "defer the assessment"
    case .offerVisitDates: "offer visit dates"
    case .scheduleVisit: "schedule the visit"
    case .recordOutcome: "record the assessment outcome"
    case .recordModeration: "record the moderation"
    case .recordReferralFollowUp: "record the referral's follow-up"
    case .approveAward: "approve the award"
    case .markRenewalDue: "mark the renewal due"
    case .expireMark: "expire the Mark"
    case .renewMark: "renew the Mark"
    case .withdraw: "withdraw the application"
    }
  }

  public var description: String { name }

  /// One step of each kind (with representative outcomes), for listing and tests.
  public static let representatives: [AssessmentStep] = [
    .recordPayment, .passEvidenceCheck, .returnEvidence, .resubmitEvidence, .allocateAssessor, .acceptAllocation,
    .requestDocuments, .raiseCauseForConcern, .addEvidence, .deferAssessment, .offerVisitDates, .scheduleVisit,
    .recordOutcome(.met, moderated: false), .recordOutcome(.met, moderated: true),
    .recordOutcome(.referred, moderated: false), .recordOutcome(.notMet, moderated: false),
    .recordModeration(.met), .recordModeration(.referred), .recordModeration(.notMet),
    .recordReferralFollowUp(.met), .recordReferralFollowUp(.notMet), .approveAward, .markRenewalDue, .expireMark,
    .renewMark, .withdraw,
  ]
}
