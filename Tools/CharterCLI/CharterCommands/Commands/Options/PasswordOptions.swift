internal import ArgumentParser

/// Where a password comes from. A password is never read from a flag unless `--password`
/// is given explicitly (for scripts), since flags end up in shell history and `ps`.
struct PasswordOptions: ParsableArguments {
  @Flag(help: "Read the password from the first line of standard input.")
  var passwordStdin = false

  @Option(
    help: ArgumentHelp(
      "The password itself (visible to other users in `ps`; prefer --password-stdin).",
      valueName: "password"
    )
  )
  var password: String?

  func validate() throws {
    if passwordStdin, password != nil {
      throw ValidationError("pass either --password-stdin or --password, not both")
    }
  }

  /// The password: from `--password`, standard input, or a prompt without echo.
  ///
  /// - Parameter confirm: Whether to prompt twice (when choosing a new password).
  func read(prompt: String, confirm: Bool = false) throws -> String {
    if let password { return password }
    if passwordStdin {
      guard let line = Console.readInputLine(), !line.isEmpty else {
        throw CommandFailure("--password-stdin: standard input holds no password")
      }
      return line
    }
    guard Console.inputIsTerminal, let first = Console.readSecret(prompt: prompt) else {
      throw CommandFailure(
        "no password given",
        hints: ["pipe it in with --password-stdin, or run in a terminal to be asked for it"]
      )
    }
    if confirm {
      guard Console.readSecret(prompt: "Repeat the password: ") == first else {
        throw CommandFailure("the two passwords differ")
      }
    }
    return first
  }
}
