internal import NIOCore

/// Reassembles length-prefixed gRPC messages from DATA frame payloads.
///
/// DATA frame boundaries are not message boundaries: one frame may hold several messages or a
/// fraction of one. Each message is a 1-byte compressed flag, a 4-byte big-endian length and
/// the payload. Lengths above the configured maximum are rejected as soon as the prefix
/// arrives, before any of the payload is buffered.
struct GRPCMessageDeframer {
  enum Failure: Error, Equatable {
    /// The announced length exceeds the limit (gRPC: RESOURCE_EXHAUSTED).
    case messageTooLarge(length: Int, limit: Int)
    /// The compressed flag is set but the call negotiated no compression (gRPC: INTERNAL).
    case compressedWithoutEncoding
    /// The flag byte is neither 0 nor 1.
    case invalidFlag(UInt8)
  }

  let maxMessageSize: Int
  private var buffer: ByteBuffer
  // Complete messages in arrival order: the first in a slot of its own (the unary case never
  // allocates a queue), the rest in `more`.
  private var first: [UInt8]?
  private var more = CircularBuffer<[UInt8]>(initialCapacity: 0)
  private var failure: Failure?
  /// Wire bytes (prefix included) of the complete messages not yet taken.
  private(set) var pendingBytes = 0

  init(maxMessageSize: Int) {
    self.maxMessageSize = maxMessageSize
    self.buffer = emptyBuffer
  }

  /// Bytes received but not yet part of a complete message.
  var bufferedBytes: Int { buffer.readableBytes }
  /// Whether a message has been started but not completed.
  var hasPartialMessage: Bool { buffer.readableBytes > 0 }

  /// Feeds received bytes; complete messages become available from ``next()``.
  mutating func append(_ bytes: UnsafeRawBufferPointer) throws(Failure) {
    if let failure { throw failure }
    if buffer.readableBytes == 0 {
      // Fast path: parse straight from the frame without staging it.
      var offset = 0
      while bytes.count - offset >= 5 {
        let length = try header(bytes, at: offset)
        guard bytes.count - offset - 5 >= length else { break }
        push(Array(bytes[(offset + 5)..<(offset + 5 + length)]))
        offset += 5 + length
      }
      if offset < bytes.count {
        buffer.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
      }
      return
    }
    buffer.writeBytes(bytes)
    try drainBuffer()
  }

  /// The next complete message, in arrival order.
  mutating func next() -> [UInt8]? {
    guard let message = first else { return nil }
    first = more.popFirst()
    pendingBytes -= 5 + message.count
    return message
  }

  var hasMessages: Bool { first != nil }
  var messageCount: Int { first == nil ? 0 : 1 + more.count }

  private mutating func push(_ message: [UInt8]) {
    pendingBytes += 5 + message.count
    if first == nil { first = message } else { more.append(message) }
  }

  private mutating func drainBuffer() throws(Failure) {
    while buffer.readableBytes >= 5 {
      let length: Int = try buffer.withUnsafeReadableBytes { (raw) throws(Failure) -> Int in
        try header(raw, at: 0)
      }
      guard buffer.readableBytes - 5 >= length else { return }
      buffer.moveReaderIndex(forwardBy: 5)
      push(buffer.readBytes(length: length)!)
    }
    if buffer.readableBytes == 0 { buffer.clear() }
  }

  private mutating func header(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(Failure)
    -> Int
  {
    let flag = bytes[offset]
    guard flag == 0 else {
      let f: Failure = flag == 1 ? .compressedWithoutEncoding : .invalidFlag(flag)
      failure = f
      throw f
    }
    let length =
      Int(bytes[offset + 1]) << 24 | Int(bytes[offset + 2]) << 16 | Int(bytes[offset + 3]) << 8
      | Int(bytes[offset + 4])
    guard length <= maxMessageSize else {
      let f = Failure.messageTooLarge(length: length, limit: maxMessageSize)
      failure = f
      throw f
    }
    return length
  }
}

/// Shared empty storage, so a stream that never buffers never allocates.
let emptyBuffer = ByteBuffer()
