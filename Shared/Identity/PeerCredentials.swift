public import Contracts
import FoundationEssentials
public import Logging
import RPCCore
public import ServiceKit

/// How a service other than the registry learns to check tokens, and how it proves who it is
/// when it calls its peers.
///
/// Verification keys come from `--token-public-key-file` (the PEM the registry writes), or
/// else from the registry's GetVerificationKeys, retried until the registry answers. The
/// service's own credential comes from `--service-token-file` or `SERVICE_TOKEN` (issued by a
/// programme admin with IssueServiceToken).
public enum PeerCredentials {
  public static let publicKeyFile = SettingOption(
    flag: "--token-public-key-file", environment: "TOKEN_PUBLIC_KEY_FILE",
    help: "the registry's token verification key (PEM); default: fetched from the registry")
  public static let serviceTokenFile = SettingOption(
    flag: "--service-token-file", environment: "SERVICE_TOKEN_FILE",
    help: "this service's credential for calling its peers (or set SERVICE_TOKEN)")

  /// The keys to verify tokens with.
  /// - Throws: when the configured file cannot be read, or the registry does not answer
  ///   within `patience`.
  public static func verificationKeys(
    settings: ServiceSettings, registry: @autoclosure () -> Registry.Client, logger: Logger,
    patience: Duration = .seconds(60)
  ) async throws -> [VerificationKey] {
    if let file = settings.option(publicKeyFile) {
      let pem: String
      do {
        pem = try String(contentsOfFile: file, encoding: .utf8)
      } catch {
        throw SettingsError.invalid(setting: publicKeyFile.environmentVariable, reason: "cannot read \(file): \(error)")
      }
      return [try VerificationKey(pem: pem)]
    }
    let client = registry()
    let end = ContinuousClock.now.advanced(by: patience)
    while true {
      do {
        let response = try await client.getVerificationKeys(.init(), options: CallOptions(timeout: .seconds(5)))
        return try response.keys.map { try VerificationKey(pem: $0.publicKeyPem) }
      } catch let error as RPCError where error.code == .unavailable && ContinuousClock.now < end {
        logger.info("waiting for the registry's verification keys", metadata: ["error": "\(error)"])
        try await Task.sleep(for: .milliseconds(500))
      }
    }
  }

  /// This service's credential, if configured.
  public static func serviceToken(settings: ServiceSettings, environment: [String: String]) throws -> String? {
    if let file = settings.option(serviceTokenFile) {
      do {
        let token = String(try String(contentsOfFile: file, encoding: .utf8).filter { !$0.isWhitespace })
        return token.isEmpty ? nil : token
      } catch {
        throw SettingsError.invalid(
          setting: serviceTokenFile.environmentVariable, reason: "cannot read \(file): \(error)")
      }
    }
    return environment["SERVICE_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
  }
}
