import FoundationEssentials
import Identity
public import Logging
public import ServiceKit

/// Builds a running registry from settings: store (migrated), signing key, token checks on
/// every call but sign-in, the optional first programme admin, and the public key file other
/// services read. `main.swift` and the tests both use it.
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

  public static func build(
    settings: ServiceSettings, environment: [String: String], logger: Logger,
    configuration: RegistryService.Configuration = .init()
  ) async throws -> ServiceHost {
    let store = try await RegistryStore.open(inDirectory: settings.dataDirectory)
    do {
      let pem: String
      if let file = settings.option(signingKeyFile) {
        do {
          pem = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
          throw SettingsError.invalid(
            setting: signingKeyFile.environmentVariable, reason: "cannot read \(file): \(error)")
        }
      } else {
        pem = try await store.signingKey { try TokenSigner.generatePrivateKeyPEM() }
      }
      let signer = try await TokenSigner(privateKeyPEM: pem)
      let verifier = try await TokenVerifier(keys: [signer.publicKey])

      if let email = settings.option(bootstrapAdminEmail) {
        guard let password = environment["BOOTSTRAP_ADMIN_PASSWORD"], !password.isEmpty else {
          throw SettingsError.invalid(
            setting: "BOOTSTRAP_ADMIN_PASSWORD", reason: "is required with --bootstrap-admin-email")
        }
        let hash = try PasswordHash.make(password: password, logRounds: configuration.passwordLogRounds)
        if try await store.ensureProgrammeAdmin(
          email: try Email.normalise(email), displayName: "Programme admin", passwordHash: hash.encoded, now: Date())
        {
          logger.notice("created the first programme admin", metadata: ["email": "\(email)"])
        }
      }

      let keyPath = settings.option(publicKeyFile) ?? settings.dataDirectory + "/registry-token-key.pem"
      try signer.publicKey.pem.write(toFile: keyPath, atomically: true, encoding: .utf8)

      let service = RegistryService(store: store, signer: signer, configuration: configuration)
      let host = ServiceHost(
        identity: .registry, settings: settings, services: [service],
        interceptors: [
          AuthenticationInterceptor(
            authenticator: TokenAuthenticator(verifier: verifier), publicMethods: RegistryService.publicMethods)
        ],
        logger: logger)
      host.onShutdown { await store.close() }
      return host
    } catch {
      await store.close()
      throw error
    }
  }
}
