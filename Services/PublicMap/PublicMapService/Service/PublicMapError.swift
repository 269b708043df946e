public import RPCCore

/// What the public map refuses beyond malformed fields (``InvalidField``), mapped once to a
/// gRPC status. A school that is not public is not found, exactly like an unknown one, so the
/// map never reveals that a school it does not list exists.
public enum PublicMapError: Error, Sendable, Hashable, RPCErrorConvertible {
  /// No listed school has this URN (unknown, not committed, not listed or withdrawn alike).
  case schoolNotFound(urn: String)

  public var rpcErrorCode: Status.Code {
    switch self {
    case .schoolNotFound: .notFound
    }
  }

  public var rpcErrorMessage: String {
    switch self {
    case .schoolNotFound(let urn): "no school with URN \(urn) is on the map"
    }
  }
}
