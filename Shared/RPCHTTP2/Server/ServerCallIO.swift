internal import NIOCore
import RPCCore

/// A handler's view of the request messages of a client- or bidirectional-streaming call.
/// Messages are taken from the stream on its event loop; taking one reopens the flow-control
/// window by its size.
final class ServerRequestSource: InboundMessageSource {
  let connection: NIOLoopBound<ServerConnectionHandler>
  let streamID: Int32

  init(connection: NIOLoopBound<ServerConnectionHandler>, streamID: Int32) {
    self.connection = connection
    self.streamID = streamID
  }

  func nextMessage() async throws -> [UInt8]? {
    let loop = connection.eventLoop
    if loop.inEventLoop {
      switch connection.value.pollInbound(streamID: streamID) {
      case .message(let m): return m
      case .end: return nil
      case .failed(let e): throw e
      case .wait: break
      }
    }
    let connection = self.connection
    let id = streamID
    return try await withCheckedThrowingContinuation { continuation in
      if loop.inEventLoop {
        connection.value.waitForInbound(streamID: id, continuation)
      } else {
        loop.execute { connection.value.waitForInbound(streamID: id, continuation) }
      }
    }
  }
}

/// A handler's way to send response messages. `writeMessage` suspends while the stream's
/// outbound buffer is above its high watermark, until it drains below half of it.
final class ServerResponseSink: OutboundMessageSink {
  let connection: NIOLoopBound<ServerConnectionHandler>
  let streamID: Int32

  init(connection: NIOLoopBound<ServerConnectionHandler>, streamID: Int32) {
    self.connection = connection
    self.streamID = streamID
  }

  func writeMessage(_ bytes: [UInt8]) async throws {
    let loop = connection.eventLoop
    let connection = self.connection
    let id = streamID
    if loop.inEventLoop {
      switch connection.value.enqueueResponse(streamID: id, bytes) {
      case .accepted: return
      case .failed(let e): throw e
      case .full: break
      }
    } else {
      let result = try await loop.submit { () -> Bool in
        switch connection.value.enqueueResponse(streamID: id, bytes) {
        case .accepted: return false
        case .full: return true
        case .failed(let e): throw e
        }
      }.get()
      if !result { return }
    }
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
      if loop.inEventLoop {
        connection.value.waitForRoom(streamID: id, continuation)
      } else {
        loop.execute { connection.value.waitForRoom(streamID: id, continuation) }
      }
    }
  }
}
