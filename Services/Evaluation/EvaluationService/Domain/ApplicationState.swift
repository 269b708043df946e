/// Where an ICT Mark application is in the assessment process (CHARTER-DOMAIN.md §7.3).
///
/// The raw values are the contract's `ApplicationState` numbers, so a stored state and the wire
/// state are the same number. Before an application exists the school is in its self-review
/// (DRAFT_SELF_REVIEW, then ELIGIBLE in the domain notes); those stages belong to the
/// self-review service, so an application starts at ``registered``.
public enum ApplicationState: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// Submitted and invoiced; waiting for the fee.
  case registered = 1
  /// Paid; the programme office checks evidence and commentary, then allocates an assessor.
  case evidenceCheck = 2
  /// Sent back to the school with gaps to fill.
  case returnedToSchool = 3
  /// An assessor is allocated and has not yet accepted.
  case assessorAllocated = 4
  /// The assessor reviews the evidence before the visit, or carries out the desk review.
  case preVisitReview = 5
  /// The assessor raised a cause for concern; waiting for the school.
  case causeForConcern = 6
  /// A visit date and agenda are agreed.
  case visitScheduled = 7
  /// The visit took place and its outcome is recorded (passed through).
  case visitDone = 8
  /// The desk review took place and its outcome is recorded (passed through).
  case deskReviewDone = 9
  /// A lead assessor moderates the outcome.
  case moderation = 10
  /// Gaps to close by a deadline, then met or not met.
  case referred = 11
  /// Not met: the school returns to its self-review.
  case notMet = 12
  /// The awarding body signed the award off (passed through).
  case awardApproved = 13
  /// The school holds the ICT Mark.
  case awarded = 14
  /// The Mark is within its renewal notice of expiry.
  case renewalDue = 15
  /// The Mark expired without renewal.
  case expired = 16
  /// Withdrawn by the school or the programme.
  case withdrawn = 17
  /// The school deferred the assessment after a cause for concern.
  case deferred = 18
  /// The threshold is met; waiting for the awarding body's approval.
  case met = 19
  /// The Mark was renewed by a later application.
  case renewed = 20

  /// The contract's name without its prefix, as errors and the CLI show it: `EVIDENCE_CHECK`.
  public var name: String {
    switch self {
    case .registered: "REGISTERED"
    case .evidenceCheck: "EVIDENCE_CHECK"
    case .returnedToSchool: "RETURNED_TO_SCHOOL"
    case .assessorAllocated: "ASSESSOR_ALLOCATED"
    case .preVisitReview: "PRE_VISIT_REVIEW"
    case .causeForConcern: "CAUSE_FOR_CONCERN"
    case .visitScheduled: "VISIT_SCHEDULED"
    case .visitDone: "VISIT_DONE"
    case .deskReviewDone: "DESK_REVIEW_DONE"
    case .moderation: "MODERATION"
    case .referred: "REFERRED"
    case .notMet: "NOT_MET"
    case .awardApproved: "AWARD_APPROVED"
    case .awarded: "AWARDED"
    case .renewalDue: "RENEWAL_DUE"
    case .expired: "EXPIRED"
    case .withdrawn: "WITHDRAWN"
    case .deferred: "DEFERRED"
    case .met: "MET"
    case .renewed: "RENEWED"
    }
  }

  public var description: String { name }

  /// Whether the application is still being assessed: a school has at most one such
  /// application, and it may be withdrawn.
  public var isInProgress: Bool {
    switch self {
    case .registered, .evidenceCheck, .returnedToSchool, .assessorAllocated, .preVisitReview, .causeForConcern,
      .visitScheduled, .visitDone, .deskReviewDone, .moderation, .referred, .deferred, .met, .awardApproved:
      true
    case .notMet, .awarded, .renewalDue, .expired, .withdrawn, .renewed:
      false
    }
  }

  /// Whether the school holds a current ICT Mark from this application.
  public var holdsMark: Bool { self == .awarded || self == .renewalDue }

  /// Whether an allocated assessor (and moderator) is still working on the application, and so
  /// may read the school's self-review.
  public var keepsAssessorAccess: Bool {
    switch self {
    case .assessorAllocated, .preVisitReview, .causeForConcern, .deferred, .visitScheduled, .visitDone,
      .deskReviewDone, .moderation, .referred, .met, .awardApproved:
      true
    default:
      false
    }
  }

  /// The states stored on their own as the contract numbers them; `nil` for any other number.
  public init?(number: Int32) { self.init(rawValue: Int(number)) }

  /// The states in which an application's assessment is in its assessor's hands (allocated,
  /// outcome not yet recorded): their workload. Once the outcome is recorded the assessment
  /// counts among those they have completed.
  public static let assessorWorkload: [ApplicationState] = [
    .assessorAllocated, .preVisitReview, .causeForConcern, .deferred, .visitScheduled,
  ]
}
