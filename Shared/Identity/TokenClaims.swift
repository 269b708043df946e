import FoundationEssentials
import JWTKit

/// The claims of a Charter token: who (subject, display name, kind), what they may do (role
/// grants, compact `role[:scope]` strings), for whom and until when.
struct TokenClaims: JWTPayload {
  static let issuer = "charter-registry"
  static let audience = "charter"

  var sub: SubjectClaim
  var iss: IssuerClaim
  var aud: AudienceClaim
  var exp: ExpirationClaim
  var iat: IssuedAtClaim
  var name: String
  var grants: [String]

  init(caller: Caller, issuedAt: Date, expiresAt: Date) {
    sub = SubjectClaim(value: caller.subject)
    iss = IssuerClaim(value: Self.issuer)
    aud = AudienceClaim(value: [Self.audience])
    exp = ExpirationClaim(value: expiresAt)
    iat = IssuedAtClaim(value: issuedAt)
    name = caller.displayName
    grants = caller.grants.map(\.description)
  }

  func verify(using algorithm: some JWTAlgorithm) async throws {
    try exp.verifyNotExpired()
    try aud.verifyIntendedAudience(includes: Self.audience)
    guard iss.value == Self.issuer else { throw IdentityError.invalidToken("unexpected issuer") }
  }

  /// The caller these claims describe.
  func caller() throws(IdentityError) -> Caller {
    let kind: Caller.Kind
    if sub.value.hasPrefix("person:"), sub.value.count > 7 {
      kind = .person(id: String(sub.value.dropFirst(7)))
    } else if sub.value.hasPrefix("service:"), sub.value.count > 8 {
      kind = .service(name: String(sub.value.dropFirst(8)))
    } else {
      throw .invalidToken("unexpected subject")
    }
    var parsed: [RoleGrant] = []
    for text in grants {
      parsed.append(try RoleGrant(parsing: text))
    }
    return Caller(kind: kind, displayName: name, grants: parsed)
  }
}

extension RoleGrant {
  /// Parses `role` or `role:scope` (the form of ``description``).
  public init(parsing text: String) throws(IdentityError) {
    let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
    guard let first = parts.first, let role = Role(rawValue: first) else {
      throw .invalidGrant("unknown role in \"\(text)\"")
    }
    switch (role.scopeKind, parts.count) {
    case (.global, 1): try self.init(role)
    case (.school, 2): try self.init(role, .school(urn: parts[1]))
    case (.localAuthority, 2): try self.init(role, .localAuthority(code: parts[1]))
    default: throw .invalidGrant("\"\(text)\" does not have the scope role \(role.rawValue) needs")
    }
  }
}
