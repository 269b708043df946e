/// A message that can travel in an RPC: a value type with a binary (protobuf) encoding.
///
/// Generated contract types conform; the runtime only moves bytes and calls these two members,
/// so transports never see a message's fields and contract code never sees a socket.
public protocol RPCMessage: Sendable {
  /// Decodes a message from its protobuf encoding.
  /// - Throws: an error describing why the bytes are not a valid message of this type.
  init(serializedBytes bytes: UnsafeRawBufferPointer) throws

  /// Encodes the message in protobuf form.
  /// - Throws: when a value cannot be represented on the wire.
  func serializedBytes() throws -> [UInt8]
}

extension RPCMessage {
  /// Decodes from an array of bytes.
  public init(serializedBytes bytes: [UInt8]) throws {
    self = try bytes.withUnsafeBytes { try Self(serializedBytes: $0) }
  }
}
