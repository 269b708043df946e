internal import ArgumentParser
internal import Contracts

/// `charter registry revoke-role ID ROLE[:SCOPE]`.
struct RevokeRoleCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "revoke-role",
    abstract: "Take a role from a person (role and scope must match exactly)."
  )

  @Argument(help: "The person's id.")
  var id: String

  @Argument(
    help: ArgumentHelp("The grant to remove, e.g. school-admin:123456.", valueName: "role[:scope]"),
    transform: ArgumentParsing.roleGrant
  )
  var grant: Registry.RoleGrant

  @OptionGroup(title: "Connection options") var connection: ConnectionOptions

  func run() async throws {
    let person = try await connection.withRegistry { registry in
      try await registry.client.revokeRole(
        Registry.RevokeRoleRequest(personId: id, grant: grant),
        options: registry.callOptions
      )
    }
    ResultPrinter.print(json: connection.json, person) { PersonText.details(person) }
  }
}
