/// A token the user pointed at that cannot be used.
public enum CredentialError: Error, Hashable, Sendable, CustomStringConvertible {
  /// `--token-file` names a file that does not exist.
  case missingFile(String)
  /// The token given is empty.
  case empty(CredentialSource)

  public var description: String {
    switch self {
    case .missingFile(let path): "token file \(path) does not exist"
    case .empty(let source): "the token from \(source) is empty"
    }
  }
}
