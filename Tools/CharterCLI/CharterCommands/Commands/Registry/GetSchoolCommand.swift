internal import ArgumentParser
internal import Contracts

/// `charter registry get-school URN`.
struct GetSchoolCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "get-school",
    abstract: "Show one school, withdrawn ones included."
  )

  @Argument(help: "The school's URN.", transform: ArgumentParsing.urn)
  var urn: String

  @OptionGroup(title: "Connection options") var connection: ConnectionOptions

  func run() async throws {
    let school = try await connection.withRegistry { registry in
      try await registry.client.getSchool(
        Registry.GetSchoolRequest(urn: urn),
        options: registry.callOptions
      )
    }
    ResultPrinter.print(json: connection.json, school) { SchoolText.details(school) }
  }
}
