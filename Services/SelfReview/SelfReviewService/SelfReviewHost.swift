public import CharterValues
import Contracts
import Identity
public import Logging
import RegistryReplica
public import ServiceKit

/// Wires the self-review service from settings: its store, the framework catalog (validated
/// at start-up), token checks with the registry's keys, the replica of the registry's
/// schools, kept by following the registry's feed with this service's credential, and the
/// ICT Mark allocations, kept by following the evaluation service's feed.
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
      // Assessors read the schools allocated to them, as evaluation's feed says; while the
      // evaluation service is unreachable the follower retries, and assessors wait.
      if settings.address(of: .evaluation) != nil || settings.peerTransports[.evaluation] != nil {
        let evaluation = Evaluation.Client(try host.client(for: .evaluation, credential: credential))
        host.run(
          FeedFollower(
            feed: SelfReviewStore.evaluationFeed, source: evaluation, database: store.database, logger: logger
          ) { event, db in try SelfReviewStore.applyEvaluationEvent(event, in: db) })
      } else {
        logger.notice("no evaluation address: assessors cannot read the reviews of schools allocated to them")
      }
    } else {
      logger.warning(
        "no service credential (SERVICE_TOKEN_FILE): not following the registry's schools; reviews cannot start")
    }
    return host
  }
}
