import Contracts
import CoreMetrics
import FoundationEssentials
import HTTPTypes
public import Hummingbird
public import Logging
import NIOCore
public import ServiceKit

/// What every response of a public web service carries: security headers (a CSP that allows
/// no inline script, no sniffing, no framing, no referrer beyond the origin) and a structured
/// access log line (method, path, status, bytes, milliseconds, client).
public struct PublicHeadersMiddleware: RouterMiddleware {
  public typealias Context = GatewayRequestContext
  let logger: Logger
  /// The tile server the page may load images from, if configured.
  let tileOrigin: String?
  /// Where requests are counted for `--metrics-port` (by route, method and status, with latency).
  let metrics: ServiceMetrics?

  public init(logger: Logger, tileOrigin: String?, metrics: ServiceMetrics? = nil) {
    self.logger = logger
    self.tileOrigin = tileOrigin
    self.metrics = metrics
  }

  var contentSecurityPolicy: String {
    let images = ["'self'", "data:"] + (tileOrigin.map { [$0] } ?? [])
    return
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src \(images.joined(separator: " ")); "
      + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
  }

  /// The path as a metrics label: the first three segments, with anything past them (a URN,
  /// a certificate code, an asset's name) as `/{…}`, so labels stay few and carry no data.
  static func route(of path: String) -> String {
    let segments = path.split(separator: "/", omittingEmptySubsequences: true)
    let kept = segments.prefix(segments.first == "api" ? 3 : 1)
    return "/" + kept.joined(separator: "/") + (segments.count > kept.count ? "/{…}" : "")
  }

  public func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    let start = ContinuousClock.now
    // A W3C traceparent from the caller is continued (a new trace starts otherwise), so the
    // calls this request makes to public-map and accreditation carry it and every log line
    // names it; the response says which trace it was.
    let trace =
      request.headers[HTTPField.Name(TraceContext.metadataKey)!].flatMap(TraceContext.init(traceparent:))?
      .child() ?? TraceContext.start()
    return try await TraceContext.$current.withValue(trace) {
      var response = try await respond(to: request, context: context, next: next, since: start)
      response.headers[HTTPField.Name(TraceContext.metadataKey)!] = trace.traceparent
      return response
    }
  }

  private func respond(
    to request: Request, context: Context, next: (Request, Context) async throws -> Response,
    since start: ContinuousClock.Instant
  ) async throws -> Response {
    var response: Response
    do {
      response = try await next(request, context)
    } catch let problem as APIProblem {
      response = try problem.response(from: request, context: context)
    } catch let error as any HTTPResponseError {
      response = try error.response(from: request, context: context)
      if error.status == .notFound {
        response = try APIProblem.notFound.response(from: request, context: context)
      }
    } catch {
      response = try APIProblem(status: .internalServerError, title: "Internal error", detail: "the gateway failed")
        .response(from: request, context: context)
    }
    response.headers[.xContentTypeOptions] = "nosniff"
    response.headers[.contentSecurityPolicy] = contentSecurityPolicy
    response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
    response.headers[HTTPField.Name("Referrer-Policy")!] = "strict-origin-when-cross-origin"
    let elapsed = start.duration(to: .now)
    let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    if let metrics {
      let route = Self.route(of: request.uri.path)
      let labels = [("method", request.method.rawValue), ("route", route)]
      metrics.counter("http_server_requests_total", labels + [("status", "\(response.status.code)")]).increment()
      metrics.timer("http_server_request_seconds", labels).recordNanoseconds(
        elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
    }
    logger.info(
      "request",
      metadata: [
        "method": "\(request.method.rawValue)", "path": "\(request.uri.path)", "status": "\(response.status.code)",
        "bytes": "\(response.body.contentLength ?? -1)", "ms": "\((milliseconds * 100).rounded() / 100)",
        "client": "\(context.clientKey)",
      ])
    return response
  }
}
