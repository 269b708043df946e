public import ArgumentParser
internal import RPCCore

#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// `charter`, the typed internal client operators use to work with the Charter platform's
/// services over gRPC.
///
/// The executable only calls ``main()``; every command lives in this library so the pieces it
/// wires together (CSV reading, row mapping, role grants, formatting, the import engine) can be
/// tested without a network.
public struct CharterCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "charter",
    abstract: "Work with the Charter platform's services.",
    discussion: """
      Results go to standard output (text, or proto3 JSON with --json); errors go to standard \
      error as "error: <CODE>: <message>" with exit status 1 (2 for usage errors).
      """,
    subcommands: [
      RegistryCommand.self, SelfReviewCommand.self, EvaluationCommand.self, AccreditationCommand.self,
      HealthCommand.self, ServicesCommand.self,
    ]
  )

  public init() {}

  /// Parses the command line, runs the command, and exits with its status: 0 on success,
  /// 1 when a call or the command fails (printed as `error: …`), 2 for usage errors.
  public static func main() async {
    do {
      var command = try parseAsRoot()
      if var command = command as? any AsyncParsableCommand {
        try await command.run()
      } else {
        try command.run()
      }
    } catch {
      exitReporting(error)
    }
    exitProcess(0)
  }

  /// The exit status for an error, as ``main()`` uses it.
  public static func exitStatus(for error: any Error) -> Int32 {
    switch error {
    case let failure as CommandFailure: failure.exitCode
    case is RPCError: 1
    default:
      exitCode(for: error) == .validationFailure ? 2 : exitCode(for: error).rawValue
    }
  }

  private static func exitReporting(_ error: any Error) -> Never {
    switch error {
    case let failure as CommandFailure:
      flushOutput()
      for line in failure.lines { Console.error(line) }
      exitProcess(failure.exitCode)
    case let error as RPCError:
      flushOutput()
      for line in ErrorText.lines(for: error) { Console.error(line) }
      exitProcess(1)
    default:
      let code = exitCode(for: error)
      if code == .validationFailure {
        flushOutput()
        Console.error(fullMessage(for: error))
        exitProcess(2)
      }
      if error is ExitCode || code == .success {
        exit(withError: error)  // an exit status already decided, or help requested
      }
      // Any other failure of a command (a file it could not read, say) reads like the rest.
      flushOutput()
      Console.error("error: \(error)")
      exitProcess(code.rawValue)
    }
  }

  private static func flushOutput() { Console.flushOutput() }

  private static func exitProcess(_ status: Int32) -> Never {
    Console.flushOutput()
    #if canImport(Glibc)
      Glibc.exit(status)
    #else
      Darwin.exit(status)
    #endif
  }
}
