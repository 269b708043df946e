internal import ArgumentParser
internal import Contracts

/// `charter registry issue-service-token --service NAME`: a credential for an internal
/// service (programme admins only). Prints just the token, so it can be captured.
struct IssueServiceTokenCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "issue-service-token",
    abstract: "Issue a token for an internal service; prints the token alone."
  )

  @Option(
    help: ArgumentHelp(
      "The service that will present it, e.g. charter-accreditation.",
      valueName: "name"
    )
  )
  var service: String

  @Option(
    help: ArgumentHelp(
      "Lifetime in seconds (default 30 days, from 60 seconds to 365 days).",
      valueName: "seconds"
    )
  )
  var lifetime: Int64 = 0

  @OptionGroup(title: "Connection options") var connection: ConnectionOptions

  func validate() throws {
    guard !service.trimmingSpaces.isEmpty else {
      throw ValidationError("--service must not be empty")
    }
    guard lifetime == 0 || (60...31_536_000).contains(lifetime) else {
      throw ValidationError("--lifetime must be 0 (the default) or 60...31536000 seconds")
    }
  }

  func run() async throws {
    let response = try await connection.withRegistry { registry in
      try await registry.client.issueServiceToken(
        Registry.IssueServiceTokenRequest(serviceName: service, lifetimeSeconds: lifetime),
        options: registry.callOptions
      )
    }
    if connection.json {
      Console.output(response.protoJSON())
    } else {
      Console.output(response.token)
      Console.error("valid until \(TimestampText.instant(response.expiresAt))")
    }
  }
}
