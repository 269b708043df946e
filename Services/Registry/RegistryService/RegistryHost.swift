public import CharterValues
import FoundationEssentials
import Identity
public import Logging
public import ServiceKit

/// Wires the registry from settings: its store, the signing key, token checks on every call
/// but sign-in, the optional first programme admin, and the public key file other services
/// read. `main.swift` and the tests both use it.
public enum RegistryHost {
  public static let bootstrapAdminEmail = SettingOption(
    flag: "--bootstrap-admin-email", environment: "BOOTSTRAP_ADMIN_EMAIL",
    help: "create this programme admin on first start (password from BOOTSTRAP_ADMIN_PASSWORD)")
  public static let signingKeyFile = SettingOption(
    flag: "--signing-key-file", environment: "SIGNING_KEY_FILE",
    help: "Ed25519 private key (PEM) to sign tokens with; default: a key the registry keeps in its store")
  public static let publicKeyFile = SettingOption(
    flag: "--token-public-key-file", environment: "TOKEN_PUBLIC_KEY_FILE",
    help: "where to write the token verification key (PEM); default <data-dir>/registry-token-key.pem")
  /// The registry's own settings, for `--help`.
  public static let options = [bootstrapAdminEmail, signingKeyFile, publicKeyFile]

  public static func build(
    settings: ServiceSettings, environment: [String: String], logger: Logger,
    configuration: RegistryService.Configuration = .init(), clock: any WallClock = SystemWallClock()
  ) async throws -> ServiceHost {
    let store = try await RegistryStore.open(inDirectory: settings.dataDirectory, clock: clock)
    let host = ServiceHost(.registry, settings: settings, logger: logger)
    host.keep(store)
    let signer = try await TokenSigner(privateKeyPEM: try await signingKey(settings: settings, store: store))
    if let email = settings.option(bootstrapAdminEmail) {
      try await ensureProgrammeAdmin(email, environment: environment, store: store, configuration: configuration)
    }
    let keyPath = settings.option(publicKeyFile) ?? settings.dataDirectory + "/registry-token-key.pem"
    try signer.publicKey.pem.write(toFile: keyPath, atomically: true, encoding: .utf8)
    host.serve(
      [RegistryService(store: store, signer: signer, configuration: configuration)],
      verifier: try await TokenVerifier(keys: [signer.publicKey]), publicMethods: RegistryService.publicMethods)
    return host
  }

  /// The configured key file's PEM, else the key kept in the store (made on first start).
  private static func signingKey(settings: ServiceSettings, store: RegistryStore) async throws -> String {
    guard let file = settings.option(signingKeyFile) else {
      return try await store.signingKey { try TokenSigner.generatePrivateKeyPEM() }
    }
    do {
      return try String(contentsOfFile: file, encoding: .utf8)
    } catch {
      throw SettingsError.invalid(setting: signingKeyFile.environmentVariable, reason: "cannot read \(file): \(error)")
    }
  }

  private static func ensureProgrammeAdmin(
    _ email: String, environment: [String: String], store: RegistryStore, configuration: RegistryService.Configuration
  ) async throws {
    guard let password = environment["BOOTSTRAP_ADMIN_PASSWORD"], !password.isEmpty else {
      throw SettingsError.invalid(
        setting: "BOOTSTRAP_ADMIN_PASSWORD", reason: "is required with --bootstrap-admin-email")
    }
    let hash = try PasswordHash.make(password: password, logRounds: configuration.passwordLogRounds)
    if try await store.ensureProgrammeAdmin(
      email: try Email.normalise(email), displayName: "Programme admin", passwordHash: hash.encoded)
    {
      Logger(label: "charter-registry").notice("created the first programme admin", metadata: ["email": "\(email)"])
    }
  }
}
