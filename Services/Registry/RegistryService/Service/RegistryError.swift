public import RPCCore

/// Everything the registry refuses beyond malformed fields (``InvalidField``), each mapped once
/// to the gRPC status a caller sees.
public enum RegistryError: Error, Sendable, Hashable, RPCErrorConvertible {
  case schoolNotFound(urn: String)
  case duplicateURN(urn: String)
  case personNotFound(id: String)
  case emailTaken(email: String)
  /// The caller is known but may not do this.
  case permissionDenied(String)
  /// The operation does not fit the current state (a withdrawn school, listing without
  /// commitment, the last programme admin).
  case failedPrecondition(String)
  case invitationNotFound
  /// The invitation was accepted already (or its person was removed): sign in instead.
  case invitationUsed
  case invitationExpired
  /// Wrong email or password (deliberately not saying which).
  case signInFailed

  public var rpcErrorCode: Status.Code {
    switch self {
    case .schoolNotFound, .personNotFound, .invitationNotFound: .notFound
    case .duplicateURN, .emailTaken: .alreadyExists
    case .permissionDenied: .permissionDenied
    case .failedPrecondition, .invitationExpired, .invitationUsed: .failedPrecondition
    case .signInFailed: .unauthenticated
    }
  }

  public var rpcErrorMessage: String {
    switch self {
    case .schoolNotFound(let urn): "no school with URN \(urn)"
    case .duplicateURN(let urn): "a school with URN \(urn) is already registered"
    case .personNotFound(let id): "no person \(id)"
    case .emailTaken(let email): "someone with email \(email) already exists"
    case .permissionDenied(let why): why
    case .failedPrecondition(let why): why
    case .invitationNotFound: "no such invitation"
    case .invitationUsed: "the invitation has already been used; sign in, or ask for a new one"
    case .invitationExpired: "the invitation has expired; ask for a new one"
    case .signInFailed: "wrong email or password"
    }
  }
}
