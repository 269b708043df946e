import Testing

@testable import RPCHTTP2

@Suite("gRPC message framing")
struct GRPCMessageFramingTests {
  static func framed(_ payloads: [[UInt8]]) -> [UInt8] {
    var queue = GRPCMessageQueue()
    for p in payloads { queue.append(p) }
    var out = [UInt8](repeating: 0, count: queue.bufferedBytes)
    let n = out.withUnsafeMutableBytes { queue.write(into: $0) }
    #expect(n == out.count && queue.isEmpty)
    return out
  }

  @Test("a frame is a zero flag, a big-endian length and the payload")
  func prefix() {
    #expect(Self.framed([[0xAA, 0xBB]]) == [0, 0, 0, 0, 2, 0xAA, 0xBB])
    #expect(Self.framed([[]]) == [0, 0, 0, 0, 0])
    #expect(Array(Self.framed([Array(repeating: 1, count: 70000)]).prefix(5)) == [0, 0, 1, 0x11, 0x70])
  }

  @Test(
    "messages are reassembled whatever the DATA frame boundaries",
    arguments: [1, 2, 3, 4, 5, 6, 7, 11, 64, 1000])
  func reassembles(chunk: Int) throws {
    let payloads: [[UInt8]] = [[1, 2, 3], [], Array(repeating: 9, count: 300), [4]]
    let wire = Self.framed(payloads)
    var deframer = GRPCMessageDeframer(maxMessageSize: 1 << 20)
    var received: [[UInt8]] = []
    var offset = 0
    while offset < wire.count {
      let end = min(offset + chunk, wire.count)
      try wire[offset..<end].withUnsafeBytes { try deframer.append($0) }
      while let m = deframer.next() { received.append(m) }
      offset = end
    }
    #expect(received == payloads)
    #expect(!deframer.hasPartialMessage)
    #expect(deframer.pendingBytes == 0)
  }

  @Test("a length over the limit is rejected as soon as the prefix arrives")
  func tooLarge() {
    var deframer = GRPCMessageDeframer(maxMessageSize: 100)
    #expect(throws: GRPCMessageDeframer.Failure.messageTooLarge(length: 101, limit: 100)) {
      try [UInt8]([0, 0, 0, 0, 101]).withUnsafeBytes { try deframer.append($0) }
    }
  }

  @Test("the compressed flag without an encoding is rejected")
  func compressedFlag() {
    var deframer = GRPCMessageDeframer(maxMessageSize: 100)
    #expect(throws: GRPCMessageDeframer.Failure.compressedWithoutEncoding) {
      try [UInt8]([1, 0, 0, 0, 1, 7]).withUnsafeBytes { try deframer.append($0) }
    }
  }

  @Test("pending bytes count complete messages not yet taken, prefixes included")
  func pendingBytes() throws {
    var deframer = GRPCMessageDeframer(maxMessageSize: 100)
    try Self.framed([[1, 2], [3]]).withUnsafeBytes { try deframer.append($0) }
    #expect(deframer.messageCount == 2)
    #expect(deframer.pendingBytes == 13)
    _ = deframer.next()
    #expect(deframer.pendingBytes == 6)
  }

  @Test("a queue writes into frames of any size without losing bytes")
  func queueSplits() {
    var queue = GRPCMessageQueue()
    let payloads: [[UInt8]] = [Array(0..<50), [], Array(repeating: 3, count: 17)]
    for p in payloads { queue.append(p) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 3)
    while !queue.isEmpty {
      let n = chunk.withUnsafeMutableBytes { queue.write(into: $0) }
      out += chunk[..<n]
    }
    #expect(out == Self.framed(payloads))
  }
}
