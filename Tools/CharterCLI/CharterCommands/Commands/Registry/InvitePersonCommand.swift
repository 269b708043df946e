internal import ArgumentParser
internal import Contracts

/// `charter registry invite-person --email --name --role ROLE[:SCOPE]…`: creates the person
/// and shows the one-time invitation code to pass on.
struct InvitePersonCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "invite-person",
    abstract: "Invite a person with their first roles; prints the one-time invitation code.",
    discussion: """
      Roles are ROLE[:SCOPE]: school-admin:URN, school-contributor:URN, assessor, \
      lead-assessor, local-authority-adviser:LA_CODE, programme-admin, service.
      """
  )

  @Option(help: "Where the invitation goes.")
  var email: String

  @Option(help: "The person's name as shown in the tools.")
  var name: String

  @Option(
    name: .customLong("role"),
    help: ArgumentHelp(
      "A role grant, e.g. school-admin:123456; repeat for several.",
      valueName: "role[:scope]"
    ),
    transform: ArgumentParsing.roleGrant
  )
  var roles: [Registry.RoleGrant] = []

  @OptionGroup(title: "Connection options") var connection: ConnectionOptions

  func run() async throws {
    let request = Registry.InvitePersonRequest(email: email, displayName: name, roles: roles)
    let response = try await connection.withRegistry { registry in
      try await registry.client.invitePerson(request, options: registry.callOptions)
    }
    ResultPrinter.print(json: connection.json, response) {
      PersonText.details(response.person ?? Registry.Person()) + [
        "",
        "invitation code: \(response.invitationCode) (expires \(TimestampText.instant(response.expiresAt)))",
        "pass it on; it is shown only once. The person joins with:",
        "  charter registry accept-invitation \(ShellText.quoted(response.invitationCode))",
      ]
    }
  }
}
