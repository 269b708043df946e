import Contracts
import Foundation
import Identity
import RPCCore
import RPCHTTP2
import TestSupport
import Testing

/// The real executables together: registry, accreditation, public-map and the gateway, with
/// demo schools; then a stock Python grpcio client of public-map and the map page in a real
/// headless Chromium (Selenium), which also saves screenshots.
@Suite("The map system as processes", .serialized)
struct MapSystemTests {
  static let adminPassword = "map system admin password"
  static let cities: [(String, String, String, Double, Double)] = [
    ("Leeds", "383", "LS1 4AP", 53.800, -1.549), ("York", "816", "YO1 7HH", 53.959, -1.082),
    ("Bristol", "801", "BS1 5TR", 51.454, -2.588), ("Norwich", "926", "NR1 3JU", 52.630, 1.297),
  ]

  /// Starts a `charter-*` executable on a free port; returns it with its port.
  static func start(_ name: String, _ arguments: [String], environment extra: [String: String] = [:]) async throws
    -> (ChildProcess, Int)
  {
    let executable = ChildProcess.buildProducts.appendingPathComponent(name).path
    var environment = ProcessInfo.processInfo.environment
    environment.merge(extra) { $1 }
    let process = try ChildProcess(
      executable, ["--port", "0", "--log-level", "info"] + arguments, environment: environment)
    let port = await process.waitForOutput { _, err in
      err.split(separator: "\n").first { $0.contains("\"message\":\"\(name) serving\"") }
        .flatMap { line in line.range(of: "\"port\":\"").map { line[$0.upperBound...].prefix { $0.isNumber } } }
        .flatMap { Int($0) }
    }
    guard let port else {
      await process.stop()
      throw TestFailure("\(name) did not start: \(process.stderr.suffix(2000))")
    }
    return (process, port)
  }

  @Test("grpcio reads public-map; the map page in headless Chromium: clusters, pins, popup, filter, search, live")
  func system() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("map-system-\(UUID())").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    var processes: [ChildProcess] = []
    defer {
      let all = processes
      Task { for process in all.reversed() { await process.stop() } }
    }
    let (registry, registryPort) = try await Self.start(
      "charter-registry", ["--data-dir", directory + "/registry", "--bootstrap-admin-email", "admin@map.test"],
      environment: ["BOOTSTRAP_ADMIN_PASSWORD": Self.adminPassword])
    processes.append(registry)
    let registryTransport = HTTP2ClientTransport(host: "127.0.0.1", port: registryPort)
    let adminToken = try await Registry.Client(RPCClient(transport: registryTransport))
      .signIn(.init(email: "admin@map.test", password: Self.adminPassword)).token
    let auth: [any ClientInterceptor] = [BearerTokenInterceptor { adminToken }]
    let admin = Registry.Client(RPCClient(transport: registryTransport, interceptors: auth))
    func tokenFile(_ service: String) async throws -> String {
      let token = try await admin.issueServiceToken(.init(serviceName: service)).token
      let file = directory + "/\(service).token"
      try Data(token.utf8).write(to: URL(fileURLWithPath: file))
      return file
    }
    let registryAddress = "127.0.0.1:\(registryPort)"
    let (accreditation, accreditationPort) = try await Self.start(
      "charter-accreditation",
      [
        "--data-dir", directory + "/accreditation", "--registry-addr", registryAddress, "--self-review-addr",
        "127.0.0.1:1", "--evaluation-addr", "127.0.0.1:1", "--service-token-file", try await tokenFile("accreditation"),
      ])
    processes.append(accreditation)

    // Demo schools: four cities, a St Mary's, one without a location, one not listed.
    var expected = 0
    for (city, la, postcode, lat, lon) in Self.cities {
      for index in 0..<30 {
        let urn = String(800_000 + Int(la)! * 100 + index)
        let name = index == 0 && city == "Leeds" ? "St Mary's Catholic Primary" : "\(city) School \(index + 1)"
        _ = try await admin.registerSchool(
          .init(
            urn: urn, name: name,
            address: Common.PostalAddress(lines: ["\(index) High Street"], town: city, postcode: postcode),
            phase: index % 3 == 0 ? .secondary : .primary, localAuthority: Common.LocalAuthority(code: la, name: city),
            numberOnRoll: 200,
            location: Common.GeoPoint(
              latitude: lat + Double(index % 6) * 0.004, longitude: lon + Double(index / 6) * 0.005),
            commitToCharter: true, publiclyListed: true))
        expected += 1
      }
    }
    _ = try await admin.registerSchool(
      .init(
        urn: "899001", name: "Approximate Primary",
        address: Common.PostalAddress(lines: ["1 Lane"], town: "Leeds", postcode: "LS9 8AB"),
        phase: .primary, localAuthority: Common.LocalAuthority(code: "383", name: "Leeds"), numberOnRoll: 90,
        commitToCharter: true, publiclyListed: true))
    expected += 1
    _ = try await admin.registerSchool(
      .init(
        urn: "899002", name: "Private Choice Primary",
        address: Common.PostalAddress(lines: ["2 Lane"], town: "Leeds", postcode: "LS9 8AB"),
        phase: .primary, localAuthority: Common.LocalAuthority(code: "383", name: "Leeds"), numberOnRoll: 90,
        location: Common.GeoPoint(latitude: 53.79, longitude: -1.53), commitToCharter: true, publiclyListed: false))

    // Level 4 for a few Leeds schools: an Excellence Award cycle, entered and won.
    let accreditationClient = Accreditation.Client(
      RPCClient(transport: HTTP2ClientTransport(host: "127.0.0.1", port: accreditationPort), interceptors: auth))
    let level4 = ["838300", "838301", "838307"]
    let cycle = try await accreditationClient.openAwardCycle(
      .init(
        year: 2026, entryDeadline: Common.Date(year: 2026, month: 12, day: 31),
        categories: [Accreditation.AwardCategory(categoryId: "whole-school", title: "Best whole school")],
        requiresIctMark: false, level4MinimumResult: .winner))
    var entries: [String] = []
    for urn in level4 {
      let entry = try await eventually("accreditation to know \(urn)") {
        try await accreditationClient.enterAward(
          .init(cycleId: cycle.cycleId, schoolUrn: urn, categoryId: "whole-school"))
      }
      entries.append(entry.entryId)
    }
    for state: Accreditation.AwardCycleState in [.closed, .shortlisting, .judgeVisits, .results] {
      _ = try await accreditationClient.advanceAwardCycle(.init(cycleId: cycle.cycleId, toState: state))
    }
    for entry in entries { _ = try await accreditationClient.recordAwardResult(.init(entryId: entry, result: .winner)) }

    let (map, mapPort) = try await Self.start(
      "charter-public-map",
      [
        "--data-dir", directory + "/public-map", "--registry-addr", registryAddress, "--accreditation-addr",
        "127.0.0.1:\(accreditationPort)", "--service-token-file", try await tokenFile("public-map"),
      ])
    processes.append(map)
    let (gateway, gatewayPort) = try await Self.start(
      "charter-gateway",
      [
        "--public-map-addr", "127.0.0.1:\(mapPort)", "--accreditation-addr", "127.0.0.1:\(accreditationPort)",
        "--rate-limit", "0",
      ])
    processes.append(gateway)
    let gatewayURL = "http://127.0.0.1:\(gatewayPort)"
    let total = expected
    _ = try await eventually("the map to hold \(total) schools and level 4") { () async throws -> Bool? in
      let statistics =
        try JSONSerialization.jsonObject(
          with: try Data(contentsOf: URL(string: gatewayURL + "/api/v1/statistics")!)) as? [String: Any]
      let levels = statistics?["by_level"] as? [String: Int]
      return statistics?["total"] as? Int == total && levels?["4"] == level4.count ? true : nil
    }

    // One public request followed by its trace id: the gateway continues the caller's
    // traceparent, and its call to public-map carries it, so both logs name the same trace.
    let traceID = "4bf92f3577b34da6a3ce929d0e0e4736"
    let traced = try await HTTPExchange.get(
      port: gatewayPort, "/api/v1/schools/838303",
      headers: ["traceparent": "00-\(traceID)-00f067aa0ba902b7-01"])
    #expect(traced.status == 200)
    #expect(traced.header("traceparent")?.contains(traceID) == true)
    _ = try await eventually("the trace id in both logs") { () async throws -> Bool? in
      let inGateway = gateway.stderr.split(separator: "\n").contains { $0.contains("\"trace_id\":\"\(traceID)\"") }
      let inMap = map.stderr.split(separator: "\n").contains { $0.contains("\"trace_id\":\"\(traceID)\"") }
      return inGateway && inMap ? true : nil
    }

    // Certificates verified by anyone through the gateway: a level 4 school's award, with the
    // signed facts; an unknown code is 404; HEAD answers as GET without a body.
    let certificates = try await accreditationClient.listCertificates(.init(schoolUrn: "838300")).certificates
    let award = try #require(certificates.first { $0.kind == .excellenceAward }, "\(certificates)")
    let verified = try await HTTPExchange.get(port: gatewayPort, "/api/v1/certificates/\(award.verificationCode)")
    #expect(verified.status == 200, "\(verified.text)")
    #expect(verified.json["status"] as? String == "valid", "\(verified.text)")
    #expect(verified.json["school_urn"] as? String == "838300")
    #expect(verified.json["level"] as? Int == 4, "\(verified.text)")
    #expect(!(verified.json["signature"] as? String ?? "").isEmpty)
    let unknown = try await HTTPExchange.get(port: gatewayPort, "/api/v1/certificates/ZZZZ-ZZZZ-ZZZZ")
    #expect(unknown.status == 404)
    let head = try await HTTPExchange.get(port: gatewayPort, "/api/v1/statistics", method: "HEAD")
    #expect(head.status == 200, "\(head.status) \(head.headers)")
    #expect(head.body.isEmpty, "\(head.text.prefix(200))")
    #expect(head.header("etag") != nil, "\(head.headers)")

    // A stock grpcio client of public-map.
    let grpcio = try ChildProcess.python(
      ChildProcess.repositoryRoot.appendingPathComponent("Tests/Interop/grpc/public_map_client.py").path,
      ["--port", "\(mapPort)", "--expect-total", "\(total)", "--known-urn", "838302", "--hidden-urn", "899002"])
    let grpcioStatus = await grpcio.waitForExit()
    #expect(grpcioStatus == 0, "grpcio: \(grpcio.stdout)\n\(grpcio.stderr.suffix(2000))")

    // The page in headless Chromium.
    let screenshots = ChildProcess.repositoryRoot.appendingPathComponent(".build/test-artifacts/map").path
    let browser = try ChildProcess.python(
      ChildProcess.repositoryRoot.appendingPathComponent("Tests/Interop/browser/map_page.py").path,
      [
        "--gateway", gatewayURL, "--registry-port", "\(registryPort)", "--admin-email", "admin@map.test",
        "--admin-password", Self.adminPassword, "--screenshots", screenshots, "--popup-urn", "838302",
        "--level4-urn", "838300", "--city", "53.806,-1.544",
        // A loose bound here, beside every other suite on two cores; the 1.5 s target is held
        // by Benchmarks/public-map.sh on an idle machine.
        "--load-budget-ms", "10000",
      ])
    let browserStatus = await browser.waitForExit(timeout: .seconds(240))
    let lines = browser.stdout.split(separator: "\n").map(String.init)
    for name in [
      "page_loads", "no_console_errors", "clusters_add_up_to_statistics_total",
      "city_zoom_shows_single_pins",
      "popup_shows_the_right_school_and_level", "level_filter_hides_other_levels", "search_moves_the_map",
      "statistics_for_a_chosen_authority",
      "school_committing_publicly_appears_without_reload", "usable_at_phone_width", "markers_reachable_by_keyboard",
    ] {
      #expect(
        lines.contains("PASS \(name)"),
        "\(name): \(lines.first { $0.contains(name) } ?? "no result") \(browser.stderr.suffix(800))")
    }
    for line in lines where line.hasPrefix("FIGURE") || line.hasPrefix("SCREENSHOT") { print(line) }
    #expect(browserStatus == 0, "browser: \(browser.stdout)\n\(browser.stderr.suffix(2000))")
  }
}

/// Polls `body` until it returns a value (or 30 s pass), rethrowing the last error then.
func eventually<T>(_ what: String, _ body: () async throws -> T?) async throws -> T {
  let end = ContinuousClock.now.advanced(by: .seconds(30))
  var last: (any Error)?
  while ContinuousClock.now < end {
    do {
      if let value = try await body() { return value }
    } catch { last = error }
    try await Task.sleep(for: .milliseconds(100))
  }
  throw TestFailure("timed out waiting for \(what)\(last.map { ": \($0)" } ?? "")")
}

struct TestFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
