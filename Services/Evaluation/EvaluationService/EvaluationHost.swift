public import CharterValues
import Contracts
public import Logging
import RegistryReplica
public import ServiceKit

/// Wires the evaluation service from settings: its store and rules, token checks with the
/// registry's keys, the registry follower (schools and assessor roles) and the self-review
/// follower (standings), both with this service's credential, and the Mark scheduler.
public enum EvaluationHost {
  public static let renewalNoticeMonths = SettingOption(
    flag: "--renewal-notice-months", environment: "RENEWAL_NOTICE_MONTHS", default: "6",
    help: "months before a Mark expires that its renewal falls due")
  public static let moderationSampleRate = SettingOption(
    flag: "--moderation-sample-rate", environment: "MODERATION_SAMPLE_RATE", default: "0.1",
    help: "share (0-1) of assessments moderated beyond an assessor's first and tenth")
  public static let demoBackdating = SettingOption(
    flag: "--demo-backdating", environment: "DEMO_BACKDATING", default: "off",
    help: "on: honour a call's charter-demo-as-of time (loading demo data only; never in a real deployment)")
  public static let markCheckInterval = SettingOption(
    flag: "--mark-check-interval", environment: "MARK_CHECK_INTERVAL", default: "60",
    help: "seconds between the Mark scheduler's looks at the clock, at most")
  /// The evaluation service's own settings, for `--help`.
  public static let options =
    PeerCredentials.options + [renewalNoticeMonths, moderationSampleRate, demoBackdating, markCheckInterval]

  /// The rules the settings give.
  /// - Throws: ``SettingsError`` naming a malformed setting.
  public static func rules(settings: ServiceSettings) throws(SettingsError) -> EvaluationRules {
    var rules = EvaluationRules()
    if let text = settings.option(renewalNoticeMonths) {
      guard let months = Int(text), (0...24).contains(months) else {
        throw .invalid(setting: renewalNoticeMonths.environmentVariable, reason: "\"\(text)\" is not 0 to 24 months")
      }
      rules.markTerms.renewalNoticeMonths = months
    }
    if let text = settings.option(moderationSampleRate) {
      guard let rate = Double(text), (0...1).contains(rate) else {
        throw .invalid(setting: moderationSampleRate.environmentVariable, reason: "\"\(text)\" is not between 0 and 1")
      }
      rules.moderationSampleRate = rate
    }
    if let text = settings.option(demoBackdating) {
      switch text.lowercased() {
      case "on", "true", "1": rules.demoBackdating = true
      case "off", "false", "0", "": rules.demoBackdating = false
      default: throw .invalid(setting: demoBackdating.environmentVariable, reason: "\"\(text)\" is not on or off")
      }
    }
    return rules
  }

  public static func build(
    settings: ServiceSettings, environment: [String: String], logger: Logger, clock: any WallClock = SystemWallClock()
  ) async throws -> ServiceHost {
    let rules = try rules(settings: settings)
    if rules.demoBackdating {
      logger.warning("demo-load mode: calls may backdate themselves with charter-demo-as-of (demo data only)")
    }
    var interval = Duration.seconds(60)
    if let text = settings.option(markCheckInterval) {
      guard let seconds = Int(text), (1...3600).contains(seconds) else {
        throw SettingsError.invalid(
          setting: markCheckInterval.environmentVariable, reason: "\"\(text)\" is not 1 to 3600 seconds")
      }
      interval = .seconds(seconds)
    }
    let store = try await EvaluationStore.open(inDirectory: settings.dataDirectory, clock: clock)
    return try await build(
      store: store, rules: rules, settings: settings, environment: environment, logger: logger,
      schedulerInterval: interval)
  }

  /// Wires a service around a store already open (tests keep the store to move its clock and
  /// tick the scheduler).
  /// - Parameter schedulerInterval: how often the Mark scheduler looks at the clock at least.
  public static func build(
    store: EvaluationStore, rules: EvaluationRules, settings: ServiceSettings, environment: [String: String],
    logger: Logger, schedulerInterval: Duration = .seconds(60)
  ) async throws -> ServiceHost {
    let host = ServiceHost(.evaluation, settings: settings, logger: logger)
    host.keep(store)
    let credential = try PeerCredentials.serviceToken(settings: settings, environment: environment)
    let registry = Registry.Client(try host.client(for: .registry, credential: credential))
    host.serve(
      [EvaluationService(store: store, rules: rules)], verifier: try await host.tokenVerifier(registry: registry))
    if credential != nil {
      host.run(
        FeedFollower(feed: RegistrySchoolsReplica.feed, source: registry, database: store.database, logger: logger) {
          event, db in try store.applyRegistryEvent(event, in: db)
        })
      let selfReview = SelfReview.Client(try host.client(for: .selfReview, credential: credential))
      host.run(
        FeedFollower(feed: EvaluationStore.selfReviewFeed, source: selfReview, database: store.database, logger: logger)
        { event, db in try store.applySelfReviewEvent(event, in: db) })
    } else {
      logger.warning(
        "no service credential (SERVICE_TOKEN_FILE): not following the registry or the self-review; no school can apply"
      )
    }
    host.run(MarkScheduler(store: store, logger: logger, interval: schedulerInterval))
    return host
  }
}
