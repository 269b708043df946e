import Foundation
import TestSupport
import Testing

/// The registry as any standard gRPC client sees it: a stock Python grpcio client (PyPI),
/// built only from the protos, against the real `charter-registry` executable.
@Suite("Registry with a Python grpcio client", .serialized)
struct PythonClientTests {
  @Test("grpcio registers, looks up, pages, reads the feed and gets the documented errors")
  func grpcioClient() async throws {
    let (registry, port) = try await CrashTests.startRegistry(CrashTests.temporaryDirectory())
    defer { Task { await registry.stop() } }
    let script = ChildProcess.repositoryRoot.appendingPathComponent("Tests/Interop/grpc/registry_client.py").path
    let client = try ChildProcess.python(
      script, ["--port", "\(port)", "--admin-email", "admin@crash.test", "--admin-password", CrashTests.adminPassword])
    let status = await client.waitForExit()
    let lines = client.stdout.split(separator: "\n").map(String.init)
    for name in [
      "sign_in", "register_school", "get_school", "list_schools_paging", "stream_events",
      "duplicate_urn_already_exists",
      "bad_postcode_invalid_argument", "unknown_school_not_found", "no_token_unauthenticated",
      "wrong_password_unauthenticated",
    ] {
      #expect(
        lines.contains("PASS \(name)"),
        "\(name): \(lines.first { $0.contains(name) } ?? "no result") \(client.stderr.suffix(1000))")
    }
    #expect(status == 0, "python client: \(client.stdout)\n\(client.stderr.suffix(2000))")
  }

  /// gRPC's C core sends bandwidth-probe PINGs while data flows; a server that counts them as
  /// abuse cuts a long stream off with GOAWAY(ENHANCE_YOUR_CALM) after a few thousand events.
  @Test("grpcio with default channel options reads a feed of 200,000 events in one stream")
  func grpcioReadsLongFeed() async throws {
    let directory = CrashTests.temporaryDirectory()
    let script = ChildProcess.repositoryRoot.appendingPathComponent("Tests/Interop/grpc/registry_long_feed.py").path
    // The registry creates and migrates its database (and the bootstrap admin) once; the
    // events go straight into its outbox while it is stopped.
    let (first, _) = try await CrashTests.startRegistry(directory)
    first.signal(SIGTERM)
    #expect(await first.waitForExit(timeout: .seconds(10)) == 0)
    let seeder = try ChildProcess.python(
      script, ["seed", "--database", directory + "/registry.sqlite", "--events", "200000"])
    #expect(await seeder.waitForExit() == 0, "seeding: \(seeder.stdout)\n\(seeder.stderr.suffix(2000))")
    let head = try #require(
      seeder.stdout.split(separator: "\n").first { $0.hasPrefix("SEEDED ") }.flatMap { Int($0.dropFirst(7)) })
    #expect(head > 200_000)

    let (registry, port) = try await CrashTests.startRegistry(directory)
    defer { Task { await registry.stop() } }
    let client = try ChildProcess.python(
      script,
      [
        "stream", "--port", "\(port)", "--admin-email", "admin@crash.test", "--admin-password",
        CrashTests.adminPassword, "--head", "\(head)",
      ])
    let status = await client.waitForExit(timeout: .seconds(300))
    let result = client.stdout.split(separator: "\n").first { $0.contains("long_feed") }.map(String.init)
    #expect(
      result?.hasPrefix("PASS long_feed \(head) events") == true,
      "\(result ?? "no result") \(client.stderr.suffix(1000))")
    #expect(status == 0, "python client: \(client.stdout)\n\(client.stderr.suffix(2000))")
    await registry.stop()
    try? FileManager.default.removeItem(atPath: directory)  // some 35 MB of events
  }
}
