/// The token `charter registry sign-in` saves, so later commands are signed in without
/// passing a token each time.
///
/// It lives in `$CHARTER_CONFIG_DIR/token`, or `$XDG_CONFIG_HOME/charter/token`, or
/// `~/.config/charter/token`, readable by its owner only (mode 0600, in a 0700 directory):
/// it is a bearer credential.
public enum TokenStore {
  /// Where the token is kept, or `nil` when no directory can be named (no `HOME`).
  public static func path(environment: (String) -> String?) -> String? {
    if let directory = environment("CHARTER_CONFIG_DIR"), !directory.isEmpty {
      return join(directory, "token")
    }
    if let config = environment("XDG_CONFIG_HOME"), config.hasPrefix("/") {
      return join(join(config, "charter"), "token")
    }
    if let home = environment("HOME"), !home.isEmpty {
      return join(join(join(home, ".config"), "charter"), "token")
    }
    return nil
  }

  /// Saves `token`, replacing any saved one atomically.
  ///
  /// - Returns: The file's path.
  /// - Throws: ``FileError`` when the directory cannot be created or the file written.
  static func save(_ token: String, environment: (String) -> String?) throws -> String {
    guard let path = path(environment: environment) else {
      throw FileError(path: "~/.config/charter", reason: "HOME is not set; set CHARTER_CONFIG_DIR")
    }
    try Files.createDirectories(parentOf: path, mode: 0o700)
    try Files.writeAtomically(token + "\n", to: path, mode: 0o600)
    return path
  }

  /// Deletes the saved token.
  ///
  /// - Returns: The path, and whether there was a token to delete.
  static func remove(environment: (String) -> String?) throws -> (path: String?, removed: Bool) {
    guard let path = path(environment: environment) else { return (nil, false) }
    return (path, try Files.remove(path))
  }

  private static func join(_ directory: String, _ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
  }
}
