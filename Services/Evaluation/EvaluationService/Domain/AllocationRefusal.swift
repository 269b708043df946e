public import CharterValues
public import Contracts

/// One reason an assessor may not be allocated to (or moderate) a school's assessment, named
/// so the programme office can see what to do about it.
public enum AllocationRefusal: Sendable, Hashable, CustomStringConvertible {
  /// They supported the school's self-review or work for it.
  case supportedSchool(urn: String)
  /// They work for the school's local authority.
  case worksInLocalAuthority(code: String)
  /// Their last assessor conference is more than the allowed months old (or never).
  case conferenceLapsed(lastOn: CalendarDate?)
  /// They have not signed the code of practice.
  case codeOfPracticeUnsigned
  /// Their pen portrait does not cover the school's phase.
  case phaseNotCovered(Common.SchoolPhase)
  /// Their pen portrait covers neither the school's authority nor its region.
  case areaNotCovered(localAuthority: String, region: EnglishRegion?)
  /// Their registry role ended.
  case inactive
  /// Only lead assessors moderate.
  case notLeadAssessor
  /// Nobody moderates their own assessment.
  case ownAssessment

  public var description: String {
    switch self {
    case .supportedSchool(let urn): "supported or works for school \(urn)"
    case .worksInLocalAuthority(let code): "works in the school's local authority \(code)"
    case .conferenceLapsed(let last?): "last assessor conference was on \(last), more than twelve months ago"
    case .conferenceLapsed(nil): "has not attended an assessor conference"
    case .codeOfPracticeUnsigned: "has not signed the code of practice"
    case .phaseNotCovered(let phase): "does not cover the \(PhaseText.name(phase)) phase"
    case .areaNotCovered(let code, let region?):
      "covers neither local authority \(code) nor the \(region.name) region"
    case .areaNotCovered(let code, nil): "does not cover local authority \(code)"
    case .inactive: "no longer holds the assessor role"
    case .notLeadAssessor: "is not a lead assessor"
    case .ownAssessment: "cannot moderate their own assessment"
    }
  }
}

/// School phases in words.
enum PhaseText {
  static func name(_ phase: Common.SchoolPhase) -> String {
    switch phase {
    case .nursery: "nursery"
    case .primary: "primary"
    case .middle: "middle"
    case .secondary: "secondary"
    case .allThrough: "all-through"
    case .special: "special"
    case .pupilReferralUnit: "pupil referral unit"
    default: "unknown"
    }
  }
}
