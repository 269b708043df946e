public import CharterValues
public import Logging
public import ServiceKit
public import ServiceLifecycle

/// Makes ICT Marks fall due for renewal and expire on time, without anyone calling: one of the
/// service's lifecycle tasks.
///
/// Each ``tick()`` moves every Mark whose renewal date or expiry has come (by the store's
/// clock) and announces it on the feed, in one transaction; a Mark already moved is not found
/// again, so ticks are idempotent and every event happens once. The task ticks at start, then
/// whenever the next date comes or `interval` passes, whichever is sooner, so a clock that is
/// moved (a ``ManualWallClock`` in a demo) is noticed within `interval`. Tests call ``tick()``
/// directly.
public struct MarkScheduler: Service {
  let store: EvaluationStore
  let logger: Logger
  let interval: Duration

  public init(store: EvaluationStore, logger: Logger, interval: Duration = .seconds(60)) {
    self.store = store
    self.logger = logger
    self.interval = interval
  }

  /// Moves every Mark whose date has come.
  /// - Returns: What moved.
  @discardableResult
  public func tick() async throws -> EvaluationStore.MarkChanges {
    let changes = try await store.applyMarkDates(now: store.now)
    if !changes.renewalsDue.isEmpty || !changes.expired.isEmpty {
      logger.info(
        "ICT Marks moved on",
        metadata: ["renewal_due": "\(changes.renewalsDue.count)", "expired": "\(changes.expired.count)"])
    }
    return changes
  }

  public func run() async throws {
    await cancelWhenGracefulShutdown {
      while !Task.isCancelled {
        var wait = interval
        do {
          try await tick()
          if let next = try await store.nextMarkDate() {
            let until = store.now.duration(to: next)
            wait = max(.milliseconds(10), min(interval, until))
          }
        } catch {
          if Task.isCancelled { return }
          logger.warning("the Mark scheduler could not tick; trying again", metadata: ["error": "\(error)"])
        }
        try? await Task.sleep(for: wait)
      }
    }
  }
}
