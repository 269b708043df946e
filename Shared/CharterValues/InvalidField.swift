public import RPCCore

/// A request field that fails its rule, named as the contract names it (`urn`,
/// `address.postcode`, `page_token`).
///
/// Every validator in this module throws it, so "what is wrong with this field" is worded the
/// same way by every service, the CLI and the demo data; at the gRPC edge it is
/// INVALID_ARGUMENT with the message `<field>: <reason>`.
public struct InvalidField: Error, Hashable, Sendable, CustomStringConvertible, RPCErrorConvertible {
  /// The field's name in the request, with a path for nested fields (`address.lines[2]`).
  public var field: String
  /// What is wrong, in words that follow the field's name ("must be six digits, got \"12\"").
  public var reason: String

  public init(field: String, reason: String) {
    self.field = field
    self.reason = reason
  }

  public var description: String { "\(field): \(reason)" }

  public var rpcErrorCode: Status.Code { .invalidArgument }
  public var rpcErrorMessage: String { description }
}
