public import CharterValues
import Contracts
public import RegistryReplica

/// Who may assess and who may moderate a school's ICT Mark assessment (CHARTER-DOMAIN.md §3,
/// §7.3): independent of the school, accredited (code of practice signed, annual conference
/// attended), and covering the school's phase and area on their pen portrait.
public enum AllocationRules {
  /// Every reason `assessor` may not assess `school` on `today`; empty when they may.
  public static func refusals(
    assessor: AssessorProfile, school: RegistrySchool, today: CalendarDate, conferenceMonths: Int = 12
  ) -> [AllocationRefusal] {
    var refusals = independenceAndStanding(assessor, school, today, conferenceMonths)
    if !assessor.penPortrait.phases.contains(school.phase) { refusals.append(.phaseNotCovered(school.phase)) }
    if assessor.penPortrait.coverage(of: school.localAuthorityCode) == .none {
      refusals.append(
        .areaNotCovered(
          localAuthority: school.localAuthorityCode,
          region: LocalAuthorityCode(school.localAuthorityCode).flatMap { EnglishRegion(containing: $0) }))
    }
    return refusals
  }

  /// Every reason `moderator` may not moderate `assessor`'s assessment of `school`: they must
  /// be a lead assessor, someone else, independent of the school and accredited. Coverage of
  /// the school's area does not matter: moderation reads the report, not the school.
  public static func moderatorRefusals(
    moderator: AssessorProfile, assessorID: String, school: RegistrySchool, today: CalendarDate,
    conferenceMonths: Int = 12
  ) -> [AllocationRefusal] {
    var refusals: [AllocationRefusal] = []
    if !moderator.isLeadAssessor { refusals.append(.notLeadAssessor) }
    if moderator.id == assessorID { refusals.append(.ownAssessment) }
    return refusals + independenceAndStanding(moderator, school, today, conferenceMonths)
  }

  /// Whether an assessor's conference attendance is current on `today`.
  public static func conferenceIsCurrent(_ lastOn: CalendarDate?, today: CalendarDate, months: Int = 12) -> Bool {
    guard let lastOn else { return false }
    return lastOn.adding(months: months) >= today
  }

  private static func independenceAndStanding(
    _ assessor: AssessorProfile, _ school: RegistrySchool, _ today: CalendarDate, _ conferenceMonths: Int
  ) -> [AllocationRefusal] {
    var refusals: [AllocationRefusal] = []
    if !assessor.isActive { refusals.append(.inactive) }
    if assessor.supportedSchools.contains(school.urn.rawValue) {
      refusals.append(.supportedSchool(urn: school.urn.rawValue))
    }
    if let authority = assessor.penPortrait.worksInLocalAuthority, authority == school.localAuthorityCode {
      refusals.append(.worksInLocalAuthority(code: authority))
    }
    if assessor.codeOfPracticeSignedAt == nil { refusals.append(.codeOfPracticeUnsigned) }
    if !conferenceIsCurrent(assessor.lastConferenceOn, today: today, months: conferenceMonths) {
      refusals.append(.conferenceLapsed(lastOn: assessor.lastConferenceOn))
    }
    return refusals
  }
}
