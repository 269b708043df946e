internal import NIOCore
import RPCCore

/// The server's state for one HTTP/2 stream carrying one gRPC call. Lives on its connection's
/// event loop and is only touched there.
final class ServerStream {
  enum Phase {
    /// Request headers are arriving.
    case receivingHeaders
    /// Headers accepted; waiting for the request message (unary, server-streaming).
    case awaitingRequest
    /// The handler is running.
    case running
    /// A status has been submitted; nothing more will be sent but the trailers may still be
    /// in flight.
    case responded
  }

  let id: Int32
  var phase: Phase = .receivingHeaders
  var request = RequestHead()
  var method: ServerMethod?
  var deframer: GRPCMessageDeframer
  /// The client has half-closed.
  var requestEnded = false

  // Inbound flow control: bytes received and bytes reported consumed. Complete messages the
  // handler has not taken yet hold the window back; everything else is consumed at once.
  var receivedBytes = 0
  var consumedBytes = 0
  var queuedMessageBytes = 0
  var inboundWaiter: CheckedContinuation<[UInt8]?, any Error>?
  var inboundFailure: (any Error)?

  // Outbound.
  var outbound = GRPCMessageQueue()
  var headersSubmitted = false
  var trailers: HeaderBlock?
  var dataDeferred = false
  var writerWaiters: [CheckedContinuation<Void, any Error>] = []
  /// Send RST_STREAM(NO_ERROR) once the trailers went out, because the client is still
  /// sending (PROTOCOL-HTTP2: trailers before the client's END_STREAM).
  var resetAfterTrailers = false

  /// The handler's response metadata sink, read when headers and trailers go out.
  var responseMetadata: ResponseMetadata?
  var task: Task<Void, Never>?
  var deadlineTimer: Scheduled<Void>?
  var deadline: ContinuousClock.Instant?

  init(id: Int32, maxMessageSize: Int) {
    self.id = id
    self.deframer = GRPCMessageDeframer(maxMessageSize: maxMessageSize)
  }

  var unconsumedBytes: Int { receivedBytes - consumedBytes }
}

/// What the server keeps of a stream's request headers.
struct RequestHead {
  /// The method the `:path` names, when the router has it.
  var route: ServerMethod?
  var sawPath = false
  /// The `:path` of a request no method matches, kept for the error message.
  var unknownPath: String?
  var methodIsPOST = false
  var sawMethod = false
  var contentTypeIsGRPC = false
  var sawContentType = false
  var timeout: Duration?
  var timeoutMalformed = false
  /// `grpc-encoding` other than identity.
  var unsupportedEncoding: String?
  var metadata = Metadata()
  var headerListSize = 0
}
