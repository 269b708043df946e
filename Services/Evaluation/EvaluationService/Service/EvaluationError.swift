public import RPCCore

/// What the evaluation service refuses beyond malformed fields (``InvalidField``) and the ICT
/// Mark's rules (``EvaluationRuleError``), each mapped once to a gRPC status.
public enum EvaluationError: Error, Sendable, Hashable, RPCErrorConvertible {
  case applicationNotFound(id: String)
  case assessorNotFound(id: String)
  /// The registry has no such school (or this service has not heard of it yet).
  case schoolNotFound(urn: String)
  /// No such registry person (or this service has not heard of them yet).
  case personNotFound(id: String)
  case awardNotFound(id: String)
  case concernNotFound(applicationID: String, concernID: String)
  /// The caller is known but may not do this.
  case permissionDenied(String)

  public var rpcErrorCode: Status.Code {
    switch self {
    case .applicationNotFound, .assessorNotFound, .schoolNotFound, .personNotFound, .awardNotFound, .concernNotFound:
      .notFound
    case .permissionDenied: .permissionDenied
    }
  }

  public var rpcErrorMessage: String {
    switch self {
    case .applicationNotFound(let id): "no application \(id)"
    case .assessorNotFound(let id): "no assessor \(id)"
    case .schoolNotFound(let urn): "no school with URN \(urn)"
    case .personNotFound(let id): "no person \(id) (or evaluation has not heard of them from the registry yet)"
    case .awardNotFound(let id): "no award \(id)"
    case .concernNotFound(let application, let concern):
      "application \(application) has no cause for concern \(concern)"
    case .permissionDenied(let why): why
    }
  }
}
