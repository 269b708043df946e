internal import ArgumentParser
internal import CharterValues
internal import Contracts
internal import RPCCore
internal import RPCHTTP2

/// The options every command of one service takes: where the service is, which token to send,
/// how long a call may take, and whether to print JSON. The token is the one `charter registry
/// sign-in` saved for every service, since the registry issues the tokens they all check.
struct TargetConnectionOptions<Target: CommandTarget>: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The \(Target.displayName)'s address (default: $\(Target.address.addressVariable), "
        + "else 127.0.0.1:\(Target.address.defaultPort)).",
      valueName: "host:port"
    )
  )
  var address: String?

  @Option(
    help: ArgumentHelp(
      "Bearer token to send (default: $CHARTER_TOKEN, else the token saved by sign-in).",
      valueName: "token"
    )
  )
  var token: String?

  @Option(help: ArgumentHelp("Read the bearer token from a file.", valueName: "file"))
  var tokenFile: String?

  @Option(
    help: ArgumentHelp(
      "Seconds a call may take before it fails with DEADLINE_EXCEEDED.",
      valueName: "seconds"
    )
  )
  var timeout: Double = 10

  @Flag(help: "Print proto3 JSON instead of text.")
  var json = false

  func validate() throws {
    if token != nil, tokenFile != nil {
      throw ValidationError("pass either --token or --token-file, not both")
    }
    guard timeout.isFinite, timeout > 0 else {
      throw ValidationError("--timeout must be a positive number of seconds")
    }
    _ = try transportConfiguration()
  }

  /// The address calls go to.
  var resolvedAddress: String {
    Target.address.resolve(flag: address, environment: Console.environment)
  }

  /// Each call's deadline.
  var callTimeout: Duration { .milliseconds(Int64((timeout * 1000).rounded(.up))) }

  func transportConfiguration() throws -> HTTP2ClientTransport.Configuration {
    try ServiceConnection.configuration(
      address: resolvedAddress,
      origin: address == nil ? Target.address.addressVariable : "--address"
    )
  }

  /// The token calls carry, if any.
  func credential() throws -> Credential? {
    do {
      return try Credential.resolve(
        flag: token,
        file: tokenFile,
        environment: Console.environment,
        readFile: { path in try Files.readText(path) }
      )
    } catch let error as CredentialError {
      throw CommandFailure(error.description)
    } catch let error as FileError {
      throw CommandFailure("cannot read the token: \(error)")
    }
  }

  /// Connects to the service, runs `body`, and closes the connection, turning an RPC failure
  /// into a ``CommandFailure`` that names the token that was used.
  ///
  /// - Parameter authenticated: Whether calls carry a token (`false` for the RPCs that need
  ///   none, so a stale saved token cannot get in the way of signing in).
  func withService<Result>(
    authenticated: Bool = true,
    _ body: (CommandConnection<Target.Client>) async throws -> Result
  ) async throws -> Result {
    let credential = authenticated ? try credential() : nil
    let connection = ServiceConnection(
      configuration: try transportConfiguration(), timeout: callTimeout, credential: credential)
    let service = CommandConnection(
      client: Target.client(connection.client),
      callOptions: CallOptions(timeout: callTimeout),
      credential: credential
    )
    do {
      let result = try await body(service)
      await connection.close()
      return result
    } catch let error as RPCError {
      await connection.close()
      // Without a token (sign-in, accepting an invitation) UNAUTHENTICATED means the
      // credentials given were wrong, and a hint to sign in would be beside the point.
      throw authenticated
        ? CommandFailure(error, credential: credential?.source)
        : CommandFailure(ErrorText.status(of: error))
    } catch {
      await connection.close()
      throw error
    }
  }
}

typealias ConnectionOptions = TargetConnectionOptions<RegistryTarget>
typealias SelfReviewConnectionOptions = TargetConnectionOptions<SelfReviewTarget>

extension TargetConnectionOptions where Target == RegistryTarget {
  func withRegistry<Result>(
    authenticated: Bool = true,
    _ body: (RegistryConnection) async throws -> Result
  ) async throws -> Result {
    try await withService(authenticated: authenticated, body)
  }
}

extension TargetConnectionOptions where Target == SelfReviewTarget {
  func withSelfReview<Result>(_ body: (SelfReviewConnection) async throws -> Result) async throws -> Result {
    try await withService(body)
  }
}
