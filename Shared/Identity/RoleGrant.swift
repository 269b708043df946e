import CharterValues
public import Contracts

/// One role a person (or service) holds, and where it applies: a school role at one school,
/// an adviser role in one local authority, or a programme-wide role.
public struct RoleGrant: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The roles of the Charter (ARCHITECTURE.md §5).
  public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    case schoolAdmin = "school-admin"
    case schoolContributor = "school-contributor"
    case assessor
    case leadAssessor = "lead-assessor"
    case localAuthorityAdviser = "local-authority-adviser"
    case programmeAdmin = "programme-admin"
    case service

    /// The scope this role must have.
    public var scopeKind: ScopeKind {
      switch self {
      case .schoolAdmin, .schoolContributor: .school
      case .localAuthorityAdviser: .localAuthority
      case .assessor, .leadAssessor, .programmeAdmin, .service: .global
      }
    }
  }

  /// Where a grant applies.
  public enum Scope: Sendable, Hashable, Codable {
    case global
    case school(urn: String)
    case localAuthority(code: String)
  }

  public enum ScopeKind: Sendable { case global, school, localAuthority }

  public let role: Role
  public let scope: Scope

  /// - Throws: ``IdentityError/invalidGrant(_:)`` when the scope does not fit the role.
  public init(_ role: Role, _ scope: Scope = .global) throws(IdentityError) {
    switch (role.scopeKind, scope) {
    case (.global, .global), (.school, .school), (.localAuthority, .localAuthority):
      break
    default:
      throw .invalidGrant("role \(role.rawValue) cannot have scope \(scope)")
    }
    if case .school(let urn) = scope, SchoolURN(urn) == nil {
      throw .invalidGrant("school URN \"\(urn)\" is not six digits")
    }
    if case .localAuthority(let code) = scope, LocalAuthorityCode(code) == nil {
      throw .invalidGrant("local authority code \"\(code)\" is not three digits")
    }
    self.role = role
    self.scope = scope
  }

  public var description: String {
    switch scope {
    case .global: role.rawValue
    case .school(let urn): "\(role.rawValue):\(urn)"
    case .localAuthority(let code): "\(role.rawValue):\(code)"
    }
  }
}

extension RoleGrant {
  /// The grant a contract message describes.
  /// - Throws: ``IdentityError/invalidGrant(_:)`` for an unspecified role or a wrong scope.
  public init(_ message: Registry.RoleGrant) throws(IdentityError) {
    let role: Role
    switch message.role {
    case .schoolAdmin: role = .schoolAdmin
    case .schoolContributor: role = .schoolContributor
    case .assessor: role = .assessor
    case .leadAssessor: role = .leadAssessor
    case .localAuthorityAdviser: role = .localAuthorityAdviser
    case .programmeAdmin: role = .programmeAdmin
    case .service: role = .service
    case .unspecified, .unrecognized: throw .invalidGrant("role must be given")
    }
    let scope: Scope =
      switch message.scope {
      case .schoolUrn(let urn)?: .school(urn: urn)
      case .localAuthorityCode(let code)?: .localAuthority(code: code)
      case nil: .global
      }
    try self.init(role, scope)
  }

  public var message: Registry.RoleGrant {
    var message = Registry.RoleGrant()
    message.role = role.contractRole
    switch scope {
    case .global: message.scope = nil
    case .school(let urn): message.scope = .schoolUrn(urn)
    case .localAuthority(let code): message.scope = .localAuthorityCode(code)
    }
    return message
  }
}

extension RoleGrant.Role {
  public var contractRole: Common.Role {
    switch self {
    case .schoolAdmin: .schoolAdmin
    case .schoolContributor: .schoolContributor
    case .assessor: .assessor
    case .leadAssessor: .leadAssessor
    case .localAuthorityAdviser: .localAuthorityAdviser
    case .programmeAdmin: .programmeAdmin
    case .service: .service
    }
  }
}
