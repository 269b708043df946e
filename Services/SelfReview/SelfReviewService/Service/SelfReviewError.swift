public import RPCCore

/// What the self-review service refuses beyond malformed fields (``InvalidField``) and the
/// framework's own rules (``SelfReviewRuleError``), each mapped once to a gRPC status.
public enum SelfReviewError: Error, Sendable, Hashable, RPCErrorConvertible {
  /// The registry has no such school (or this service has not heard of it yet).
  case schoolNotFound(urn: String)
  case schoolNotCommitted(urn: String)
  case schoolWithdrawn(urn: String)
  case reviewNotStarted(urn: String)
  /// A review exists against another framework version.
  case reviewUsesOtherFramework(urn: String, frameworkID: String)
  case frameworkNotFound(id: String)
  case mappingNotFound(from: String, to: String)
  case actionItemNotFound(id: String)
  case permissionDenied(String)

  public var rpcErrorCode: Status.Code {
    switch self {
    case .schoolNotFound, .reviewNotStarted, .frameworkNotFound, .mappingNotFound, .actionItemNotFound: .notFound
    case .schoolNotCommitted, .schoolWithdrawn, .reviewUsesOtherFramework: .failedPrecondition
    case .permissionDenied: .permissionDenied
    }
  }

  public var rpcErrorMessage: String {
    switch self {
    case .schoolNotFound(let urn): "no school with URN \(urn)"
    case .schoolNotCommitted(let urn): "school \(urn) has not committed to the charter; it reviews itself once it has"
    case .schoolWithdrawn(let urn): "school \(urn) has withdrawn from the charter"
    case .reviewNotStarted(let urn): "school \(urn) has not started a self-review"
    case .reviewUsesOtherFramework(let urn, let id): "school \(urn) is already reviewing against framework \(id)"
    case .frameworkNotFound(let id): "no framework \(id)"
    case .mappingNotFound(let from, let to): "no mapping from \(from) to \(to)"
    case .actionItemNotFound(let id): "no action item \(id)"
    case .permissionDenied(let why): why
    }
  }
}
