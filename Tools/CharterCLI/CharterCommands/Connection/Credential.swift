internal import Identity

/// A bearer token and where it came from.
public struct Credential: Hashable, Sendable {
  public var token: String
  public var source: CredentialSource

  public init(token: String, source: CredentialSource) {
    self.token = token
    self.source = source
  }

  /// The `authorization` metadata value: `Bearer <token>`.
  public var authorizationValue: String { BearerCredential.metadataValue(for: token) }

  /// Picks the token a call should carry.
  ///
  /// - Parameters:
  ///   - flag: `--token`, if given.
  ///   - file: `--token-file`, if given.
  ///   - environment: Looks up an environment variable.
  ///   - readFile: Returns a file's text, or `nil` when it does not exist.
  /// - Returns: The first token found, or `nil` (calls then carry none).
  /// - Throws: ``CredentialError`` when `--token` is empty or `--token-file` is missing or
  ///   empty (a token the user named must be there; only the saved one is optional).
  public static func resolve(
    flag: String?,
    file: String?,
    environment: (String) -> String?,
    readFile: (String) throws -> String?
  ) throws -> Credential? {
    if let flag {
      let token = flag.trimmingSpaces
      guard !token.isEmpty else { throw CredentialError.empty(.flag) }
      return Credential(token: token, source: .flag)
    }
    if let file {
      guard let text = try readFile(file) else { throw CredentialError.missingFile(file) }
      let token = text.trimmingSpaces
      guard !token.isEmpty else { throw CredentialError.empty(.file(file)) }
      return Credential(token: token, source: .file(file))
    }
    if let value = environment("CHARTER_TOKEN")?.trimmingSpaces, !value.isEmpty {
      return Credential(token: value, source: .environment)
    }
    if let path = TokenStore.path(environment: environment),
      let text = try readFile(path)?.trimmingSpaces, !text.isEmpty
    {
      return Credential(token: text, source: .saved(path))
    }
    return nil
  }
}
