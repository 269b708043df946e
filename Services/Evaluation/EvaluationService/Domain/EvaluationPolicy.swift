public import Identity

/// Who may see and do what in evaluation (issue 9, item 11), in one place:
///
/// - a school's people (admins and contributors) see their school's applications and answer
///   for the school (resubmit evidence, answer a cause for concern, offer visit days); its
///   admins also submit and withdraw;
/// - an assessor sees the applications allocated to them and does the assessor's steps on
///   them; a lead assessor also sees and moderates those they are the moderator of;
/// - local-authority advisers read their authority's applications;
/// - programme admins are the programme office: they see everything, record payments and
///   evidence checks, allocate, record conferences, approve awards, and may submit or
///   withdraw on a school's behalf; services read;
/// - anyone signed in reads the published list of assessors.
///
/// Everything else is refused (PERMISSION_DENIED).
public enum EvaluationPolicy {
  /// What a caller wants to do to an application.
  public enum Action: Sendable, Hashable, CaseIterable {
    /// Submit or withdraw (the school's admins, or the office for them).
    case submitOrWithdraw
    /// Resubmit evidence, answer a cause for concern, offer visit days.
    case answerForSchool
    /// Payment, evidence check, allocation, award approval.
    case office
    /// Accept, request documents, raise a concern, schedule the visit, record outcomes.
    case assess
    /// Record the moderation.
    case moderate
    /// See the ranked assessors for the application.
    case suggestAssessors
  }

  public static func mayRead(_ application: ApplicationAccess, caller: Caller) -> Bool {
    caller.isProgrammeAdmin || caller.isService || caller.belongs(to: application.schoolURN)
      || caller.advises(localAuthority: application.localAuthorityCode)
      || isAllocatedAssessor(application, caller) || isModerator(application, caller)
  }

  public static func mayAct(_ action: Action, on application: ApplicationAccess, caller: Caller) -> Bool {
    switch action {
    case .submitOrWithdraw: caller.isProgrammeAdmin || caller.administers(school: application.schoolURN)
    case .answerForSchool: caller.belongs(to: application.schoolURN)
    case .office: caller.isProgrammeAdmin
    case .assess: isAllocatedAssessor(application, caller)
    case .moderate: isModerator(application, caller)
    case .suggestAssessors: caller.isProgrammeAdmin || caller.belongs(to: application.schoolURN)
    }
  }

  /// Whether the caller may read a school's standing with evaluation (its eligibility, its
  /// events): its people, its authority's advisers, programme admins and services.
  public static func mayReadSchool(_ urn: String, localAuthority: String, caller: Caller) -> Bool {
    caller.isProgrammeAdmin || caller.isService || caller.belongs(to: urn)
      || caller.advises(localAuthority: localAuthority)
  }

  /// Every school's events: programme admins and services (self-review, accreditation).
  public static func mayReadAllEvents(caller: Caller) -> Bool { caller.isProgrammeAdmin || caller.isService }

  /// An assessor registers their own pen portrait; programme admins register anyone.
  public static func mayRegisterAssessor(personID: String, caller: Caller) -> Bool {
    caller.isProgrammeAdmin || (caller.personID == personID && caller.isAssessor)
  }

  /// Only the assessor signs their code of practice.
  public static func maySignCodeOfPractice(assessorPersonID: String, caller: Caller) -> Bool {
    caller.personID == assessorPersonID
  }

  /// The programme office records conference attendance.
  public static func mayRecordConference(caller: Caller) -> Bool { caller.isProgrammeAdmin }

  /// Which applications a listing may show the caller.
  public static func scope(of caller: Caller) -> ApplicationScope {
    if caller.isProgrammeAdmin || caller.isService { return .everything }
    return .only(
      schools: caller.schools, localAuthorities: caller.advisedAuthorities,
      assessorPersonID: caller.isAssessor ? caller.personID : nil,
      moderatorPersonID: caller.isLeadAssessor ? caller.personID : nil)
  }

  private static func isAllocatedAssessor(_ application: ApplicationAccess, _ caller: Caller) -> Bool {
    guard caller.isAssessor, let person = caller.personID else { return false }
    return application.assessorPersonID == person
  }

  private static func isModerator(_ application: ApplicationAccess, _ caller: Caller) -> Bool {
    guard caller.isLeadAssessor, let person = caller.personID else { return false }
    return application.moderatorPersonID == person
  }
}

/// The facts about an application that access decisions need.
public struct ApplicationAccess: Sendable, Hashable {
  public let schoolURN: String
  public let localAuthorityCode: String
  public let assessorPersonID: String?
  public let moderatorPersonID: String?

  public init(schoolURN: String, localAuthorityCode: String, assessorPersonID: String?, moderatorPersonID: String?) {
    self.schoolURN = schoolURN
    self.localAuthorityCode = localAuthorityCode
    self.assessorPersonID = assessorPersonID
    self.moderatorPersonID = moderatorPersonID
  }
}

/// The applications a caller may list.
public enum ApplicationScope: Sendable, Hashable {
  /// Every application (programme admins, services).
  case everything
  /// Those of these schools or authorities, or allocated to (or moderated by) this person.
  case only(
    schools: Set<String>, localAuthorities: Set<String>, assessorPersonID: String?, moderatorPersonID: String?)
}
