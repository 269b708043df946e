internal import CContracts
internal import CProtobufC

/// Checks the string fields of an encoded message on the wire, before its protobuf-c copy is
/// trusted.
///
/// protobuf-c 1.4 hands strings over as NUL-terminated `char *` and validates nothing: an
/// embedded NUL silently truncates the string and invalid UTF-8 would reach `String`, which
/// repairs it to U+FFFD. Both would turn bad input into a different, plausible value. So the
/// generated decoder of every message type that contains strings (directly or in nested
/// messages) runs this walker over the same bytes protobuf-c just accepted:
/// - it reads tags and skips values by wire type, like any protobuf parser;
/// - it looks each field number up in the protobuf-c message descriptor (the generated
///   `…__descriptor`); unknown numbers are skipped, as protobuf-c skips them;
/// - for a `string` field it checks the payload is well-formed UTF-8 (no overlong forms, no
///   surrogates, nothing above U+10FFFF) without a 0x00 byte;
/// - for a message field it recurses with that message's descriptor.
/// The first bad string is reported as a ``ContractDecodingError`` naming its field path.
enum ContractWireValidator {
  /// Validates every string field in `bytes`, an encoding of the message `descriptor` describes.
  /// - Throws: ``ContractDecodingError`` (`invalidUTF8`, `nulInString`, or `malformed` for
  ///   bytes that are not protobuf at all).
  static func validateStrings(
    in bytes: UnsafeRawBufferPointer,
    descriptor: UnsafePointer<ProtobufCMessageDescriptor>!,
    messageName: String
  ) throws(ContractDecodingError) {
    guard let descriptor, let base = bytes.baseAddress, bytes.count > 0 else { return }
    let start = base.assumingMemoryBound(to: UInt8.self)
    do {
      try walk(start, start + bytes.count, descriptor, depth: 0)
    } catch {
      switch error {
      case .malformed:
        throw ContractDecodingError.malformed(messageName)
      case .badString(let reason, let path):
        throw ContractDecodingError(
          reason: reason, messageType: messageName,
          fieldPath: path.reversed().joined(separator: "."))
      }
    }
  }

  private enum WalkError: Error {
    case malformed
    /// The path is innermost field first (appended while unwinding).
    case badString(ContractDecodingError.Reason, path: [String])
  }

  /// Contract messages are not recursive, so real nesting is shallow; this bounds the walk
  /// even if a descriptor cycle were ever introduced.
  private static let maximumDepth = 100

  private static func walk(
    _ start: UnsafePointer<UInt8>,
    _ end: UnsafePointer<UInt8>,
    _ descriptor: UnsafePointer<ProtobufCMessageDescriptor>,
    depth: Int
  ) throws(WalkError) {
    guard depth < maximumDepth else { throw .malformed }
    var cursor = start
    while cursor < end {
      let key = try readVarint(&cursor, end)
      let number = key >> 3
      switch key & 7 {
      case 0:
        _ = try readVarint(&cursor, end)
      case 1:
        guard end - cursor >= 8 else { throw .malformed }
        cursor += 8
      case 5:
        guard end - cursor >= 4 else { throw .malformed }
        cursor += 4
      case 2:
        let length = try readVarint(&cursor, end)
        guard length <= UInt64(end - cursor) else { throw .malformed }
        let payloadEnd = cursor + Int(length)
        if number > 0, number <= UInt64(UInt32.max),
          let field = protobuf_c_message_descriptor_get_field(descriptor, UInt32(number))
        {
          if field.pointee.type == PROTOBUF_C_TYPE_STRING {
            if let reason = checkString(cursor, payloadEnd) {
              throw .badString(reason, path: [String(cString: field.pointee.name)])
            }
          } else if field.pointee.type == PROTOBUF_C_TYPE_MESSAGE,
            let nested = field.pointee.descriptor
          {
            do {
              try walk(
                cursor, payloadEnd,
                nested.assumingMemoryBound(to: ProtobufCMessageDescriptor.self),
                depth: depth + 1)
            } catch {
              if case .badString(let reason, var path) = error {
                path.append(String(cString: field.pointee.name))
                throw .badString(reason, path: path)
              }
              throw error
            }
          }
        }
        cursor = payloadEnd
      default:
        // Groups (3, 4) are not supported by protobuf-c; 6 and 7 do not exist.
        throw .malformed
      }
    }
  }

  @inline(__always)
  private static func readVarint(
    _ cursor: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>
  ) throws(WalkError) -> UInt64 {
    // Fast path: tags and lengths below 128 are one byte.
    if cursor < end, cursor.pointee < 0x80 {
      defer { cursor += 1 }
      return UInt64(cursor.pointee)
    }
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while cursor < end {
      let byte = cursor.pointee
      cursor += 1
      result |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { return result }
      shift += 7
      if shift >= 70 { throw .malformed }
    }
    throw .malformed
  }

  /// `nil` when `[start, end)` is valid UTF-8 without NUL; otherwise why it is not.
  static func checkString(
    _ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>
  ) -> ContractDecodingError.Reason? {
    var cursor = start
    while cursor < end {
      // Fast path: eight ASCII bytes, none of them zero.
      if end - cursor >= 8 {
        let word = UnsafeRawPointer(cursor).loadUnaligned(as: UInt64.self)
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let hasZero = (word &- 0x0101_0101_0101_0101) & ~word & highBits
        if word & highBits == 0 && hasZero == 0 {
          cursor += 8
          continue
        }
      }
      let lead = cursor.pointee
      if lead < 0x80 {
        if lead == 0 { return .nulInString }
        cursor += 1
        continue
      }
      let count: Int
      var lower: UInt8 = 0x80
      var upper: UInt8 = 0xBF
      switch lead {
      case 0xC2...0xDF: count = 1
      case 0xE0:
        count = 2
        lower = 0xA0  // no overlong three-byte forms
      case 0xE1...0xEC, 0xEE...0xEF: count = 2
      case 0xED:
        count = 2
        upper = 0x9F  // no UTF-16 surrogates
      case 0xF0:
        count = 3
        lower = 0x90  // no overlong four-byte forms
      case 0xF1...0xF3: count = 3
      case 0xF4:
        count = 3
        upper = 0x8F  // nothing above U+10FFFF
      default: return .invalidUTF8
      }
      guard end - cursor > count else { return .invalidUTF8 }
      let second = cursor[1]
      guard second >= lower && second <= upper else { return .invalidUTF8 }
      for offset in 2..<(count + 1) where cursor[offset] & 0xC0 != 0x80 {
        return .invalidUTF8
      }
      cursor += count + 1
    }
    return nil
  }
}
