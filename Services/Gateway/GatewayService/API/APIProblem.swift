public import HTTPTypes
public import Hummingbird
import NIOCore
public import RPCCore

/// An error answered as an RFC 9457 problem (`application/problem+json`) naming what was wrong
/// and, for a bad parameter, which one: the gateway's one error type, mapped once to an HTTP
/// status here. A backend that is down or slow is 503, never a hang.
public struct APIProblem: Error, Sendable, HTTPResponseError {
  public var status: HTTPResponse.Status
  public var title: String
  public var detail: String
  /// The query or path parameter at fault, if any.
  public var parameter: String?
  /// Seconds to wait before retrying (429, 503).
  public var retryAfter: Int?

  public init(
    status: HTTPResponse.Status, title: String, detail: String, parameter: String? = nil, retryAfter: Int? = nil
  ) {
    self.status = status
    self.title = title
    self.detail = detail
    self.parameter = parameter
    self.retryAfter = retryAfter
  }

  /// A bad query or path parameter.
  public static func badParameter(_ name: String, _ reason: String) -> APIProblem {
    APIProblem(status: .badRequest, title: "Bad parameter", detail: "\(name): \(reason)", parameter: name)
  }

  public static let notFound = APIProblem(
    status: .notFound, title: "Not found", detail: "nothing public is at this address")

  /// What a backend's gRPC status means for the public.
  public static func from(_ error: RPCError, parameter: String? = nil) -> APIProblem {
    switch error.code {
    case .invalidArgument, .outOfRange:
      // The message names the contract's field first ("bounds: …").
      return APIProblem(status: .badRequest, title: "Bad parameter", detail: error.message, parameter: parameter)
    case .notFound: return .notFound
    case .resourceExhausted:
      return APIProblem(status: .tooManyRequests, title: "Too many requests", detail: error.message, retryAfter: 1)
    case .unavailable, .deadlineExceeded, .cancelled:
      return APIProblem(
        status: .serviceUnavailable, title: "Map service unavailable",
        detail: "the map service did not answer in time; try again shortly", retryAfter: 2)
    default:
      return APIProblem(status: .badGateway, title: "Map service error", detail: "the map service failed to answer")
    }
  }

  var body: JSONValue {
    var members: [(String, JSONValue)] = [
      ("type", "about:blank"), ("title", .string(title)), ("status", .integer(status.code)),
      ("detail", .string(detail)),
    ]
    if let parameter {
      members.append(("invalid_params", [.object([("name", .string(parameter)), ("reason", .string(detail))])]))
    }
    return .object(members)
  }

  public func response(from request: Request, context: some RequestContext) throws -> Response {
    var headers = HTTPFields()
    headers[.contentType] = "application/problem+json"
    headers[.cacheControl] = "no-store"
    headers[.accessControlAllowOrigin] = "*"
    if let retryAfter { headers[.retryAfter] = String(retryAfter) }
    let bytes = body.serialized
    return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: bytes)))
  }
}
