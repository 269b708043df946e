internal import ArgumentParser
internal import Contracts

/// `charter registry withdraw-school URN --reason TEXT`.
struct WithdrawSchoolCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "withdraw-school",
    abstract: "Withdraw a school from the programme (it leaves the map; its history is kept)."
  )

  @Argument(help: "The school's URN.", transform: ArgumentParsing.urn)
  var urn: String

  @Option(help: "Why; kept in the history and shown to administrators.")
  var reason: String

  @OptionGroup(title: "Connection options") var connection: ConnectionOptions

  func validate() throws {
    guard !reason.trimmingSpaces.isEmpty else {
      throw ValidationError("--reason must not be empty")
    }
  }

  func run() async throws {
    let school = try await connection.withRegistry { registry in
      try await registry.client.withdrawSchool(
        Registry.WithdrawSchoolRequest(urn: urn, reason: reason),
        options: registry.callOptions
      )
    }
    ResultPrinter.print(json: connection.json, school) { SchoolText.details(school) }
  }
}
