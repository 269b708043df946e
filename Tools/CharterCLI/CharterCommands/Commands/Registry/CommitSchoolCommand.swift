internal import ArgumentParser
internal import Contracts

/// `charter registry commit-school URN --accept-charter`.
struct CommitSchoolCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "commit-school",
    abstract: "Record a school's commitment to Next Generation Learning (Charter level 1).",
    discussion: "Committing again keeps the first commitment's time and signatory."
  )

  @Argument(help: "The school's URN.", transform: ArgumentParsing.urn)
  var urn: String

  @Flag(help: "Confirm that you, for the school, accept the Charter's commitments (required).")
  var acceptCharter = false

  @OptionGroup(title: "Connection options") var connection: ConnectionOptions

  func validate() throws {
    guard acceptCharter else {
      throw ValidationError(
        "committing needs --accept-charter, confirming the school accepts the Charter's commitments"
      )
    }
  }

  func run() async throws {
    let school = try await connection.withRegistry { registry in
      try await registry.client.commitSchool(
        Registry.CommitSchoolRequest(urn: urn, acceptCharter: true),
        options: registry.callOptions
      )
    }
    ResultPrinter.print(json: connection.json, school) { SchoolText.details(school) }
  }
}
