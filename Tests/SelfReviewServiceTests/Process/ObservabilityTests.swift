import Contracts
import Foundation
import Identity
import RPCCore
import RPCHTTP2
import ServiceKit
import TestSupport
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// What an operator watches: each service's Prometheus text on its admin port, moving with
/// traffic, and one trace id on the log lines of every service a request touched.
@Suite("Metrics and traces of real service processes", .serialized)
struct ObservabilityTests {
  /// The admin port a process logged.
  static func metricsPort(_ process: ChildProcess) async -> Int? {
    await process.waitForOutput { _, err in
      err.split(separator: "\n").first { $0.contains("\"message\":\"metrics served\"") }
        .flatMap { line in line.range(of: "\"metrics_port\":\"").map { line[$0.upperBound...].prefix { $0.isNumber } } }
        .flatMap { Int($0) }
    }
  }

  static func scrape(_ port: Int) async throws -> String {
    let (data, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/metrics")!)
    #expect((response as? HTTPURLResponse)?.statusCode == 200)
    return String(decoding: data, as: UTF8.self)
  }

  /// The value of the first sample whose line starts with `prefix` (name and labels).
  static func value(_ text: String, _ prefix: String) -> Double? {
    text.split(separator: "\n").first { $0.hasPrefix(prefix) }
      .flatMap { $0.split(separator: " ").last }.flatMap { Double($0) }
  }

  @Test("after traffic, registry and self-review metrics move, and the caller's trace id is on both services' logs")
  func metricsAndTraces() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("observe-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let (registry, registryPort) = try await CrossServiceTests.start(
      "charter-registry",
      ["--data-dir", directory + "/registry", "--bootstrap-admin-email", "admin@observe.test", "--metrics-port", "0"],
      environment: ["BOOTSTRAP_ADMIN_PASSWORD": "observe password"])
    defer { Task { await registry.stop() } }
    let registryMetrics = try #require(await Self.metricsPort(registry))
    let transport = HTTP2ClientTransport(host: "127.0.0.1", port: registryPort)
    let token = try await Registry.Client(RPCClient(transport: transport)).signIn(
      .init(email: "admin@observe.test", password: "observe password")
    ).token
    let admin = Registry.Client(RPCClient(transport: transport, interceptors: [BearerTokenInterceptor { token }]))
    let serviceToken = try await admin.issueServiceToken(.init(serviceName: "self-review")).token
    let (selfReview, port) = try await CrossServiceTests.start(
      "charter-self-review",
      [
        "--data-dir", directory + "/self-review", "--registry-addr", "127.0.0.1:\(registryPort)", "--metrics-port", "0",
      ],
      environment: ["SERVICE_TOKEN": serviceToken])
    defer { Task { await selfReview.stop() } }
    let reviewMetrics = try #require(await Self.metricsPort(selfReview))

    // One traced request to each service, and a school for self-review to learn of.
    let trace = TraceContext.start()
    let traced = CallOptions(metadata: [TraceContext.metadataKey: .string(trace.traceparent)])
    var school = Registry.RegisterSchoolRequest(
      urn: "960001", name: "Observed Primary",
      address: Common.PostalAddress(lines: ["1 Lane"], town: "Leeds", postcode: "LS1 4AP"), phase: .primary,
      localAuthority: Common.LocalAuthority(code: "383", name: "Leeds"), numberOnRoll: 100)
    school.commitToCharter = true
    _ = try await admin.registerSchool(school, options: traced)
    let reviewTransport = HTTP2ClientTransport(host: "127.0.0.1", port: port)
    let review = SelfReview.Client(
      RPCClient(transport: reviewTransport, interceptors: [BearerTokenInterceptor { token }]))
    let end = ContinuousClock.now.advanced(by: .seconds(10))
    while ContinuousClock.now < end {
      do {
        _ = try await review.getReviewStatus(.init(schoolUrn: "960001"), options: traced)
      } catch let error as RPCError where error.message.contains("has not started") {
        break
      } catch {}
      try await Task.sleep(for: .milliseconds(20))
    }

    let registryText = try await Self.scrape(registryMetrics)
    let method = "grpc_method=\"charter.registry.v1.Registry/RegisterSchool\""
    let handled = registryText.split(separator: "\n").first {
      $0.hasPrefix("grpc_server_handled_total") && $0.contains(method) && $0.contains("grpc_code=\"OK\"")
    }
    #expect(
      handled.flatMap { $0.split(separator: " ").last }.flatMap { Double($0) } == 1, "\(registryText.prefix(3000))")
    #expect(registryText.contains("grpc_server_handling_seconds_bucket{"))
    #expect((Self.value(registryText, "charter_outbox_latest_sequence") ?? 0) >= 2)
    #expect((Self.value(registryText, "process_resident_memory_bytes") ?? 0) > 1_000_000)
    #expect((Self.value(registryText, "process_cpu_seconds_total") ?? 0) > 0)
    #expect(Self.value(registryText, "sqlite_wal_bytes") != nil)
    #expect((Self.value(registryText, "http2_server_connections") ?? 0) >= 1)

    let reviewText = try await Self.scrape(reviewMetrics)
    #expect(
      (Self.value(reviewText, "charter_feed_position{feed=\"registry\"}") ?? 0) >= 2, "\(reviewText.prefix(3000))")
    #expect(Self.value(reviewText, "charter_feed_events_behind{feed=\"registry\"}") == 0)
    #expect(Self.value(reviewText, "charter_feed_connected{feed=\"registry\"}") == 1)
    #expect(reviewText.contains("grpc_server_handled_total{"))

    // The trace id is on the call's log line in both services.
    let marker = "\"trace_id\":\"\(trace.traceID)\""
    #expect(
      registry.stderr.split(separator: "\n").contains { $0.contains(marker) && $0.contains("RegisterSchool") },
      "\(registry.stderr.split(separator: "\n").filter { $0.contains("RegisterSchool") })")
    #expect(selfReview.stderr.split(separator: "\n").contains { $0.contains(marker) && $0.contains("GetReviewStatus") })
    await reviewTransport.close()
    await transport.close()
  }
}
