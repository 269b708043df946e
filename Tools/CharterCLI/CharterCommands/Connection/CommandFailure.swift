public import RPCCore

/// A command that failed in a way the user should read: printed on standard error as
/// `error: <message>` (plus `hint:` lines), exiting with ``exitCode``.
///
/// RPC failures become one through ``init(_:credential:)``, so they read
/// `error: <CODE>: <message>` wherever they come from.
public struct CommandFailure: Error, Hashable, Sendable, CustomStringConvertible {
  /// The lines to print, the first starting `error: `.
  public var lines: [String]
  /// The process exit status (1 unless said otherwise).
  public var exitCode: Int32

  /// A failure with a message and optional hints.
  public init(_ message: String, hints: [String] = [], exitCode: Int32 = 1) {
    self.lines = ["error: " + message] + hints.map { "hint: " + $0 }
    self.exitCode = exitCode
  }

  /// A failed call, worded by ``ErrorText/lines(for:credential:)``.
  public init(_ error: RPCError, credential: CredentialSource? = nil) {
    self.lines = ErrorText.lines(for: error, credential: credential)
    self.exitCode = 1
  }

  public var description: String { lines.joined(separator: "\n") }
}
