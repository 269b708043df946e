public import RPCCore

/// What the accreditation service refuses beyond malformed fields (``InvalidField``) and the
/// Charter's rules (``AccreditationRuleError``): things not found, already there, or not the
/// caller's to see or do; each mapped once to a gRPC status.
public enum AccreditationError: Error, Sendable, Hashable, RPCErrorConvertible {
  /// The registry has not announced this school (or this service has not heard yet).
  case schoolNotFound(urn: String)
  case recognitionNotFound(id: String)
  case recognitionPending(urn: String, id: String)
  /// No request waits for this invitation code (wrong, used, or expired).
  case invitationNotFound
  case cycleExists(year: Int)
  case cycleNotFound(id: String)
  case entryNotFound(id: String)
  case alreadyEntered(urn: String, year: Int)
  case certificateNotFound(id: String)
  case permissionDenied(String)

  public var rpcErrorCode: Status.Code {
    switch self {
    case .schoolNotFound, .recognitionNotFound, .invitationNotFound, .cycleNotFound, .entryNotFound,
      .certificateNotFound:
      .notFound
    case .recognitionPending, .cycleExists, .alreadyEntered: .alreadyExists
    case .permissionDenied: .permissionDenied
    }
  }

  public var rpcErrorMessage: String {
    switch self {
    case .schoolNotFound(let urn): "no school with URN \(urn)"
    case .recognitionNotFound(let id): "no recognition request \(id)"
    case .recognitionPending(let urn, let id): "school \(urn) already has a recognition request pending (\(id))"
    case .invitationNotFound: "no request waits for this invitation code (it is wrong, used or expired)"
    case .cycleExists(let year): "an award cycle for \(year) exists"
    case .cycleNotFound(let id): "no award cycle \(id)"
    case .entryNotFound(let id): "no award entry \(id)"
    case .alreadyEntered(let urn, let year): "school \(urn) already entered the \(year) awards"
    case .certificateNotFound(let id): "no certificate \(id)"
    case .permissionDenied(let why): why
    }
  }
}
