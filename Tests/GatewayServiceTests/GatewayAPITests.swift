import Contracts
import Foundation
import GatewayService
import ServiceKit
import Testing

/// The public API over real HTTP, in front of a real public-map service.
@Suite("Gateway API", .serialized)
struct GatewayAPITests {
  static func seeded() async throws -> GatewayHarness {
    let harness = try await GatewayHarness.start()
    try await harness.announce("100001", "St Mary's Primary", location: (53.80, -1.55))
    try await harness.announce("100002", "Leeds Grammar", phase: .secondary, location: (53.82, -1.57))
    try await harness.announce(
      "100003", "York Minster School", town: "York", postcode: "YO1 7HH", la: "816", laName: "York",
      location: (53.96, -1.08))
    try await harness.announce("100004", "Hidden Primary", listed: false)
    try await harness.announce("100005", "Somewhere Primary", location: nil)
    try await harness.level("100002", .ictMark)
    return harness
  }

  @Test("schools: JSON and GeoJSON (by format or Accept), filtered by bbox, level, phase, la, q")
  func schools() async throws {
    let gateway = try await Self.seeded()
    defer { Task { await gateway.stop() } }
    let all = try await gateway.get("/api/v1/schools")
    #expect(all.status == 200 && all.header("content-type") == "application/json")
    #expect(all.json["total"] as? Int == 4)
    let leeds = try await gateway.get("/api/v1/schools?bbox=-1.7,53.7,-1.4,53.9&level=3")
    #expect((leeds.json["schools"] as? [[String: Any]])?.map { $0["urn"] as? String } == ["100002"])
    let geo = try await gateway.get("/api/v1/schools?format=geojson&la=816")
    #expect(geo.header("content-type") == "application/geo+json")
    let features = geo.json["features"] as? [[String: Any]]
    #expect(geo.json["type"] as? String == "FeatureCollection" && features?.count == 1)
    let geometry = features?.first?["geometry"] as? [String: Any]
    #expect(geometry?["coordinates"] as? [Double] == [-1.08, 53.96])
    let accepted = try await gateway.get("/api/v1/schools?phase=secondary", headers: ["Accept": "application/geo+json"])
    #expect(accepted.header("content-type") == "application/geo+json")
    let search = try await gateway.get("/api/v1/schools?q=st%20marys")
    #expect((search.json["schools"] as? [[String: Any]])?.first?["name"] as? String == "St Mary's Primary")
    let approximate = try await gateway.get("/api/v1/schools?approximate=true")
    let school = (approximate.json["schools"] as? [[String: Any]])?.first
    #expect(school?["urn"] as? String == "100005" && school?["approximate"] as? Bool == true)
  }

  @Test("bad parameters are 400 problem+json naming the parameter: malformed, inverted, huge page, unknown")
  func badParameters() async throws {
    let gateway = try await Self.seeded()
    defer { Task { await gateway.stop() } }
    for (target, parameter) in [
      ("/api/v1/schools?bbox=1,2,3", "bbox"), ("/api/v1/schools?bbox=a,b,c,d", "bbox"),
      ("/api/v1/schools?bbox=-1,54,-2,53", "bbox"), ("/api/v1/schools?bbox=-1,54,0,53", "bbox"),
      ("/api/v1/schools?limit=100000", "limit"), ("/api/v1/schools?limit=0", "limit"),
      ("/api/v1/schools?level=7", "level"), ("/api/v1/schools?phase=college", "phase"),
      ("/api/v1/schools?la=LEEDS", "la"), ("/api/v1/schools?colour=red", "colour"),
      ("/api/v1/schools?page_token=garbage", "page_token"), ("/api/v1/clusters?bbox=-2,53,-1,54", "zoom"),
      ("/api/v1/clusters?zoom=30&bbox=-2,53,-1,54", "zoom"), ("/api/v1/clusters?zoom=5", "bbox"),
      ("/api/v1/schools/12ab", "urn"), ("/api/v1/certificates/%3Cscript%3E", "code"),
    ] {
      let response = try await gateway.get(target)
      #expect(response.status == 400, "\(target)")
      #expect(response.header("content-type") == "application/problem+json", "\(target)")
      #expect(response.json["status"] as? Int == 400)
      let names = (response.json["invalid_params"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
      #expect(names == [parameter], "\(target): \(response.text)")
    }
  }

  @Test("a school that is not public is 404, indistinguishable from an unknown one")
  func notPublic() async throws {
    let gateway = try await Self.seeded()
    defer { Task { await gateway.stop() } }
    #expect(try await gateway.get("/api/v1/schools/100001").json["name"] as? String == "St Mary's Primary")
    let hidden = try await gateway.get("/api/v1/schools/100004")
    let unknown = try await gateway.get("/api/v1/schools/999999")
    #expect(hidden.status == 404 && unknown.status == 404)
    #expect(hidden.body == unknown.body)
    #expect(hidden.header("content-type") == "application/problem+json")
  }

  @Test("clusters add up to the statistics total at every zoom; statistics per authority and for a box")
  func clustersAndStatistics() async throws {
    let gateway = try await Self.seeded()
    defer { Task { await gateway.stop() } }
    let total = try await gateway.get("/api/v1/statistics").json["total"] as? Int
    #expect(total == 4)
    for zoom in [5, 8, 11, 16] {
      let clusters = try await gateway.get("/api/v1/clusters?bbox=-6.5,49.8,2,55.9&zoom=\(zoom)").json
      let features = clusters["features"] as? [[String: Any]] ?? []
      let counted = features.reduce(0) { $0 + (($1["type"] as? String) == "cluster" ? ($1["count"] as? Int ?? 0) : 1) }
      #expect(counted == total && clusters["total"] as? Int == total, "zoom \(zoom)")
    }
    let york = try await gateway.get("/api/v1/statistics?la=816").json
    #expect(york["total"] as? Int == 1)
    let leeds = try await gateway.get("/api/v1/statistics?bbox=-1.7,53.7,-1.4,53.9").json
    #expect(leeds["total"] as? Int == 3 && leeds["approximate"] as? Int == 1)
    #expect((leeds["by_level"] as? [String: Int])?["3"] == 1)
  }

  @Test("reads carry ETag and Cache-Control, 304 on If-None-Match, gzip when accepted, CORS for any origin")
  func caching() async throws {
    let gateway = try await Self.seeded()
    defer { Task { await gateway.stop() } }
    let first = try await gateway.get("/api/v1/schools", headers: ["Origin": "https://example.org"])
    let etag = try #require(first.header("etag"))
    #expect(first.header("cache-control")?.contains("max-age") == true)
    #expect(first.header("access-control-allow-origin") == "*")
    #expect(try await gateway.get("/api/v1/schools/999999").header("access-control-allow-origin") == "*")
    let again = try await gateway.get("/api/v1/schools", headers: ["If-None-Match": etag])
    #expect(again.status == 304 && again.body.isEmpty)
    let zipped = try await gateway.get("/api/v1/schools", headers: ["Accept-Encoding": "gzip"])
    #expect(zipped.header("content-encoding") == "gzip")
    #expect(try zipped.decodedBody() == first.body)
    #expect(zipped.body.count < first.body.count)
    let preflight = try await gateway.get(
      "/api/v1/schools", headers: ["Origin": "https://example.org", "Access-Control-Request-Method": "GET"],
      method: "OPTIONS")
    #expect(preflight.header("access-control-allow-origin") == "*")
    #expect(preflight.header("access-control-allow-methods")?.contains("GET") == true)
  }

  @Test("security headers on every response: a CSP with no inline script, nosniff, no framing")
  func securityHeaders() async throws {
    let gateway = try await Self.seeded()
    defer { Task { await gateway.stop() } }
    for target in ["/", "/api/v1/schools", "/api/v1/schools/999999", "/static/app.js"] {
      let response = try await gateway.get(target)
      let csp = try #require(response.header("content-security-policy"), "\(target)")
      let script = csp.split(separator: ";").first { $0.contains("script-src") } ?? ""
      #expect(script.contains("'self'") && !script.contains("unsafe-inline"), "\(target)")
      #expect(csp.contains("default-src 'self'"))
      #expect(response.header("x-content-type-options") == "nosniff")
      #expect(response.header("x-frame-options") == "DENY")
    }
    let page = try await gateway.get("/").text
    #expect(!page.contains("<script>") && page.contains("/vendor/leaflet/leaflet.js"))
    #expect(!page.contains("http://") && !page.contains("https://"), "the page loads nothing from elsewhere")
    #expect(try await gateway.get("/vendor/leaflet/leaflet.js").status == 200)
    #expect(try await gateway.get("/vendor/leaflet/leaflet.markercluster.js").status == 200)
    #expect(try await gateway.get("/static/gb-outline.geojson").status == 200)
  }

  @Test("per-client rate limiting answers 429 with Retry-After; probes are not limited")
  func rateLimiting() async throws {
    let gateway = try await GatewayHarness.start(options: ["--rate-limit": "1", "--rate-burst": "3"])
    defer { Task { await gateway.stop() } }
    var statuses: [Int] = []
    for _ in 0..<5 { statuses.append(try await gateway.get("/api/v1/statistics").status) }
    #expect(statuses.prefix(3).allSatisfy { $0 == 200 })
    let limited = try await gateway.get("/api/v1/statistics")
    #expect(limited.status == 429)
    #expect(Int(limited.header("retry-after") ?? "") ?? 0 >= 1)
    #expect(limited.header("content-type") == "application/problem+json")
    #expect(try await gateway.get("/healthz").status == 200)
  }

  @Test("health and readiness; a stopped public-map gives 503 quickly, not a hang")
  func backendDown() async throws {
    let gateway = try await Self.seeded()
    #expect(try await gateway.get("/healthz").status == 200)
    #expect(try await gateway.get("/readyz").status == 200)
    await gateway.mapHost.shutdown(gracePeriod: .milliseconds(100))
    let start = ContinuousClock.now
    let response = try await gateway.get("/api/v1/schools?q=leeds")
    let elapsed = start.duration(to: .now)
    #expect(response.status == 503)
    #expect(response.header("retry-after") != nil)
    #expect(response.header("content-type") == "application/problem+json")
    #expect(elapsed < .seconds(3))
    #expect(try await gateway.get("/readyz").status == 503)
    #expect(try await gateway.get("/healthz").status == 200)
    await gateway.stop()
  }

  @Test("certificate verification: a malformed code is 400; accreditation down is 503")
  func certificates() async throws {
    let gateway = try await Self.seeded()
    defer { Task { await gateway.stop() } }
    #expect(try await gateway.get("/api/v1/certificates/ab").status == 400)
    #expect(try await gateway.get("/api/v1/certificates/ABCD-EFGH-JKLM").status == 503)
  }

  @Test("server-sent events: a school that commits publicly arrives as pin-added")
  func events() async throws {
    let gateway = try await Self.seeded()
    defer { Task { await gateway.stop() } }
    let socket = try HTTPExchange.connect(port: gateway.port, timeout: 10)
    defer { close(socket) }
    let request = "GET /api/v1/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n"
    _ = request.withCString { send(socket, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
    // Reads until the stream so far holds `marker`, on a thread of its own (see
    // `HTTPExchange.offCooperativePool`).
    func read(after earlier: String, until marker: String) async throws -> String {
      try await HTTPExchange.offCooperativePool {
        var received = earlier
        var buffer = [UInt8](repeating: 0, count: 65536)
        let end = Date().addingTimeInterval(10)
        while !received.contains(marker), Date() < end {
          let n = recv(socket, &buffer, buffer.count, 0)
          if n <= 0 { break }
          received += String(decoding: buffer[0..<n], as: UTF8.self)
        }
        return received
      }
    }
    var received = try await read(after: "", until: ": connected")
    #expect(received.contains("text/event-stream"))
    try await Task.sleep(for: .milliseconds(200))
    try await gateway.announce("100009", "Live New Primary", location: (53.5, -1.2))
    received = try await read(after: received, until: "Live New Primary")
    #expect(received.contains("event: pin-added"))
    #expect(received.contains("Live New Primary"))
    #expect(!received.contains("St Mary"), "only live changes, not the history")
  }

  @Test("the OpenAPI document matches the routes: every path it lists answers, and every route is listed")
  func openAPI() async throws {
    let gateway = try await Self.seeded()
    defer { Task { await gateway.stop() } }
    let response = try await gateway.get("/api/v1/openapi.json")
    #expect(response.status == 200)
    let paths = try #require(response.json["paths"] as? [String: [String: Any]])
    #expect(Set(paths.keys) == Set(MapRoutes.paths + ["/api/v1/openapi.json"]))
    for (path, operations) in paths {
      #expect(operations.keys.sorted() == ["get"], "\(path)")
      let target = path.replacingOccurrences(of: "{urn}", with: "100001").replacingOccurrences(
        of: "{code}", with: "ABCD-EFGH")
      if path == "/api/v1/events" { continue }  // a stream; tested above
      let query = path == "/api/v1/clusters" ? "?bbox=-6,50,2,55&zoom=5" : ""
      let answer = try await gateway.get(target + query)
      let documented = Set(
        ((operations["get"] as? [String: Any])?["responses"] as? [String: Any])?.keys.map { $0 } ?? [])
      #expect(documented.contains(String(answer.status)), "\(path) answered \(answer.status), documented \(documented)")
      #expect(answer.json["title"] as? String != "Not found" || path.contains("{"), "\(path) is not routed")
    }
  }

  @Test("the response cache shares identical reads and forgets them as soon as the map changes")
  func responseCache() async throws {
    let gateway = try await GatewayHarness.start(options: ["--cache-ms": "60000"])
    defer { Task { await gateway.stop() } }
    try await gateway.announce("100001", "St Mary's Primary")
    try await Task.sleep(for: .milliseconds(300))  // the cache's feed is connected
    let first = try await gateway.get("/api/v1/statistics")
    #expect(first.json["total"] as? Int == 1)
    #expect(try await gateway.get("/api/v1/statistics").body == first.body)
    try await gateway.announce("100002", "Leeds Grammar", location: (53.82, -1.57))
    var total: Int?
    for _ in 0..<50 where total != 2 {
      total = try await gateway.get("/api/v1/statistics").json["total"] as? Int
      try await Task.sleep(for: .milliseconds(20))
    }
    #expect(total == 2, "a cached answer outlived the change")
  }
}
