/// Where the bearer token for a call comes from, in order of precedence: `--token`,
/// `--token-file`, the `CHARTER_TOKEN` environment variable, and the token `charter registry
/// sign-in` saved.
///
/// Knowing the source lets an UNAUTHENTICATED error say which token was refused.
public enum CredentialSource: Hashable, Sendable, CustomStringConvertible {
  /// `--token TOKEN`.
  case flag
  /// `--token-file FILE`.
  case file(String)
  /// The `CHARTER_TOKEN` environment variable.
  case environment
  /// The file `sign-in` saved the token in.
  case saved(String)

  public var description: String {
    switch self {
    case .flag: "--token"
    case .file(let path): "--token-file \(path)"
    case .environment: "CHARTER_TOKEN"
    case .saved(let path): path
    }
  }
}
