import Foundation
import NIOPosix
import RPCCore
import RPCHTTP2
import TestSupport
import Testing

/// Interoperability with an independent gRPC implementation, both ways: stock Python grpcio
/// (PyPI) as client against `charter-interop-server`, and as server for Charter's client.
@Suite("Interop with Python grpcio", .serialized)
struct PythonInteropTests {
  static let scripts = ChildProcess.repositoryRoot.appendingPathComponent("Tests/Interop/grpc")

  @Test("a stock grpcio client passes the 14 official interop cases against charter-interop-server")
  func grpcioClientAgainstOurServer() async throws {
    let executable = ChildProcess.buildProducts.appendingPathComponent("charter-interop-server").path
    #expect(FileManager.default.isExecutableFile(atPath: executable), "build charter-interop-server first")
    let server = try ChildProcess(executable, ["--port", "0", "--log-level", "info"])
    defer { Task { await server.stop() } }
    let port = try #require(
      await server.waitForOutput { _, err in
        err.split(separator: "\n").first { $0.contains("\"message\":\"charter-interop-server serving\"") }
          .flatMap { line in line.range(of: "\"port\":\"").map { line[$0.upperBound...].prefix { $0.isNumber } } }
          .flatMap { Int($0) }
      }, "server did not report its port; stderr: \(server.stderr)")

    let client = try ChildProcess.python(
      Self.scripts.appendingPathComponent("interop_client.py").path, ["--port", "\(port)", "--health"])
    let status = await client.waitForExit()
    let lines = client.stdout.split(separator: "\n").map(String.init)
    for name in InteropCase.allCases.map(\.rawValue) + ["health_check"] {
      #expect(
        lines.contains("PASS \(name)"), "\(name): \(lines.first { $0.contains(name) } ?? "no result") \(client.stderr)")
    }
    #expect(status == 0, "python client: \(client.stdout)\n\(client.stderr)")

    // The server drains and exits 0 on SIGTERM.
    server.signal(SIGTERM)
    #expect(await server.waitForExit(timeout: .seconds(10)) == 0)
  }

  @Test(
    "Charter's client passes the official interop cases against a stock grpcio server", arguments: InteropCase.allCases)
  func ourClientAgainstGrpcioServer(testCase: InteropCase) async throws {
    let server = try ChildProcess.python(Self.scripts.appendingPathComponent("interop_server.py").path, [])
    defer { Task { await server.stop() } }
    let port = try #require(
      await server.waitForOutput { out, _ in
        out.split(separator: "\n").first { $0.hasPrefix("PORT ") }.flatMap { Int($0.dropFirst(5)) }
      }, "python server did not start: \(server.stderr)")
    let transport = HTTP2ClientTransport(host: "127.0.0.1", port: port)
    try await testCase.run(RPCClient(transport: transport))
    await transport.close()
  }
}
