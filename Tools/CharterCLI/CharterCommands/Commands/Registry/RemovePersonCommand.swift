internal import ArgumentParser
internal import Contracts

/// `charter registry remove-person ID --reason TEXT`.
struct RemovePersonCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "remove-person",
    abstract: "Remove a person: their roles end and they can no longer sign in."
  )

  @Argument(help: "The person's id.")
  var id: String

  @Option(help: "Why; kept in the history.")
  var reason: String

  @OptionGroup(title: "Connection options") var connection: ConnectionOptions

  func validate() throws {
    guard !reason.trimmingSpaces.isEmpty else {
      throw ValidationError("--reason must not be empty")
    }
  }

  func run() async throws {
    let response = try await connection.withRegistry { registry in
      try await registry.client.removePerson(
        Registry.RemovePersonRequest(personId: id, reason: reason),
        options: registry.callOptions
      )
    }
    ResultPrinter.print(json: connection.json, response) {
      PersonText.details(response.person ?? Registry.Person())
    }
  }
}
