/// Response (or request) messages waiting to be sent, framed lazily: the 5-byte prefix and the
/// payload are copied straight into the DATA frame nghttp2 is building, so a message is never
/// staged in an intermediate buffer.
struct GRPCMessageQueue {
  private var messages: [[UInt8]] = []
  private var head = 0
  /// Bytes of the head message already written, prefix included.
  private var offset = 0
  /// Framed bytes (prefix + payload) not yet written.
  private(set) var bufferedBytes = 0

  var isEmpty: Bool { bufferedBytes == 0 }

  mutating func append(_ message: [UInt8]) {
    messages.append(message)
    bufferedBytes += 5 + message.count
  }

  mutating func removeAll() {
    messages.removeAll()
    head = 0
    offset = 0
    bufferedBytes = 0
  }

  /// Copies as many framed bytes as fit; returns how many were written.
  mutating func write(into buffer: UnsafeMutableRawBufferPointer) -> Int {
    var written = 0
    while written < buffer.count, head < messages.count {
      let message = messages[head]
      if offset < 5 {
        let prefix: (UInt8, UInt8, UInt8, UInt8, UInt8) = (
          0, UInt8(truncatingIfNeeded: message.count >> 24),
          UInt8(truncatingIfNeeded: message.count >> 16),
          UInt8(truncatingIfNeeded: message.count >> 8), UInt8(truncatingIfNeeded: message.count)
        )
        withUnsafeBytes(of: prefix) { p in
          let n = min(5 - offset, buffer.count - written)
          (buffer.baseAddress! + written).copyMemory(from: p.baseAddress! + offset, byteCount: n)
          written += n
          offset += n
        }
        if offset < 5 { break }
      }
      let done = offset - 5
      let n = min(message.count - done, buffer.count - written)
      if n > 0 {
        message.withUnsafeBytes { m in
          (buffer.baseAddress! + written).copyMemory(from: m.baseAddress! + done, byteCount: n)
        }
        written += n
        offset += n
      }
      if offset - 5 == message.count {
        head += 1
        offset = 0
      } else {
        break
      }
    }
    bufferedBytes -= written
    if head == messages.count {
      messages.removeAll(keepingCapacity: true)
      head = 0
    } else if head > 64 {
      messages.removeFirst(head)
      head = 0
    }
    return written
  }
}
