import Contracts
import RPCCore
import RPCHTTP2
import ServiceKit
import Testing

@Suite("Health: grpc.health.v1 over a real server")
struct HealthTests {
  @Test("Check reports each hosted service, the whole server, and NOT_FOUND for others")
  func check() async throws {
    let status = HealthStatus(services: ["charter.registry.v1.Registry"])
    var router = RPCRouter()
    router.register(HealthService(status: status))
    let server = GRPCServer(configuration: .init(port: 0, threads: 1), router: router)
    let port = try await server.start()
    let transport = HTTP2ClientTransport(host: "127.0.0.1", port: port)
    let health = Health.Client(RPCClient(transport: transport))
    #expect(try await health.check(.init(service: "")).status == .notServing)
    status.setAll(.serving)
    #expect(try await health.check(.init(service: "")).status == .serving)
    #expect(try await health.check(.init(service: "charter.registry.v1.Registry")).status == .serving)
    let error = await #expect(throws: RPCError.self) { try await health.check(.init(service: "nope.Service")) }
    #expect(error?.code == .notFound)
    await transport.close()
    await server.close()
  }

  @Test("Watch sends the current status and then every change; unknown services are SERVICE_UNKNOWN")
  func watch() async throws {
    let status = HealthStatus(services: ["a.A"])
    var router = RPCRouter()
    router.register(HealthService(status: status))
    let server = GRPCServer(configuration: .init(port: 0, threads: 1), router: router)
    let port = try await server.start()
    let transport = HTTP2ClientTransport(host: "127.0.0.1", port: port)
    let health = Health.Client(RPCClient(transport: transport))
    let seen = try await health.watch(.init(service: "a.A")) { responses in
      var seen: [Health.HealthCheckResponse.ServingStatus] = []
      for try await response in responses {
        seen.append(response.status)
        if seen.count == 1 { status.set("a.A", .serving) }
        if seen.count == 2 { status.set("a.A", .notServing) }
        if seen.count == 3 { break }
      }
      return seen
    }
    #expect(seen == [.notServing, .serving, .notServing])
    let unknown = try await health.watch(.init(service: "b.B")) { responses in
      var iterator = responses.makeAsyncIterator()
      return try await iterator.next()?.status
    }
    #expect(unknown == .serviceUnknown)
    await transport.close()
    await server.close()
  }
}
