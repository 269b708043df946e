internal import NIOCore
import RPCCore

/// The client's state for one call on one HTTP/2 stream. Lives on its connection's event loop.
final class ClientStream {
  let descriptor: MethodDescriptor
  var id: Int32 = -1
  let deadline: ContinuousClock.Instant?
  var deadlineTimer: Scheduled<Void>?

  // Request side.
  var outbound = GRPCMessageQueue()
  var requestClosed = false
  var dataDeferred = false
  var writerWaiters: [CheckedContinuation<Void, any Error>] = []

  // Response side.
  var headersReceived = false
  var initialMetadata: Metadata?
  var deframer: GRPCMessageDeframer
  var receivedBytes = 0
  var consumedBytes = 0
  /// The final status and trailers, once known.
  var outcome: (status: Status, trailers: Metadata)?
  /// The server provably never processed the call (GOAWAY before it, REFUSED_STREAM), so a
  /// unary call may be replayed on another connection.
  var wasRefused = false

  // Waiters.
  var unaryContinuation: UnsafeContinuation<UnaryCallResult, any Error>?
  var headerWaiters: [CheckedContinuation<Metadata, any Error>] = []
  var messageWaiter: CheckedContinuation<[UInt8]?, any Error>?
  var endWaiters: [CheckedContinuation<Metadata, Never>] = []

  init(descriptor: MethodDescriptor, deadline: ContinuousClock.Instant?, maxMessageSize: Int) {
    self.descriptor = descriptor
    self.deadline = deadline
    self.deframer = GRPCMessageDeframer(maxMessageSize: maxMessageSize)
  }

  var isFinished: Bool { outcome != nil }
}

/// What the client keeps of a response header block (headers, trailers, or Trailers-Only).
struct ResponseHead {
  var httpStatus: Int?
  var contentTypeIsGRPC = false
  var grpcStatus: Int?
  var grpcMessage: String?
  var metadata = Metadata()

  mutating func accept(name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
    guard let first = name.first else { return }
    if first == UInt8(ascii: ":") {
      if name.equals(":status") { httpStatus = Int(String(decoding: value, as: UTF8.self)) }
      return
    }
    if name.equals("content-type") {
      contentTypeIsGRPC = RequestHeaderParser.isGRPCContentType(value)
      return
    }
    if name.count > 5, name.starts(with: "grpc-".utf8) {
      if name.equals("grpc-status") {
        grpcStatus = Int(String(decoding: value, as: UTF8.self))
      } else if name.equals("grpc-message") {
        grpcMessage = PercentEncoding.decode(value)
      }
      return
    }
    let key = String(decoding: name, as: UTF8.self)
    if Metadata.isBinaryKey(key) {
      for part in value.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
        if let bytes = Base64.decode(part.drop(while: { $0 == UInt8(ascii: " ") })) {
          metadata.append(key, .binary(bytes))
        }
      }
    } else {
      metadata.append(key, .string(String(decoding: value, as: UTF8.self)))
    }
  }

  /// The gRPC status this block states, if it states one.
  var status: Status? {
    guard let code = grpcStatus else { return nil }
    return Status(code: Status.Code(rawValue: code), message: grpcMessage ?? "")
  }

  /// The status for a response that is not gRPC (gRPC doc/http-grpc-status-mapping.md).
  static func status(forHTTPStatus http: Int) -> Status {
    let code: Status.Code =
      switch http {
      case 400: .internalError
      case 401: .unauthenticated
      case 403: .permissionDenied
      case 404: .unimplemented
      case 429, 502, 503, 504: .unavailable
      default: .unknown
      }
    return Status(code: code, message: "HTTP status \(http) from server")
  }
}
