import RPCCore

/// Builds the header blocks a gRPC server sends: response headers, trailers and
/// Trailers-Only responses (PROTOCOL-HTTP2 "Responses").
enum ResponseHeaders {
  static let contentType = "application/grpc"
  static let acceptEncoding = "identity"

  static let plain: HeaderBlock = HeaderBlock([
    (":status", "200"), ("content-type", contentType), ("grpc-accept-encoding", acceptEncoding),
  ])

  static let okTrailers: HeaderBlock = HeaderBlock([("grpc-status", "0")])

  /// Response headers with the handler's initial metadata.
  static func headers(initialMetadata: Metadata) -> HeaderBlock {
    if initialMetadata.isEmpty { return plain }
    var block = plain
    appendMetadata(initialMetadata, to: &block)
    return block
  }

  /// Trailers: status, percent-encoded message, trailing metadata.
  static func trailers(status: Status, metadata: Metadata) -> HeaderBlock {
    if status.code == .ok, status.message.isEmpty, metadata.isEmpty { return okTrailers }
    var block = HeaderBlock()
    appendStatus(status, to: &block)
    appendMetadata(metadata, to: &block)
    return block
  }

  /// One HEADERS frame that ends the call at once.
  static func trailersOnly(status: Status, metadata: Metadata) -> HeaderBlock {
    var block = HeaderBlock([(":status", "200"), ("content-type", contentType)])
    appendStatus(status, to: &block)
    appendMetadata(metadata, to: &block)
    return block
  }

  /// A non-200 HTTP response for requests that are not gRPC at all (wrong content-type or
  /// method), with a gRPC status too for clients that look for one.
  static func httpError(status httpStatus: Int, grpcStatus: Status) -> HeaderBlock {
    var block = HeaderBlock([(":status", "\(httpStatus)"), ("content-type", contentType)])
    appendStatus(grpcStatus, to: &block)
    return block
  }

  static func appendStatus(_ status: Status, to block: inout HeaderBlock) {
    block.add(name: "grpc-status".utf8, value: "\(status.code.rawValue)".utf8)
    if !status.message.isEmpty {
      block.add(name: "grpc-message".utf8, value: PercentEncoding.encode(status.message))
    }
  }

  /// Appends custom metadata: binary values base64-encoded without padding; keys that are
  /// invalid, reserved (`grpc-`) or whose value cannot be sent are left out.
  static func appendMetadata(_ metadata: Metadata, to block: inout HeaderBlock) {
    for (key, value) in metadata {
      guard Metadata.isValidKey(key), !key.hasPrefix("grpc-") else { continue }
      switch value {
      case .string(let text):
        guard !Metadata.isBinaryKey(key), text.utf8.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E })
        else { continue }
        block.add(name: key.utf8, value: text.utf8)
      case .binary(let bytes):
        guard Metadata.isBinaryKey(key) else { continue }
        block.add(name: key.utf8, value: Base64.encode(bytes))
      }
    }
  }
}
