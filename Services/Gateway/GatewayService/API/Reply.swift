import CompressNIO
public import HTTPTypes
public import Hummingbird
public import NIOCore

/// A whole successful read, answered the way a public web service should: a strong ETag from
/// the body's FNV-1a digest (304 when `If-None-Match` names it), Cache-Control, CORS for reads
/// (any origin; nothing here is private), and gzip when the client accepts it and the body is
/// worth it.
public enum Reply {
  static func etag(of bytes: some Collection<UInt8>) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash &*= 0x0000_0100_0000_01B3
    }
    let hex = String(hash, radix: 16)
    return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
  }

  /// JSON (or another type) with caching headers.
  public static func json(
    _ value: JSONValue, to request: Request, contentType: String = "application/json",
    cacheControl: String = "public, max-age=10"
  ) -> Response {
    bytes(Array(value.serialized.utf8), to: request, contentType: contentType, cacheControl: cacheControl)
  }

  /// Any body with caching headers.
  public static func bytes(
    _ body: [UInt8], to request: Request, contentType: String, cacheControl: String, etag known: String? = nil
  ) -> Response {
    buffer(
      ByteBuffer(bytes: body), to: request, contentType: contentType, cacheControl: cacheControl,
      etag: known ?? etag(of: body))
  }

  /// A body already in a buffer (a kept answer, sent without copying) with caching headers.
  static func buffer(
    _ buffer: ByteBuffer, to request: Request, contentType: String, cacheControl: String, etag: String
  ) -> Response {
    var headers = HTTPFields()
    headers[.eTag] = etag
    headers[.cacheControl] = cacheControl
    headers[.vary] = "Accept, Accept-Encoding"
    headers[.accessControlAllowOrigin] = "*"
    headers[.accessControlExposeHeaders] = "ETag, Retry-After"
    if let match = request.headers[.ifNoneMatch],
      match == "*" || match.split(separator: ",").contains(where: { String($0).trimmingSpaces == etag })
    {
      return Response(status: .notModified, headers: headers, body: ResponseBody())
    }
    headers[.contentType] = contentType
    var buffer = buffer
    if buffer.readableBytes >= 1024, let accepted = request.headers[.acceptEncoding], accepted.contains("gzip"),
      let compressed = try? buffer.compress(with: .gzip())
    {
      headers[.contentEncoding] = "gzip"
      return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: compressed))
    }
    return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: buffer))
  }

  /// JSON that must not be cached (probes).
  public static func uncached(_ value: JSONValue) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = "application/json"
    headers[.cacheControl] = "no-store"
    return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: value.serialized)))
  }
}
