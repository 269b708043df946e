import CharterValues
import FoundationEssentials
public import Logging
import ServiceKit
public import ServiceLifecycle
import Storage

/// Acts on dates: Recognised status lapsing after three years, ICT Marks running out, and the
/// commitment reminder and overdue flag, each on its day and each once. It looks for schools
/// whose next dated boundary has passed (the keeper records when to look again), so a tick
/// costs nothing when nothing is due, and ticking twice changes nothing the second time.
public struct AccreditationScheduler: Service {
  let keeper: StandingKeeper
  let interval: Duration
  let logger: Logger
  /// Schools settled per transaction.
  static let batch = 200

  public init(keeper: StandingKeeper, interval: Duration = .seconds(60), logger: Logger) {
    self.keeper = keeper
    self.interval = interval
    self.logger = logger
  }

  public func run() async throws {
    await cancelWhenGracefulShutdown {
      while !Task.isCancelled {
        do {
          let settled = try await tick()
          if settled > 0 { logger.info("dated changes applied", metadata: ["schools": "\(settled)"]) }
        } catch {
          if Task.isCancelled { return }
          logger.warning("scheduler tick failed", metadata: ["error": "\(error)"])
        }
        try? await Task.sleep(for: interval)
      }
    }
  }

  /// Applies every boundary due by now, in batches; returns how many schools it looked at.
  @discardableResult
  public func tick() async throws -> Int {
    let now = keeper.now
    let keeper = self.keeper
    var total = 0
    while true {
      let urns = try await keeper.store.database.read { db in
        try db.fetchAll(
          sql: "SELECT urn FROM standing WHERE next_check_at <= ? ORDER BY next_check_at LIMIT ?",
          arguments: [now.millisecondsSince1970, Self.batch]
        ).map { try $0["urn"] as String }
      }
      if urns.isEmpty { break }
      try await keeper.store.database.write { db in
        for urn in urns { try keeper.catchUp(urn, to: now, in: db) }
      }
      total += urns.count
      if urns.count < Self.batch { break }
    }
    return total
  }
}
