public import Contracts
public import RPCCore

/// `grpc.health.v1.Health` for every Charter server, so standard probes (Kubernetes gRPC
/// probes, `grpc_health_probe`, grpcurl) can tell whether it takes calls.
public struct HealthService: Health.ServiceProtocol {
  public let status: HealthStatus

  public init(status: HealthStatus) { self.status = status }

  /// The current status; an unknown service name fails with NOT_FOUND.
  public func check(
    request: Health.HealthCheckRequest, context: ServerContext
  ) async throws -> Health.HealthCheckResponse {
    guard let current = status.status(of: request.service) else {
      throw RPCError(code: .notFound, message: "unknown service \"\(request.service)\"")
    }
    return Health.HealthCheckResponse(status: current)
  }

  /// The current status, then every change, until the client goes or the server stops.
  public func watch(
    request: Health.HealthCheckRequest,
    response: RPCResponseWriter<Health.HealthCheckResponse>,
    context: ServerContext
  ) async throws {
    for await update in status.updates(of: request.service) {
      try await response.write(Health.HealthCheckResponse(status: update))
    }
  }
}
