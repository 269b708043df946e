public import Contracts
import FoundationEssentials
public import Identity
import Logging
public import RPCCore
import ServiceLifecycle

/// How a service other than the registry learns to check tokens, and how it proves who it is
/// when it calls its peers.
///
/// Verification keys come from `--token-public-key-file` (the PEM the registry writes), or
/// else from the registry's GetVerificationKeys: fetched in the background at start-up
/// (the service reports NOT_SERVING until it has them) and again every few minutes, so a
/// rotated registry key is learnt without a restart. The service's own credential comes from
/// `--service-token-file` or `SERVICE_TOKEN` (issued by a programme admin with
/// IssueServiceToken).
public enum PeerCredentials {
  public static let publicKeyFile = SettingOption(
    flag: "--token-public-key-file", environment: "TOKEN_PUBLIC_KEY_FILE",
    help: "the registry's token verification key (PEM); default: fetched from the registry")
  public static let serviceTokenFile = SettingOption(
    flag: "--service-token-file", environment: "SERVICE_TOKEN_FILE",
    help: "this service's credential for calling its peers (or set SERVICE_TOKEN)")

  /// Both options, for a service's `--help`.
  public static let options = [publicKeyFile, serviceTokenFile]

  /// This service's credential, if configured.
  /// - Throws: ``SettingsError`` when the configured file cannot be read.
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

extension ServiceHost {
  /// A verifier of Charter tokens: with the key file when one is configured, else with the
  /// keys the registry publishes, learnt by a background task (the service is not ready
  /// until the first answer).
  /// - Throws: ``SettingsError`` when the configured key file cannot be read or used.
  public func tokenVerifier(registry: Registry.Client) async throws -> TokenVerifier {
    if let file = settings.option(PeerCredentials.publicKeyFile) {
      do {
        return try await TokenVerifier(keys: [try VerificationKey(pem: String(contentsOfFile: file, encoding: .utf8))])
      } catch {
        throw SettingsError.invalid(
          setting: PeerCredentials.publicKeyFile.environmentVariable, reason: "cannot use \(file): \(error)")
      }
    }
    let verifier = try await TokenVerifier()
    run(
      VerificationKeyRefresh(
        registry: registry, verifier: verifier, ready: readiness.gate("verification keys"), logger: logger))
    return verifier
  }
}

/// Learns the registry's token verification keys: retries until the registry answers (then
/// the service may report SERVING), and asks again every few minutes for rotated keys.
struct VerificationKeyRefresh: Service {
  let registry: Registry.Client
  let verifier: TokenVerifier
  let ready: Readiness.Gate
  let logger: Logger
  var interval: Duration = .seconds(300)

  func run() async throws {
    await cancelWhenGracefulShutdown {
      var learnt = false
      while !Task.isCancelled {
        do {
          let response = try await registry.getVerificationKeys(.init(), options: CallOptions(timeout: .seconds(5)))
          try await verifier.add(try response.keys.map { try VerificationKey(pem: $0.publicKeyPem) })
          if !learnt {
            learnt = true
            ready.open()
            logger.info("learnt the registry's verification keys", metadata: ["keys": "\(verifier.keyIDs.count)"])
          }
          try? await Task.sleep(for: interval)
        } catch {
          if Task.isCancelled { return }
          logger.info("waiting for the registry's verification keys", metadata: ["error": "\(error)"])
          try? await Task.sleep(for: learnt ? interval : .milliseconds(500))
        }
      }
    }
  }
}
