public import RPCCore

/// How the CLI words failures on standard error.
///
/// An RPC failure reads `error: <CODE>: <message>`, the code in gRPC's spelling so it can be
/// searched for; some codes add a `hint:` line saying what to do next.
public enum ErrorText {
  /// `<CODE>: <message>`, or just the code when the message is empty.
  public static func status(of error: RPCError) -> String {
    error.message.isEmpty ? "\(error.code)" : "\(error.code): \(error.message)"
  }

  /// The lines to print for a failed call: `error: …`, then any hints.
  ///
  /// - Parameters:
  ///   - error: The failure.
  ///   - credential: Where the token sent with the call came from (`nil`: none was sent), so
  ///     an UNAUTHENTICATED hint can say which token was refused.
  public static func lines(for error: RPCError, credential: CredentialSource? = nil) -> [String] {
    var lines = ["error: " + status(of: error)]
    switch error.code {
    case .unauthenticated:
      switch credential {
      case nil:
        lines.append(
          "hint: no token was sent; sign in with `charter registry sign-in --email EMAIL`, "
            + "or pass --token, --token-file or CHARTER_TOKEN"
        )
      case .saved(let path)?:
        lines.append(
          "hint: the token saved in \(path) was refused (it may have expired); sign in again "
            + "with `charter registry sign-in --email EMAIL`"
        )
      case let source?:
        lines.append(
          "hint: the token from \(source) was refused (it may have expired); sign in with "
            + "`charter registry sign-in --email EMAIL` or pass a fresh token"
        )
      }
    case .unavailable:
      lines.append("hint: is the service running at the address given (--address)?")
    case .deadlineExceeded:
      lines.append("hint: the call took longer than --timeout allows")
    default:
      break
    }
    return lines
  }
}
