public import RPCCore

/// Bytes that cannot be decoded as the expected contract message.
///
/// Thrown by every generated `init(serializedBytes:)`. Decoding never crashes and never
/// returns a partial or repaired value: it either yields exactly the message on the wire or
/// throws this error. Besides malformed protobuf (truncated, wrong wire type, bad lengths),
/// it rejects string fields that protobuf-c would pass on silently damaged: invalid UTF-8
/// (which `String` would repair to U+FFFD) and embedded NUL bytes (which `char *` would
/// truncate). Use a `bytes` field for data that is not text.
public struct ContractDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Why decoding failed. New reasons may be added.
  public struct Reason: Hashable, Sendable, CustomStringConvertible {
    private enum Value: Hashable, Sendable { case malformed, invalidUTF8, nulInString }
    private let value: Value

    /// Not a valid protobuf encoding of the message (truncated, bad wire type or length, …).
    public static let malformed = Reason(value: .malformed)
    /// A string field holds bytes that are not valid UTF-8.
    public static let invalidUTF8 = Reason(value: .invalidUTF8)
    /// A string field contains a NUL byte, which protobuf-c strings cannot carry.
    public static let nulInString = Reason(value: .nulInString)

    public var description: String {
      switch value {
      case .malformed: "not a valid protobuf encoding"
      case .invalidUTF8: "string field is not valid UTF-8"
      case .nulInString: "string field contains a NUL byte"
      }
    }
  }

  /// Why decoding failed.
  public let reason: Reason
  /// The fully qualified proto name of the message being decoded.
  public let messageType: String
  /// The offending string field as a dotted path of proto field names from `messageType`
  /// (`"school.address.postcode"`); `nil` when the whole encoding is malformed.
  public internal(set) var fieldPath: String?

  public init(reason: Reason, messageType: String, fieldPath: String? = nil) {
    self.reason = reason
    self.messageType = messageType
    self.fieldPath = fieldPath
  }

  static func malformed(_ messageType: String) -> ContractDecodingError {
    ContractDecodingError(reason: .malformed, messageType: messageType)
  }

  public var description: String {
    if let fieldPath {
      return "cannot decode \(messageType): \(reason) (field \(fieldPath))"
    }
    return "cannot decode \(messageType): \(reason)"
  }
}

extension ContractDecodingError: RPCErrorConvertible {
  /// A message that does not decode is the caller's fault: `INVALID_ARGUMENT`.
  public var rpcErrorCode: Status.Code { .invalidArgument }
  public var rpcErrorMessage: String { description }
}

/// A contract message value that cannot be represented on the wire.
///
/// Thrown by every generated `serializedBytes()`. protobuf-c passes strings as NUL-terminated
/// `char *`, so a Swift `String` containing U+0000 would be cut short without notice; encoding
/// refuses it instead and names the field.
public struct ContractEncodingError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Why encoding failed. New reasons may be added.
  public struct Reason: Hashable, Sendable, CustomStringConvertible {
    private enum Value: Hashable, Sendable { case nulInString }
    private let value: Value

    /// A string field contains U+0000.
    public static let nulInString = Reason(value: .nulInString)

    public var description: String {
      switch value {
      case .nulInString: "string contains U+0000, which protobuf-c strings cannot carry"
      }
    }
  }

  /// Why encoding failed.
  public let reason: Reason
  /// The fully qualified proto name of the message holding the field.
  public let messageType: String
  /// The proto name of the offending field in `messageType`.
  public let field: String

  public init(reason: Reason, messageType: String, field: String) {
    self.reason = reason
    self.messageType = messageType
    self.field = field
  }

  public var description: String {
    "cannot encode \(messageType).\(field): \(reason)"
  }
}

extension ContractEncodingError: RPCErrorConvertible {
  /// A value that cannot be encoded came from the caller's input: `INVALID_ARGUMENT`.
  public var rpcErrorCode: Status.Code { .invalidArgument }
  public var rpcErrorMessage: String { description }
}
