import CharterValues
import Contracts

// The domain's values as the contract carries them, and back. The domain enums share the
// contract's numbers, so each mapping is the number itself; an unknown number (a newer client)
// maps to `nil` and the handler refuses it as INVALID_ARGUMENT.

extension ApplicationState {
  var contract: Evaluation.ApplicationState { Evaluation.ApplicationState(rawValue: Int32(rawValue)) }

  init?(_ contract: Evaluation.ApplicationState) { self.init(rawValue: Int(contract.rawValue)) }
}

extension ApplicationRoute {
  var contract: Evaluation.ApplicationRoute { Evaluation.ApplicationRoute(rawValue: Int32(rawValue)) }

  init?(_ contract: Evaluation.ApplicationRoute) { self.init(rawValue: Int(contract.rawValue)) }
}

extension AssessmentOutcome {
  var contract: Evaluation.AssessmentOutcome { Evaluation.AssessmentOutcome(rawValue: Int32(rawValue)) }

  init?(_ contract: Evaluation.AssessmentOutcome) { self.init(rawValue: Int(contract.rawValue)) }
}

extension SizeBand {
  var contract: Evaluation.SizeBand { Evaluation.SizeBand(rawValue: Int32(rawValue)) }

  init?(_ contract: Evaluation.SizeBand) { self.init(rawValue: Int(contract.rawValue)) }
}

extension ModerationReason {
  var contract: Evaluation.ModerationReason { Evaluation.ModerationReason(rawValue: Int32(rawValue)) }
}

extension Evaluation.Application {
  /// The domain state (an application only ever stores a known one).
  var domainState: ApplicationState { ApplicationState(state) ?? .registered }

  /// The domain route.
  var domainRoute: ApplicationRoute { ApplicationRoute(route) ?? .standard }

  /// What access decisions need.
  var access: ApplicationAccess {
    ApplicationAccess(
      schoolURN: schoolUrn, localAuthorityCode: localAuthorityCode,
      assessorPersonID: allocation.flatMap { $0.assessorPersonId.isEmpty ? nil : $0.assessorPersonId },
      moderatorPersonID: allocation.flatMap { $0.moderatorPersonId.isEmpty ? nil : $0.moderatorPersonId })
  }
}

extension AllocationRefusal {
  var contract: Evaluation.AllocationRefusal {
    let reason: Evaluation.AllocationRefusalReason =
      switch self {
      case .supportedSchool: .supportedSchool
      case .worksInLocalAuthority: .worksInLocalAuthority
      case .conferenceLapsed: .conferenceLapsed
      case .codeOfPracticeUnsigned: .codeOfPracticeUnsigned
      case .phaseNotCovered: .phaseNotCovered
      case .areaNotCovered: .areaNotCovered
      case .inactive: .inactive
      case .notLeadAssessor: .notLeadAssessor
      case .ownAssessment: .ownAssessment
      }
    return Evaluation.AllocationRefusal(reason: reason, detail: description)
  }
}

extension SelfReviewStanding {
  var snapshot: Evaluation.EligibilitySnapshot {
    Evaluation.EligibilitySnapshot(
      frameworkId: frameworkID,
      aspects: aspects.map {
        Evaluation.AspectLevel(aspectId: $0.aspectID, level: Int32($0.level), hasCommentary: $0.hasCommentary)
      },
      atNationalStandard: atNationalStandard, commentaryComplete: commentaryComplete,
      takenAt: Protobuf.Timestamp(updatedAt))
  }
}
