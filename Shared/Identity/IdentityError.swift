public import RPCCore

/// Why a credential or a grant is not acceptable.
public enum IdentityError: Error, Sendable, Hashable, RPCErrorConvertible {
  /// The call carries a credential that is malformed, forged, expired or for someone else.
  case invalidToken(String)
  /// A role grant whose scope does not fit its role, or whose URN/code is malformed.
  case invalidGrant(String)
  /// A key that cannot be read or used.
  case invalidKey(String)
  /// The service does not know the registry's verification keys yet (it is starting and the
  /// registry has not answered): try again shortly.
  case keysUnavailable

  public var rpcErrorCode: Status.Code {
    switch self {
    case .invalidToken: .unauthenticated
    case .invalidGrant: .invalidArgument
    case .invalidKey: .internalError
    case .keysUnavailable: .unavailable
    }
  }

  public var rpcErrorMessage: String {
    switch self {
    case .invalidToken(let why): "invalid credentials: \(why)"
    case .invalidGrant(let why): "grant: \(why)"
    case .invalidKey(let why): "signing key: \(why)"
    case .keysUnavailable: "the service cannot check credentials yet (waiting for the registry's keys); retry"
    }
  }
}
