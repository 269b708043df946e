internal import ArgumentParser
internal import Contracts

/// `charter registry grant-role ID ROLE[:SCOPE]`.
struct GrantRoleCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "grant-role",
    abstract: "Give a person a role (granting one they hold is a no-op).",
    discussion: "ROLE[:SCOPE] as in invite-person, e.g. school-contributor:123456."
  )

  @Argument(help: "The person's id.")
  var id: String

  @Argument(
    help: ArgumentHelp("The grant, e.g. school-admin:123456.", valueName: "role[:scope]"),
    transform: ArgumentParsing.roleGrant
  )
  var grant: Registry.RoleGrant

  @OptionGroup(title: "Connection options") var connection: ConnectionOptions

  func run() async throws {
    let person = try await connection.withRegistry { registry in
      try await registry.client.grantRole(
        Registry.GrantRoleRequest(personId: id, grant: grant),
        options: registry.callOptions
      )
    }
    ResultPrinter.print(json: connection.json, person) { PersonText.details(person) }
  }
}
