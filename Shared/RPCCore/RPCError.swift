/// An RPC that ended with a non-OK ``Status``, as thrown to callers and by handlers.
///
/// Handlers throw it (or a domain error conforming to ``RPCErrorConvertible``) to choose the
/// status a client sees; clients catch it to learn the code, message and trailing metadata.
public struct RPCError: Error, Sendable, Hashable, CustomStringConvertible {
  public var code: Status.Code
  public var message: String
  /// Trailing metadata that travelled with the status.
  public var metadata: Metadata

  public init(code: Status.Code, message: String, metadata: Metadata = [:]) {
    precondition(code != .ok, "an RPCError cannot carry OK")
    self.code = code
    self.message = message
    self.metadata = metadata
  }

  public init(status: Status, metadata: Metadata = [:]) {
    self.init(
      code: status.code == .ok ? .unknown : status.code, message: status.message,
      metadata: metadata)
  }

  public var status: Status { Status(code: code, message: message) }

  public var description: String { "\(code): \(message)" }
}

/// A domain error that knows which gRPC status it should be reported as.
///
/// Services throw their own typed errors (`RegistryError.schoolNotFound`); the server maps them
/// once, at the edge, through this protocol. Any other error is reported as `UNKNOWN` with a
/// generic message so internal details never reach the caller.
public protocol RPCErrorConvertible: Error {
  var rpcErrorCode: Status.Code { get }
  var rpcErrorMessage: String { get }
  var rpcErrorMetadata: Metadata { get }
}

extension RPCErrorConvertible {
  public var rpcErrorMetadata: Metadata { [:] }
  public var rpcError: RPCError {
    RPCError(code: rpcErrorCode, message: rpcErrorMessage, metadata: rpcErrorMetadata)
  }
}
