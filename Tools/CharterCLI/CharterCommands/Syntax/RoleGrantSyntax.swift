internal import CharterValues
public import Contracts

/// The command-line spelling of a role grant, `ROLE[:SCOPE]`: `school-admin:123456`,
/// `local-authority-adviser:330`, `programme-admin`.
///
/// Operators type grants and read them back in listings, so both directions live here and
/// round-trip. School roles take a school URN as their scope, the adviser role a local-authority
/// code, and the global roles none; a grant that gets this wrong is refused before any call.
public enum RoleGrantSyntax {
  /// Each declared role (except UNSPECIFIED) with its command-line name, in proto order.
  public static let roleNames: [(role: Common.Role, name: String)] = [
    (.schoolAdmin, "school-admin"),
    (.schoolContributor, "school-contributor"),
    (.assessor, "assessor"),
    (.leadAssessor, "lead-assessor"),
    (.localAuthorityAdviser, "local-authority-adviser"),
    (.programmeAdmin, "programme-admin"),
    (.service, "service"),
  ]

  /// What a role's scope is.
  public enum ScopeKind: Sendable, Hashable {
    /// A school, by its six-digit URN.
    case school
    /// A local authority, by its three-digit DfE code.
    case localAuthority
    /// None: the role is global.
    case none
  }

  /// The scope `role` takes.
  public static func scopeKind(of role: Common.Role) -> ScopeKind {
    switch role {
    case .schoolAdmin, .schoolContributor: .school
    case .localAuthorityAdviser: .localAuthority
    default: .none
    }
  }

  /// The command-line name of `role` (`school-admin`); `role-N` for a value this version does
  /// not know.
  public static func name(of role: Common.Role) -> String {
    roleNames.first { $0.role == role }?.name ?? "role-\(role.rawValue)"
  }

  /// The role a name stands for. Case, `_` for `-`, a `role-` prefix (so the proto names
  /// `ROLE_SCHOOL_ADMIN` work too) and the spelling "advisor" are all accepted.
  ///
  /// - Throws: ``RoleGrantSyntaxError/emptyRole`` or ``RoleGrantSyntaxError/unknownRole(_:)``.
  public static func role(named text: String) throws(RoleGrantSyntaxError) -> Common.Role {
    var name = text.trimmingSpaces.lowercased().replacing("_", with: "-")
    guard !name.isEmpty else { throw .emptyRole }
    if name.hasPrefix("role-") { name.removeFirst(5) }
    name = name.replacing("advisor", with: "adviser")
    guard let match = roleNames.first(where: { $0.name == name }) else {
      throw .unknownRole(text)
    }
    return match.role
  }

  /// Parses `ROLE[:SCOPE]`.
  ///
  /// - Throws: ``RoleGrantSyntaxError`` when the role is unknown, or the scope is missing,
  ///   not allowed, or not a URN / local-authority code as the role needs.
  public static func parse(_ text: String) throws(RoleGrantSyntaxError) -> Registry.RoleGrant {
    let roleText: Substring
    let scopeText: Substring?
    if let colon = text.firstIndex(of: ":") {
      roleText = text[..<colon]
      scopeText = text[text.index(after: colon)...]
    } else {
      roleText = text[...]
      scopeText = nil
    }
    let role = try role(named: String(roleText))
    let name = name(of: role)
    let scope = scopeText.map { String($0).trimmingSpaces }
    switch (scopeKind(of: role), scope) {
    case (.none, nil):
      return Registry.RoleGrant(role: role)
    case (.none, let scope?):
      throw .unexpectedScope(role: name, scope: scope)
    case (.school, nil), (.school, ""):
      throw .missingScope(role: name, kind: .school)
    case (.localAuthority, nil), (.localAuthority, ""):
      throw .missingScope(role: name, kind: .localAuthority)
    case (.school, let urn?):
      guard SchoolURN(urn) != nil else {
        throw .invalidScope(role: name, scope: urn, kind: .school)
      }
      return Registry.RoleGrant(role: role, scope: .schoolUrn(urn))
    case (.localAuthority, let code?):
      guard LocalAuthorityCode(code) != nil else {
        throw .invalidScope(role: name, scope: code, kind: .localAuthority)
      }
      return Registry.RoleGrant(role: role, scope: .localAuthorityCode(code))
    }
  }

  /// The `ROLE[:SCOPE]` text of a grant, as ``parse(_:)`` reads it.
  public static func format(_ grant: Registry.RoleGrant) -> String {
    let role = name(of: grant.role)
    switch grant.scope {
    case nil: return role
    case .schoolUrn(let urn): return "\(role):\(urn)"
    case .localAuthorityCode(let code): return "\(role):\(code)"
    }
  }
}
