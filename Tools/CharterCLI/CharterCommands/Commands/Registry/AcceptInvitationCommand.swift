internal import ArgumentParser
internal import Contracts

/// `charter registry accept-invitation CODE`: turns an invitation into an account.
struct AcceptInvitationCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "accept-invitation",
    abstract: "Accept an invitation by choosing a password (at least 12 characters).",
    discussion: "The password is asked for twice without echo, or read with --password-stdin."
  )

  @Argument(help: "The invitation code.")
  var code: String

  @OptionGroup var password: PasswordOptions

  @OptionGroup(title: "Connection options") var connection: ConnectionOptions

  func run() async throws {
    let secret = try password.read(prompt: "New password: ", confirm: true)
    let person = try await connection.withRegistry(authenticated: false) { registry in
      try await registry.client.acceptInvitation(
        Registry.AcceptInvitationRequest(invitationCode: code, password: secret),
        options: registry.callOptions
      )
    }
    ResultPrinter.print(json: connection.json, person) {
      PersonText.details(person) + [
        "",
        "you can sign in now: charter registry sign-in --email \(ShellText.quoted(person.email))",
      ]
    }
  }
}
