internal import ArgumentParser
internal import CharterValues
internal import Contracts
internal import RPCCore
internal import RPCHTTP2

/// `charter health`: asks a server's `grpc.health.v1.Health` whether it serves, optionally
/// waiting until it does (the local launcher waits for each service this way).
struct HealthCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "health",
    abstract: "Check whether a Charter server is serving (exit 0 only when SERVING).",
    discussion: """
      --service takes a short name (\(CharterService.grpcServices.map(\.name).joined(separator: ", "))) \
      or a fully qualified gRPC service name; without it the whole server is checked. The \
      address defaults to that service's *_SERVICE_ADDR variable, else its default port on \
      127.0.0.1 (the registry's when no service is named).
      """
  )

  @Option(help: ArgumentHelp("The server's address.", valueName: "host:port"))
  var address: String?

  @Option(
    help: ArgumentHelp("The service to check (default: the whole server).", valueName: "name")
  )
  var service: String?

  @Option(
    help: ArgumentHelp(
      "Keep asking until SERVING or this many seconds have passed.",
      valueName: "seconds"
    )
  )
  var wait: Double?

  @Option(help: ArgumentHelp("Seconds each check may take.", valueName: "seconds"))
  var timeout: Double = 10

  @Flag(help: "Print the proto3 JSON response.")
  var json = false

  func validate() throws {
    guard timeout.isFinite, timeout > 0 else {
      throw ValidationError("--timeout must be a positive number of seconds")
    }
    if let wait, !(wait.isFinite && wait >= 0) {
      throw ValidationError("--wait must be a number of seconds")
    }
    _ = try target()
  }

  /// The address to call and the service name to ask about.
  func target() throws -> (configuration: HTTP2ClientTransport.Configuration, service: String) {
    let known = service.flatMap(CharterService.named)
    let serviceName = known?.grpcService ?? service ?? ""
    let defaults = known ?? .registry
    let resolved = defaults.resolve(flag: address, environment: Console.environment)
    var configuration = try ServiceConnection.configuration(
      address: resolved,
      origin: address == nil ? defaults.addressVariable : "--address"
    )
    if wait != nil {
      // While waiting for a server to come up, retry a refused connection promptly.
      configuration.backoff = HTTP2ClientTransport.Backoff(
        initial: .milliseconds(100),
        maximum: .milliseconds(500)
      )
      configuration.connectTimeout = .milliseconds(Int64(timeout * 1000))
    }
    return (configuration, serviceName)
  }

  func run() async throws {
    let (configuration, serviceName) = try target()
    let perCall = Duration.milliseconds(Int64((timeout * 1000).rounded(.up)))
    let connection = ServiceConnection(configuration: configuration, timeout: perCall)
    let client = Health.Client(connection.client)
    let request = Health.HealthCheckRequest(service: serviceName)
    let deadline = ContinuousClock.now + .milliseconds(Int64(((wait ?? 0) * 1000).rounded()))

    var outcome: Result<Health.HealthCheckResponse, RPCError>
    while true {
      let remaining = deadline - ContinuousClock.now
      let callTimeout = wait == nil ? perCall : min(perCall, max(remaining, .milliseconds(100)))
      do {
        outcome = .success(
          try await client.check(request, options: CallOptions(timeout: callTimeout))
        )
      } catch let error as RPCError {
        outcome = .failure(error)
      } catch {
        outcome = .failure(RPCError(code: .unknown, message: "\(error)"))
      }
      if case .success(let response) = outcome, response.status == .serving { break }
      guard wait != nil, ContinuousClock.now + .milliseconds(200) < deadline else { break }
      try? await Task.sleep(for: .milliseconds(200))
    }
    await connection.close()

    switch outcome {
    case .success(let response):
      Console.output(json ? response.protoJSON() : response.status.protoName)
      if response.status != .serving { throw ExitCode.failure }
    case .failure(let error):
      if let wait {
        let seconds = wait.rounded() == wait ? String(Int(wait)) : String(wait)
        Console.error("no SERVING answer within \(seconds) s")
      }
      throw CommandFailure(error)
    }
  }
}
