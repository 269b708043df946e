/// Why a `ROLE[:SCOPE]` argument was refused.
public enum RoleGrantSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
  /// No role name was given.
  case emptyRole
  /// The role name is not one of ``RoleGrantSyntax/roleNames``.
  case unknownRole(String)
  /// A school or local-authority role without its scope.
  case missingScope(role: String, kind: RoleGrantSyntax.ScopeKind)
  /// A global role given a scope.
  case unexpectedScope(role: String, scope: String)
  /// A scope that is not a six-digit URN (school roles) or three-digit code (advisers).
  case invalidScope(role: String, scope: String, kind: RoleGrantSyntax.ScopeKind)

  public var description: String {
    switch self {
    case .emptyRole:
      "no role given (expected ROLE[:SCOPE], e.g. school-admin:123456)"
    case .unknownRole(let text):
      "unknown role \"\(text)\" (expected one of: "
        + RoleGrantSyntax.roleNames.map(\.name).joined(separator: ", ") + ")"
    case .missingScope(let role, .localAuthority):
      "\(role) needs a local-authority code: \(role):CODE (e.g. \(role):330)"
    case .missingScope(let role, _):
      "\(role) needs a school URN: \(role):URN (e.g. \(role):123456)"
    case .unexpectedScope(let role, let scope):
      "\(role) is a global role and takes no scope (got \":\(scope)\")"
    case .invalidScope(let role, let scope, .localAuthority):
      "\(role) scope \"\(scope)\" is not a three-digit local-authority code"
    case .invalidScope(let role, let scope, _):
      "\(role) scope \"\(scope)\" is not a six-digit school URN"
    }
  }
}
