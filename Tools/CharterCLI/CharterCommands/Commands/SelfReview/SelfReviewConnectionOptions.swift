internal import ArgumentParser
internal import Contracts
internal import RPCCore
internal import RPCHTTP2

/// The options every self-review command takes: where the self-review service is, which token
/// to send, how long a call may take, and whether to print JSON.
///
/// The same flags as the registry commands' ``ConnectionOptions``; only the address differs
/// (`$SELF_REVIEW_SERVICE_ADDR`, else 127.0.0.1:7102). The token is the one `charter registry
/// sign-in` saved, since the registry issues the tokens every service checks.
struct SelfReviewConnectionOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The self-review service's address (default: $SELF_REVIEW_SERVICE_ADDR, else "
        + "127.0.0.1:7102).",
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
    ServiceAddress.selfReview.resolve(flag: address, environment: Console.environment)
  }

  /// Each call's deadline.
  var callTimeout: Duration { .milliseconds(Int64((timeout * 1000).rounded(.up))) }

  func transportConfiguration() throws -> HTTP2ClientTransport.Configuration {
    try ServiceConnection.configuration(
      address: resolvedAddress,
      origin: address == nil ? ServiceAddress.selfReview.environmentVariable : "--address"
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

  /// Connects to the self-review service, runs `body`, and closes the connection, turning an
  /// RPC failure into a ``CommandFailure`` that names the token that was used.
  func withSelfReview<Result>(
    _ body: (SelfReviewConnection) async throws -> Result
  ) async throws -> Result {
    let credential = try credential()
    var metadata = Metadata()
    if let credential { metadata.append("authorization", .string(credential.authorizationValue)) }
    let connection = ServiceConnection(
      configuration: try transportConfiguration(),
      timeout: callTimeout
    )
    let selfReview = SelfReviewConnection(
      client: SelfReview.Client(connection.client),
      callOptions: CallOptions(timeout: callTimeout, metadata: metadata),
      credential: credential
    )
    do {
      let result = try await body(selfReview)
      await connection.close()
      return result
    } catch let error as RPCError {
      await connection.close()
      throw CommandFailure(error, credential: credential?.source)
    } catch {
      await connection.close()
      throw error
    }
  }
}
