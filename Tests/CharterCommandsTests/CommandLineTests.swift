import ArgumentParser
import CharterCommands
import RPCCore
import Testing

/// Parsing the command line: bad values are usage errors (exit 2) with the reason.
@Suite("Command line")
struct CommandLineTests {
  @Test("Usage errors exit 2, failed calls and commands 1")
  func exitStatus() {
    #expect(CharterCommand.exitStatus(for: RPCError(code: .unavailable, message: "down")) == 1)
    #expect(CharterCommand.exitStatus(for: CommandFailure("bad file")) == 1)
    #expect(throws: (any Error).self) {
      try CharterCommand.parseAsRoot(["registry", "get-school", "12"])
    }
    do {
      _ = try CharterCommand.parseAsRoot(["registry", "grant-role", "p-1", "school-admin"])
      Issue.record("a grant without its scope parsed")
    } catch {
      #expect(CharterCommand.exitStatus(for: error) == 2)
      #expect(CharterCommand.message(for: error).contains("school-admin needs a school URN"))
    }
    do {
      _ = try CharterCommand.parseAsRoot(["registry", "commit-school", "107979"])
      Issue.record("commit-school without --accept-charter parsed")
    } catch {
      #expect(CharterCommand.exitStatus(for: error) == 2)
    }
  }
}
