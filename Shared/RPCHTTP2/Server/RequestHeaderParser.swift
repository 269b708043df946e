import RPCCore

/// Interprets request header fields as they arrive, without allocating for the ones gRPC
/// itself consumes; everything else becomes call metadata.
enum RequestHeaderParser {
  static func accept(
    name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, into head: inout RequestHead,
    limit: Int, routes: RouteTable
  ) {
    head.headerListSize += name.count + value.count + 32
    guard head.headerListSize <= limit, let first = name.first else { return }
    if first == UInt8(ascii: ":") {
      if name.equals(":path") {
        head.sawPath = true
        head.route = routes.method(forPath: value)
        if head.route == nil { head.unknownPath = String(decoding: value, as: UTF8.self) }
      } else if name.equals(":method") {
        head.sawMethod = true
        head.methodIsPOST = value.equals("POST")
      }
      return
    }
    if name.equals("content-type") {
      head.sawContentType = true
      head.contentTypeIsGRPC = isGRPCContentType(value)
      return
    }
    if name.count > 5, name[0] == UInt8(ascii: "g"), name[1] == UInt8(ascii: "r"),
      name[2] == UInt8(ascii: "p"), name[3] == UInt8(ascii: "c"), name[4] == UInt8(ascii: "-")
    {
      if name.equals("grpc-timeout") {
        if let timeout = GRPCTimeout.parse(value) {
          head.timeout = timeout
        } else {
          head.timeoutMalformed = true
        }
      } else if name.equals("grpc-encoding") {
        if !value.equals("identity") {
          head.unsupportedEncoding = String(decoding: value, as: UTF8.self)
        }
      }
      // Other reserved grpc-* headers (grpc-accept-encoding, grpc-message-type, …) are
      // protocol fields, not metadata.
      return
    }
    if name.equals("te") || name.equals("content-length") { return }
    let key = String(decoding: name, as: UTF8.self)
    if Metadata.isBinaryKey(key) {
      // Duplicate keys may arrive joined with ","; each part is base64, padded or not.
      for part in value.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
        let trimmed = part.drop(while: { $0 == UInt8(ascii: " ") })
        if let bytes = Base64.decode(trimmed) {
          head.metadata.append(lowercasedKey: key, .binary(bytes))
        }
      }
    } else {
      head.metadata.append(lowercasedKey: key, .string(String(decoding: value, as: UTF8.self)))
    }
  }

  /// `application/grpc`, optionally followed by `+subtype` or `;parameters`.
  static func isGRPCContentType(_ value: UnsafeRawBufferPointer) -> Bool {
    let prefix = "application/grpc".utf8
    guard value.count >= prefix.count,
      UnsafeRawBufferPointer(rebasing: value[..<prefix.count]).equals("application/grpc")
    else { return false }
    if value.count == prefix.count { return true }
    let next = value[prefix.count]
    return next == UInt8(ascii: "+") || next == UInt8(ascii: ";")
  }
}

extension UnsafeRawBufferPointer {
  @inline(__always)
  func equals(_ literal: StaticString) -> Bool {
    guard count == literal.utf8CodeUnitCount else { return false }
    guard count > 0 else { return true }
    let other = literal.utf8Start
    for i in 0..<count where self[i] != other[i] { return false }
    return true
  }
}
