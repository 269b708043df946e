internal import ArgumentParser
internal import Contracts

/// `charter registry sign-in --email EMAIL`: exchanges a password for a token and saves it
/// for later commands (or prints it with `--print-token`).
struct SignInCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sign-in",
    abstract: "Sign in and save the token for later commands.",
    discussion: """
      The token is saved in $CHARTER_CONFIG_DIR/token (default ~/.config/charter/token), \
      readable only by you. The password is asked for without echo, or read with \
      --password-stdin.
      """
  )

  @Option(help: "The account's email.")
  var email: String

  @OptionGroup var password: PasswordOptions

  @Flag(help: "Print the token on standard output instead of saving it.")
  var printToken = false

  @OptionGroup(title: "Connection options") var connection: ConnectionOptions

  func run() async throws {
    let secret = try password.read(prompt: "Password for \(email): ")
    var response = try await connection.withRegistry(authenticated: false) { registry in
      try await registry.client.signIn(
        Registry.SignInRequest(email: email, password: secret),
        options: registry.callOptions
      )
    }
    if printToken {
      if connection.json {
        Console.output(response.protoJSON())
      } else {
        Console.output(response.token)
      }
      return
    }
    let path: String
    do {
      path = try TokenStore.save(response.token, environment: Console.environment)
    } catch {
      throw CommandFailure("signed in, but the token could not be saved: \(error)")
    }
    response.token = ""  // saved, not shown
    let person = response.person ?? Registry.Person()
    ResultPrinter.print(json: connection.json, response) {
      [
        "signed in as \(person.displayName) <\(person.email)>",
        "roles: " + PersonText.roles(person.roles, separator: ", "),
        "token saved in \(path) (valid until \(TimestampText.instant(response.expiresAt)))",
      ]
    }
  }
}
