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
}
