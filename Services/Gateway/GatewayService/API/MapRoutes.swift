import CharterValues
public import Contracts
import FoundationEssentials
import HTTPTypes
public import Hummingbird
import NIOCore
import RPCCore

/// The versioned JSON API (`/api/v1/…`), health probes and the live event stream: each route
/// reads its parameters with ``MapQuery``, calls the backend and writes ``MapJSON`` through
/// ``Reply`` (ETag, Cache-Control, CORS, gzip).
public struct MapRoutes: Sendable {
  let backend: MapBackend
  let cache: ResponseCache

  public init(backend: MapBackend, cache: ResponseCache = ResponseCache(lifetime: .zero)) {
    self.backend = backend
    self.cache = cache
  }

  /// A read answered from the response cache when it holds this exact request, else computed
  /// (and kept, when no change came in between).
  func cached(
    _ request: Request, variant: String = "", contentType: String = "application/json",
    cacheControl: String = "public, max-age=10", _ compute: () async throws -> JSONValue
  ) async throws -> Response {
    guard cache.isEnabled else {
      return Reply.json(try await compute(), to: request, contentType: contentType, cacheControl: cacheControl)
    }
    let entry = try await cache.answer("\(request.uri)|\(variant)") {
      let bytes = Array(try await compute().serialized.utf8)
      return (ByteBuffer(bytes: bytes), contentType, Reply.etag(of: bytes))
    }
    return Reply.buffer(
      entry.body, to: request, contentType: entry.contentType, cacheControl: cacheControl, etag: entry.etag)
  }

  /// Every path this type routes (the OpenAPI document must list exactly these, plus itself).
  public static let paths = [
    "/healthz", "/readyz", "/api/v1/schools", "/api/v1/schools/{urn}", "/api/v1/clusters", "/api/v1/statistics",
    "/api/v1/certificates/{code}", "/api/v1/events",
  ]

  static func parameters(_ request: Request) -> [(String, String)] {
    var seen: [String: Int] = [:]
    var result: [(String, String)] = []
    for (name, value) in request.uri.queryParameters {
      let (name, value) = (String(name), String(value))
      if let index = seen[name] {
        result[index].1 += "," + value
      } else {
        seen[name] = result.count
        result.append((name, value))
      }
    }
    return result
  }

  /// Whether the client asked for GeoJSON by `Accept`.
  static func acceptsGeoJSON(_ request: Request) -> Bool {
    request.headers[.accept]?.contains("application/geo+json") ?? false
  }

  public func add(to router: Router<GatewayRequestContext>) {
    router.get("/healthz") { _, _ in
      Reply.uncached(.object([("status", "ok")]))
    }
    router.get("/readyz") { _, _ -> Response in
      guard await backend.publicMapIsReady() else {
        throw APIProblem(
          status: .serviceUnavailable, title: "Not ready", detail: "the map service does not answer", retryAfter: 2)
      }
      return Reply.uncached(.object([("status", "ready")]))
    }
    router.get("/api/v1/schools") { request, _ in try await schools(request) }
    router.get("/api/v1/schools/{urn}") { request, context in
      let urn = context.parameters.get("urn") ?? ""
      guard urn.count == 6, urn.allSatisfy(\.isASCII), urn.allSatisfy(\.isNumber) else {
        throw APIProblem.badParameter("urn", "must be six digits")
      }
      return try await cached(request) {
        MapJSON.school(
          try await backend.call(parameter: "urn") {
            try await backend.publicMap.getMapSchool(.init(urn: urn), options: $0)
          })
      }
    }
    router.get("/api/v1/clusters") { request, _ in
      let query = try MapQuery(
        Self.parameters(request), allowed: ["bbox", "zoom", "level", "phase", "la", "approximate"])
      guard let zoom = query.zoom else { throw APIProblem.badParameter("zoom", "is required (0 to 20)") }
      guard let bounds = query.bounds else {
        throw APIProblem.badParameter("bbox", "is required: west,south,east,north")
      }
      return try await cached(request) {
        let clusters = try await backend.call(parameter: "bbox") {
          try await backend.publicMap.getMapClusters(
            .init(
              bounds: bounds, zoom: zoom, levels: query.levels, phases: query.phases,
              localAuthorityCodes: query.localAuthorityCodes, placement: query.placement), options: $0)
        }
        return MapJSON.clusters(clusters)
      }
    }
    router.get("/api/v1/statistics") { request, _ in
      let query = try MapQuery(Self.parameters(request), allowed: ["la", "bbox"])
      guard query.localAuthorityCodes.count <= 1 else { throw APIProblem.badParameter("la", "takes one authority") }
      return try await cached(request) {
        let statistics = try await backend.call(parameter: "bbox") {
          try await backend.publicMap.getMapStatistics(
            .init(localAuthorityCode: query.localAuthorityCodes.first ?? "", bounds: query.bounds), options: $0)
        }
        return MapJSON.statistics(statistics)
      }
    }
    router.get("/api/v1/certificates/{code}") { request, context in
      let code = context.parameters.get("code") ?? ""
      guard (4...40).contains(code.count), code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
      else { throw APIProblem.badParameter("code", "is not a certificate verification code") }
      let verification = try await backend.call(parameter: "code") {
        try await backend.accreditation.verifyCertificate(.init(verificationCode: code), options: $0)
      }
      guard verification.status != .unknown else { throw APIProblem.notFound }
      return Reply.json(Self.certificate(verification), to: request, cacheControl: "public, max-age=60")
    }
    router.get("/api/v1/events") { request, _ in try events(request) }
  }

  func schools(_ request: Request) async throws -> Response {
    var query = try MapQuery(
      Self.parameters(request),
      allowed: ["bbox", "level", "phase", "la", "q", "approximate", "limit", "page_token", "format"])
    if !Self.parameters(request).contains(where: { $0.0 == "format" }), Self.acceptsGeoJSON(request) {
      query.geoJSON = true
    }
    let contentType = query.geoJSON ? "application/geo+json" : "application/json"
    return try await cached(request, variant: contentType, contentType: contentType) {
      let found = try await backend.call(parameter: "page_token") {
        try await backend.publicMap.searchMapSchools(
          .init(
            bounds: query.bounds, query: query.text, levels: query.levels, phases: query.phases,
            localAuthorityCodes: query.localAuthorityCodes, pageSize: query.limit, pageToken: query.pageToken,
            placement: query.placement), options: $0)
      }
      return MapJSON.page(found, geoJSON: query.geoJSON)
    }
  }

  static func certificate(_ verification: Accreditation.CertificateVerification) -> JSONValue {
    let status: String
    switch verification.status {
    case .valid: status = "valid"
    case .expired: status = "expired"
    case .revoked: status = "revoked"
    case .invalid: status = "invalid"
    default: status = "unknown"
    }
    let facts = verification.facts ?? .init()
    return .object([
      ("status", .string(status)), ("certificate_number", .string(facts.certificateNumber)),
      ("school_urn", .string(facts.schoolUrn)), ("school_name", .string(facts.schoolName)),
      ("level", MapJSON.level(facts.level)), ("title", .string(facts.title)),
      ("issued_at", facts.issuedAt.map { .string($0.rfc3339) } ?? .null),
      ("valid_until", facts.validUntil.map { .string($0.rfc3339) } ?? .null), ("year", .integer(Int(facts.year))),
      ("signing_key_id", .string(verification.signingKeyId)),
      ("signature", .string(Base64URL.encode(verification.signature))),
    ])
  }

  /// Server-sent events of pin changes, from public-map's feed: only live changes, or those
  /// after `Last-Event-ID` when the browser reconnects. The stream ends after ten minutes (its
  /// deadline); EventSource reconnects where it left off.
  func events(_ request: Request) throws -> Response {
    let after = request.headers[HTTPField.Name("Last-Event-ID")!].flatMap { Int64($0) }
    guard after.map({ $0 >= 0 }) ?? true else { throw APIProblem.badParameter("Last-Event-ID", "must be a sequence") }
    let publicMap = backend.publicMap
    let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream(bufferingPolicy: .bufferingNewest(1000))
    let feed = Task {
      continuation.yield(ByteBuffer(string: "retry: 2000\n: connected\n\n"))
      do {
        try await publicMap.streamEvents(
          .init(afterSequence: after ?? 0, fromHead: after == nil), options: CallOptions(timeout: .seconds(600))
        ) { events in
          for try await event in events {
            guard let (name, data) = MapJSON.event(event) else { continue }
            continuation.yield(
              ByteBuffer(string: "id: \(event.sequence)\nevent: \(name)\ndata: \(data.serialized)\n\n"))
          }
        }
      } catch {}
      continuation.finish()
    }
    continuation.onTermination = { _ in feed.cancel() }
    var headers = HTTPFields()
    headers[.contentType] = "text/event-stream"
    headers[.cacheControl] = "no-store"
    headers[.accessControlAllowOrigin] = "*"
    return Response(status: .ok, headers: headers, body: ResponseBody(asyncSequence: stream))
  }
}
