internal import NIOCore
import RPCCore

/// A streaming call as ``RPCClient`` sees it, bridged onto the connection's event loop.
final class HTTP2ClientStreamCall: ClientStreamCall {
  let connection: ClientConnection
  /// Only touched on the connection's loop.
  private let stream: UnsafeTransfer<ClientStream>

  init(connection: ClientConnection, stream: ClientStream) {
    self.connection = connection
    self.stream = UnsafeTransfer(stream)
  }

  private var loop: any EventLoop { connection.eventLoop }

  func send(_ message: [UInt8]) async throws {
    let stream = self.stream
    let full: Bool = try await connection.submit { handler in
      handler.enqueueRequest(stream.value, message)
    }.get()
    guard full else { return }
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
      connection.run { $0.waitForRoom(stream.value, continuation) }
    }
  }

  func closeSending() async throws {
    let stream = self.stream
    connection.run { $0.closeRequest(stream.value) }
  }

  func initialMetadata() async throws -> Metadata {
    let stream = self.stream
    return try await withCheckedThrowingContinuation { continuation in
      connection.run { _ in
        let s = stream.value
        if let initial = s.initialMetadata {
          continuation.resume(returning: initial)
        } else if let outcome = s.outcome {
          if outcome.status.code == .ok {
            continuation.resume(returning: [:])
          } else {
            continuation.resume(throwing: RPCError(status: outcome.status, metadata: outcome.trailers))
          }
        } else {
          s.headerWaiters.append(continuation)
        }
      }
    }
  }

  func receive() async throws -> [UInt8]? {
    let stream = self.stream
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        connection.run { handler in
          let s = stream.value
          switch handler.pollMessage(s) {
          case .message(let m): continuation.resume(returning: m)
          case .end: continuation.resume(returning: nil)
          case .failed(let e): continuation.resume(throwing: e)
          case .wait:
            if s.messageWaiter != nil {
              continuation.resume(
                throwing: RPCError(code: .internalError, message: "concurrent receive on one call"))
            } else {
              s.messageWaiter = continuation
            }
          }
        }
      }
    } onCancel: {
      self.cancel()
    }
  }

  func trailingMetadata() async -> Metadata {
    let stream = self.stream
    return await withCheckedContinuation { continuation in
      connection.run { _ in
        if let outcome = stream.value.outcome {
          continuation.resume(returning: outcome.trailers)
        } else {
          stream.value.endWaiters.append(continuation)
        }
      }
    }
  }

  func cancel() {
    let stream = self.stream
    connection.run { $0.cancel(streamID: stream.value.id) }
  }
}
