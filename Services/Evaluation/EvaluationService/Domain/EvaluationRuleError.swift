public import CharterValues
public import RPCCore

/// A request evaluation refuses because of the ICT Mark's rules rather than its form or the
/// caller's rights; each is mapped once to its gRPC status, with a message that says why.
public enum EvaluationRuleError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The assessment process does not allow the step in the application's state.
  case transition(AssessmentTransitionError)
  /// The school may not apply now.
  case notEligible(urn: String, reasons: [String])
  /// The school already has an application in progress.
  case applicationInProgress(urn: String, applicationID: String)
  /// The school holds a Mark that is not yet due for renewal.
  case markCurrent(urn: String, renewalDueAt: UTCTime)
  /// A renewal of a Mark that is not yet due.
  case renewalNotDue(awardID: String, dueAt: UTCTime)
  /// A renewal after the late-renewal window closed, or of a Mark already renewed.
  case renewalClosed(awardID: String, reason: String)
  /// Renewal without visit after an award that had none.
  case renewalWithoutVisitNeedsVisitedAward(awardID: String)
  /// The assessor may not be allocated.
  case allocationRefused(assessorID: String, refusals: [AllocationRefusal])
  /// The lead assessor may not moderate.
  case moderatorRefused(assessorID: String, refusals: [AllocationRefusal])
  /// Moderation is planned and no lead assessor can moderate.
  case noModeratorAvailable(reason: ModerationReason)
  /// Allocation before the evidence check passed.
  case evidenceCheckNotPassed
  /// No assessor named and the school chose none.
  case noAssessorChosen
  /// The visit has not started yet, so there is no outcome to record.
  case visitNotStarted(startsAt: UTCTime)
  /// Scheduling before the school offered any day.
  case noVisitDatesOffered
  /// The cause for concern is already settled.
  case concernSettled(concernID: String)
  /// The school left the register.
  case schoolWithdrawn(urn: String)
  /// The assessor record already exists.
  case assessorExists(personID: String, assessorID: String)
  /// The person does not hold the assessor or lead assessor role.
  case notAnAssessor(personID: String)

  public var description: String {
    switch self {
    case .transition(let error):
      error.description
    case .notEligible(let urn, let reasons):
      "school \(urn) may not apply for the ICT Mark yet: " + reasons.joined(separator: "; ")
    case .applicationInProgress(let urn, let id):
      "school \(urn) already has application \(id) in progress"
    case .markCurrent(let urn, let due):
      "school \(urn) holds a current ICT Mark; renewal opens on \(due.date)"
    case .renewalNotDue(let award, let due):
      "award \(award) is not due for renewal until \(due.date)"
    case .renewalClosed(let award, let reason):
      "award \(award) cannot be renewed: \(reason)"
    case .renewalWithoutVisitNeedsVisitedAward(let award):
      "renewal without visit needs a previous award with a visit, and award \(award) had none"
    case .allocationRefused(let id, let refusals):
      "assessor \(id) cannot be allocated: " + refusals.map(\.description).joined(separator: "; ")
    case .moderatorRefused(let id, let refusals):
      "assessor \(id) cannot moderate: " + refusals.map(\.description).joined(separator: "; ")
    case .noModeratorAvailable(let reason):
      "the outcome must be moderated (\(reason)) and no lead assessor can moderate it"
    case .evidenceCheckNotPassed:
      "the evidence check has not passed yet (record a passed check first)"
    case .noAssessorChosen:
      "name an assessor: the school asked the office to allocate one"
    case .visitNotStarted(let start):
      "the visit starts at \(start); record the outcome once it has taken place"
    case .noVisitDatesOffered:
      "the school has not offered any days for the visit"
    case .concernSettled(let id):
      "cause for concern \(id) is already settled"
    case .schoolWithdrawn(let urn):
      "school \(urn) has withdrawn from the register"
    case .assessorExists(let person, let id):
      "person \(person) is already assessor \(id)"
    case .notAnAssessor(let person):
      "person \(person) does not hold the assessor or lead assessor role"
    }
  }
}

extension EvaluationRuleError: RPCErrorConvertible {
  public var rpcErrorCode: Status.Code {
    switch self {
    case .applicationInProgress, .assessorExists: .alreadyExists
    default: .failedPrecondition
    }
  }

  public var rpcErrorMessage: String { description }
}

extension AssessmentTransitionError: RPCErrorConvertible {
  public var rpcErrorCode: Status.Code { .failedPrecondition }
  public var rpcErrorMessage: String { description }
}
