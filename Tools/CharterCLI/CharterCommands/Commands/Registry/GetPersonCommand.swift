internal import ArgumentParser
internal import Contracts

/// `charter registry get-person ID`.
struct GetPersonCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "get-person",
    abstract: "Show one person with their roles."
  )

  @Argument(help: "The person's id.")
  var id: String

  @OptionGroup(title: "Connection options") var connection: ConnectionOptions

  func run() async throws {
    let person = try await connection.withRegistry { registry in
      try await registry.client.getPerson(
        Registry.GetPersonRequest(personId: id),
        options: registry.callOptions
      )
    }
    ResultPrinter.print(json: connection.json, person) { PersonText.details(person) }
  }
}
