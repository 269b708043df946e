internal import ArgumentParser

/// `charter registry sign-out`: forgets the saved token.
struct SignOutCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sign-out",
    abstract: "Delete the token saved by sign-in."
  )

  func run() async throws {
    let (path, removed) = try TokenStore.remove(environment: Console.environment)
    if removed {
      Console.output("deleted the saved token \(path ?? "")")
    } else {
      Console.output("no saved token" + (path.map { " (looked for \($0))" } ?? ""))
    }
  }
}
