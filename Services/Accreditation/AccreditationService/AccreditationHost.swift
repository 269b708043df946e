public import CharterValues
import Contracts
import FoundationEssentials
import Identity
public import Logging
import RegistryReplica
public import ServiceKit

/// Wires the accreditation service from settings: its store, the certificate signing key,
/// token checks with the registry's keys (every method but the public ones), the three feeds
/// its standings are derived from (the registry's schools and people, self-review's level 2
/// rule, evaluation's Marks), each followed with this service's credential, and the scheduler
/// that acts on dates.
public enum AccreditationHost {
  public static let signingKeyFile = SettingOption(
    flag: "--signing-key-file", environment: "SIGNING_KEY_FILE",
    help: "Ed25519 private key (PEM) to sign certificates with; default: a key kept in the store")
  public static let spotCheckShare = SettingOption(
    flag: "--spot-check-share", environment: "SPOT_CHECK_SHARE", default: "0.1",
    help: "the share of approved recognitions selected for a spot-check audit, 0 to 1")
  public static let schedulerInterval = SettingOption(
    flag: "--scheduler-interval", environment: "SCHEDULER_INTERVAL_SECONDS", default: "60",
    help: "seconds between looks for lapses, expiries and commitment notices")
  public static let clockOffsetDays = SettingOption(
    flag: "--clock-offset-days", environment: "CLOCK_OFFSET_DAYS",
    help: "run the service's clock this many days ahead of the system's, to rehearse lapses and expiries (tests, demos)"
  )
  /// The service's own settings, for `--help`.
  public static let options =
    PeerCredentials.options + [signingKeyFile, spotCheckShare, schedulerInterval, clockOffsetDays]
  /// The peers whose feeds it follows.
  public static let peers: [CharterService] = [.registry, .selfReview, .evaluation]

  /// The parts tests reach into: the host, and the keeper and scheduler it runs.
  public struct Assembly: Sendable {
    public let host: ServiceHost
    public let keeper: StandingKeeper
    public let scheduler: AccreditationScheduler
  }

  public static func build(
    settings: ServiceSettings, environment: [String: String], logger: Logger, clock: any WallClock = SystemWallClock()
  ) async throws -> ServiceHost {
    try await assemble(settings: settings, environment: environment, logger: logger, clock: clock).host
  }

  /// - Parameter rules: the Charter's periods and shares; by default the Charter's, with the
  ///   spot-check share from the settings.
  public static func assemble(
    settings: ServiceSettings, environment: [String: String], logger: Logger, rules: AccreditationRules? = nil,
    clock: any WallClock = SystemWallClock()
  ) async throws -> Assembly {
    var rules = rules ?? AccreditationRules()
    if let text = settings.option(spotCheckShare) {
      guard let share = Double(text), (0...1).contains(share) else {
        throw SettingsError.invalid(
          setting: spotCheckShare.environmentVariable, reason: "\"\(text)\" is not between 0 and 1")
      }
      rules.spotCheckShare = share
    }
    let intervalText = settings.option(schedulerInterval) ?? "60"
    guard let seconds = Double(intervalText), seconds > 0 else {
      throw SettingsError.invalid(
        setting: schedulerInterval.environmentVariable,
        reason: "\"\(intervalText)\" is not a positive number of seconds")
    }
    var clock = clock
    if let text = settings.option(clockOffsetDays) {
      guard let days = Int(text), days >= 0 else {
        throw SettingsError.invalid(
          setting: clockOffsetDays.environmentVariable, reason: "\"\(text)\" is not a whole number of days")
      }
      clock = OffsetWallClock(base: clock, offset: .seconds(Int64(days) * 86_400))
    }
    let store = try await AccreditationStore.open(inDirectory: settings.dataDirectory, clock: clock)
    let host = ServiceHost(.accreditation, settings: settings, logger: logger)
    host.keep(store)
    let signer = try await signer(settings: settings, store: store)
    let keeper = StandingKeeper(store: store, rules: rules, signer: signer)
    let credential = try PeerCredentials.serviceToken(settings: settings, environment: environment)
    let registry = Registry.Client(try host.client(for: .registry, credential: credential))
    host.serve(
      [AccreditationService(keeper: keeper)], verifier: try await host.tokenVerifier(registry: registry),
      publicMethods: AccreditationService.publicMethods)
    if credential != nil {
      let selfReview = SelfReview.Client(try host.client(for: .selfReview, credential: credential))
      let evaluation = Evaluation.Client(try host.client(for: .evaluation, credential: credential))
      host.run(
        FeedFollower(feed: RegistrySchoolsReplica.feed, source: registry, database: store.database, logger: logger) {
          event, db in try keeper.applyRegistry(event, in: db)
        })
      host.run(
        FeedFollower(feed: "self-review", source: selfReview, database: store.database, logger: logger) { event, db in
          try keeper.applySelfReview(event, in: db)
        })
      host.run(
        FeedFollower(feed: "evaluation", source: evaluation, database: store.database, logger: logger) { event, db in
          try keeper.applyEvaluation(event, in: db)
        })
    } else {
      logger.warning(
        "no service credential (SERVICE_TOKEN_FILE): not following the registry, self-review or evaluation; no standings"
      )
    }
    let scheduler = AccreditationScheduler(
      keeper: keeper, interval: .milliseconds(Int64(seconds * 1000)), logger: logger)
    host.run(scheduler)
    return Assembly(host: host, keeper: keeper, scheduler: scheduler)
  }

  /// The configured key file's signer, else one with the key kept in the store (made on first
  /// start; keys retired from the store still verify the certificates they signed).
  private static func signer(settings: ServiceSettings, store: AccreditationStore) async throws -> CertificateSigner {
    if let file = settings.option(signingKeyFile) {
      do {
        return try CertificateSigner(privateKeyPEM: try String(contentsOfFile: file, encoding: .utf8))
      } catch {
        throw SettingsError.invalid(setting: signingKeyFile.environmentVariable, reason: "cannot use \(file): \(error)")
      }
    }
    let stored = try await store.signingKey { CertificateSigner.generatePrivateKeyPEM() }
    let retired = try stored.retiredPrivateKeys.map { try CertificateSigner(privateKeyPEM: $0).current.pem }
    return try CertificateSigner(privateKeyPEM: stored.current, previousPublicKeyPEMs: retired)
  }
}

/// A clock a fixed duration ahead of another: lets a real `charter-accreditation` process
/// (a cross-service test, a demo) live on the day a Mark or a recognition lapses, while the
/// tokens it checks keep the system's time.
struct OffsetWallClock: WallClock {
  let base: any WallClock
  let offset: Duration
  func now() -> UTCTime { base.now().adding(offset) }
}
