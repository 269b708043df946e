internal import CContracts
internal import CProtobufC

// Copying values out of unpacked protobuf-c messages. Everything an unpacked message points to
// dies with `…__free_unpacked`, so generated decoders copy through these helpers first.

/// A Swift copy of a protobuf-c string field (`NULL` and `protobuf_c_empty_string` give "").
///
/// Callers have already validated the field on the wire (``ContractWireValidator``), so the
/// bytes are valid UTF-8 without NUL.
func contractString(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
  guard let pointer, pointer.pointee != 0 else { return "" }
  return String(cString: pointer)
}

/// A Swift copy of a protobuf-c `bytes` field.
func contractBytes(_ data: ProtobufCBinaryData) -> [UInt8] {
  guard data.len > 0, let bytes = data.data else { return [] }
  return Array(UnsafeBufferPointer(start: bytes, count: data.len))
}

/// A Swift copy of a repeated field of plain values.
func contractArray<Element>(_ pointer: UnsafeMutablePointer<Element>?, _ count: Int) -> [Element] {
  guard let pointer, count > 0 else { return [] }
  return Array(UnsafeBufferPointer(start: pointer, count: count))
}

/// A repeated field converted element by element.
func contractMap<Element, Result>(
  _ pointer: UnsafeMutablePointer<Element>?, _ count: Int, _ transform: (Element) -> Result
) -> [Result] {
  guard let pointer, count > 0 else { return [] }
  var result: [Result] = []
  result.reserveCapacity(count)
  for index in 0..<count { result.append(transform(pointer[index])) }
  return result
}

/// A repeated message field: each element copied through its generated `init(cMessage:)`.
func contractMessages<CMessage, Message: ContractMessage>(
  _ pointer: UnsafeMutablePointer<UnsafeMutablePointer<CMessage>?>?, _ count: Int,
  _ makeMessage: (UnsafeMutablePointer<CMessage>) -> Message
) -> [Message] {
  contractMap(pointer, count) { element in element.map(makeMessage) ?? Message() }
}

/// A repeated enum field: protobuf-c keeps any number, so nothing is lost.
func contractEnums<CEnum: RawRepresentable, Enum: ContractEnum>(
  _ pointer: UnsafeMutablePointer<CEnum>?, _ count: Int, _ makeEnum: (Int32) -> Enum
) -> [Enum] where CEnum.RawValue: BinaryInteger {
  contractMap(pointer, count) { makeEnum(Int32(truncatingIfNeeded: $0.rawValue)) }
}
