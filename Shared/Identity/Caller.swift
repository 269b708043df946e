public import Contracts

/// Who is making a call, as a verified token says: a person with their role grants, or one of
/// the platform's services. Handlers decide what a caller may do from this alone, without
/// asking the registry.
public struct Caller: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    case person(id: String)
    case service(name: String)
  }

  public let kind: Kind
  public let displayName: String
  public let grants: [RoleGrant]

  public init(kind: Kind, displayName: String, grants: [RoleGrant]) {
    self.kind = kind
    self.displayName = displayName
    self.grants = grants
  }

  /// The token subject: `person:<id>` or `service:<name>`.
  public var subject: String {
    switch kind {
    case .person(let id): "person:\(id)"
    case .service(let name): "service:\(name)"
    }
  }

  public var personID: String? {
    if case .person(let id) = kind { return id }
    return nil
  }

  /// The caller as recorded against what it did (who committed a school, who rated an aspect).
  public var actor: Common.Actor {
    var actor = Common.Actor()
    switch kind {
    case .person(let id): actor.principal = .personId(id)
    case .service(let name): actor.principal = .serviceName(name)
    }
    actor.displayName = displayName
    return actor
  }

  public var isService: Bool {
    if case .service = kind { return true }
    return false
  }

  public var isProgrammeAdmin: Bool { grants.contains { $0.role == .programmeAdmin } }

  public func administers(school urn: String) -> Bool {
    grants.contains { $0.role == .schoolAdmin && $0.scope == .school(urn: urn) }
  }

  /// Admin or contributor at the school.
  public func belongs(to urn: String) -> Bool {
    grants.contains {
      ($0.role == .schoolAdmin || $0.role == .schoolContributor) && $0.scope == .school(urn: urn)
    }
  }

  public func advises(localAuthority code: String) -> Bool {
    grants.contains { $0.role == .localAuthorityAdviser && $0.scope == .localAuthority(code: code) }
  }

  public var isAssessor: Bool { grants.contains { $0.role == .assessor || $0.role == .leadAssessor } }
  public var isLeadAssessor: Bool { grants.contains { $0.role == .leadAssessor } }

  /// Schools the caller is a member of (admin or contributor).
  public var schools: Set<String> {
    Set(
      grants.compactMap {
        if case .school(let urn) = $0.scope, $0.role == .schoolAdmin || $0.role == .schoolContributor { return urn }
        return nil
      })
  }

  /// Schools the caller administers.
  public var administeredSchools: Set<String> {
    Set(
      grants.compactMap {
        if case .school(let urn) = $0.scope, $0.role == .schoolAdmin { return urn }
        return nil
      })
  }

  /// Local authorities the caller advises.
  public var advisedAuthorities: Set<String> {
    Set(
      grants.compactMap {
        if case .localAuthority(let code) = $0.scope, $0.role == .localAuthorityAdviser { return code }
        return nil
      })
  }
}
