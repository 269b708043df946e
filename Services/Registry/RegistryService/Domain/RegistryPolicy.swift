public import Identity

/// Who may do what in the registry (the Charter's access rules, in one place):
///
/// - schools are changed only by programme admins and the school's own admins; programme
///   admins and local-authority advisers (for their authority) register them;
/// - a school's people (admins, contributors), its authority's advisers, programme admins and
///   the platform's services see a school in full; assessors, and anyone for a school that
///   chose to be public, see it without personal data (who committed, who changed what);
/// - people are managed by programme admins, and by school admins for their own schools'
///   school roles; a person may always see themselves.
public enum RegistryPolicy {
  /// How much of a school a caller may see.
  public enum SchoolView: Sendable, Equatable {
    case full
    /// Without the people who acted on it.
    case redacted
    case none
  }

  public static func view(of school: SchoolAccess, by caller: Caller) -> SchoolView {
    if caller.isProgrammeAdmin || caller.isService || caller.belongs(to: school.urn)
      || caller.advises(localAuthority: school.localAuthorityCode)
    {
      return .full
    }
    if caller.isAssessor || school.publiclyListed { return .redacted }
    return .none
  }

  public static func mayRegister(schoolIn localAuthority: String, caller: Caller) -> Bool {
    caller.isProgrammeAdmin || caller.advises(localAuthority: localAuthority)
  }

  public static func mayChange(school urn: String, caller: Caller) -> Bool {
    caller.isProgrammeAdmin || caller.administers(school: urn)
  }

  /// Whether the caller may grant (or revoke) this role to someone.
  public static func mayManage(_ grant: RoleGrant, caller: Caller) -> Bool {
    if caller.isProgrammeAdmin { return true }
    switch (grant.role, grant.scope) {
    case (.schoolAdmin, .school(let urn)), (.schoolContributor, .school(let urn)):
      return caller.administers(school: urn)
    default:
      return false
    }
  }

  /// Whether the caller may see this person: themselves, programme admins, services, and the
  /// admins of a school the person works at.
  public static func maySee(person: PersonAccess, caller: Caller) -> Bool {
    if caller.personID == person.id || caller.isProgrammeAdmin || caller.isService { return true }
    return person.grants.contains { grant in
      if case .school(let urn) = grant.scope { return caller.administers(school: urn) }
      return false
    }
  }

  /// Whether the caller may remove this person: programme admins (not themselves), and school
  /// admins for someone whose every role is at a school they administer.
  public static func mayRemove(person: PersonAccess, caller: Caller) -> Bool {
    if caller.personID == person.id { return false }
    if caller.isProgrammeAdmin { return true }
    return !person.grants.isEmpty && person.grants.allSatisfy { mayManage($0, caller: caller) }
  }

  /// Only programme admins and services read the event feed (it carries personal data).
  public static func mayReadEvents(caller: Caller) -> Bool {
    caller.isProgrammeAdmin || caller.isService
  }

  public static func mayIssueServiceTokens(caller: Caller) -> Bool { caller.isProgrammeAdmin }
}

/// The facts about a school that access decisions need.
public struct SchoolAccess: Sendable {
  public let urn: String
  public let localAuthorityCode: String
  public let publiclyListed: Bool

  public init(urn: String, localAuthorityCode: String, publiclyListed: Bool) {
    self.urn = urn
    self.localAuthorityCode = localAuthorityCode
    self.publiclyListed = publiclyListed
  }
}

/// The facts about a person that access decisions need.
public struct PersonAccess: Sendable {
  public let id: String
  public let grants: [RoleGrant]

  public init(id: String, grants: [RoleGrant]) {
    self.id = id
    self.grants = grants
  }
}
