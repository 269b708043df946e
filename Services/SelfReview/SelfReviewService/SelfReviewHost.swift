public import CharterValues
import Contracts
import Identity
public import Logging
import RegistryReplica
public import ServiceKit

/// Wires the self-review service from settings: its store, the framework catalog (validated
/// at start-up), token checks with the registry's keys, and the replica of the registry's
/// schools, kept by following the registry's feed with this service's credential.
public enum SelfReviewHost {
  public static let options = PeerCredentials.options

  public static func build(
    settings: ServiceSettings, environment: [String: String], logger: Logger, clock: any WallClock = SystemWallClock()
  ) async throws -> ServiceHost {
    let frameworks = try FrameworkCatalog.builtIn()
    let store = try await SelfReviewStore.open(inDirectory: settings.dataDirectory, clock: clock)
    let host = ServiceHost(.selfReview, settings: settings, logger: logger)
    host.keep(store)
    let credential = try PeerCredentials.serviceToken(settings: settings, environment: environment)
    let registry = Registry.Client(try host.client(for: .registry, credential: credential))
    host.serve(
      [try SelfReviewService(store: store, frameworks: frameworks)],
      verifier: try await host.tokenVerifier(registry: registry))
    if credential != nil {
      host.run(
        RegistrySchoolsReplica.follower(registry: registry, database: store.database, logger: logger) { old, new, db in
          try SelfReviewStore.schoolChanged(from: old, to: new, in: db)
        })
    } else {
      logger.warning(
        "no service credential (SERVICE_TOKEN_FILE): not following the registry's schools; reviews cannot start")
    }
    return host
  }
}
