/// The outcome of an RPC as gRPC reports it on the wire: a code and a human-readable message.
///
/// Every call ends with exactly one status (`grpc-status` / `grpc-message` in the trailers);
/// `ok` means success, anything else is an error the client sees as an ``RPCError``.
public struct Status: Sendable, Hashable, CustomStringConvertible {
  public var code: Code
  public var message: String

  public init(code: Code, message: String = "") {
    self.code = code
    self.message = message
  }

  public static let ok = Status(code: .ok)

  public var description: String {
    message.isEmpty ? "\(code)" : "\(code): \(message)"
  }

  /// A gRPC status code (gRPC `doc/statuscodes.md`). Values outside 0...16 received from a peer
  /// are kept as-is but treated as ``unknown`` by ``isKnown``.
  public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Not an error.
    public static let ok = Code(rawValue: 0)
    /// The operation was cancelled, typically by the caller.
    public static let cancelled = Code(rawValue: 1)
    /// An error with no better code, including a handler that threw a non-RPC error.
    public static let unknown = Code(rawValue: 2)
    /// The caller sent an argument that is invalid whatever the system's state (a bad field).
    public static let invalidArgument = Code(rawValue: 3)
    /// The deadline expired before the operation could complete.
    public static let deadlineExceeded = Code(rawValue: 4)
    /// A requested entity was not found.
    public static let notFound = Code(rawValue: 5)
    /// The entity a caller tried to create already exists.
    public static let alreadyExists = Code(rawValue: 6)
    /// The caller is known but not allowed to do this.
    public static let permissionDenied = Code(rawValue: 7)
    /// A resource (message size, quota, rate) is exhausted.
    public static let resourceExhausted = Code(rawValue: 8)
    /// The system is not in a state required for the operation (do not retry until it is).
    public static let failedPrecondition = Code(rawValue: 9)
    /// The operation was aborted, typically by a concurrency conflict (retry at a higher level).
    public static let aborted = Code(rawValue: 10)
    /// A value was outside the valid range.
    public static let outOfRange = Code(rawValue: 11)
    /// The method or service is not implemented, or a protocol feature is unsupported.
    public static let unimplemented = Code(rawValue: 12)
    /// An invariant the system relies on was broken.
    public static let internalError = Code(rawValue: 13)
    /// The service is currently unavailable; retrying with backoff may succeed.
    public static let unavailable = Code(rawValue: 14)
    /// Unrecoverable data loss or corruption.
    public static let dataLoss = Code(rawValue: 15)
    /// The request has no valid authentication credentials.
    public static let unauthenticated = Code(rawValue: 16)

    /// Whether the code is one of the seventeen codes gRPC defines.
    public var isKnown: Bool { (0...16).contains(rawValue) }

    public var description: String {
      switch rawValue {
      case 0: "OK"
      case 1: "CANCELLED"
      case 2: "UNKNOWN"
      case 3: "INVALID_ARGUMENT"
      case 4: "DEADLINE_EXCEEDED"
      case 5: "NOT_FOUND"
      case 6: "ALREADY_EXISTS"
      case 7: "PERMISSION_DENIED"
      case 8: "RESOURCE_EXHAUSTED"
      case 9: "FAILED_PRECONDITION"
      case 10: "ABORTED"
      case 11: "OUT_OF_RANGE"
      case 12: "UNIMPLEMENTED"
      case 13: "INTERNAL"
      case 14: "UNAVAILABLE"
      case 15: "DATA_LOSS"
      case 16: "UNAUTHENTICATED"
      default: "CODE(\(rawValue))"
      }
    }
  }
}
