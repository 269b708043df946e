import CharterValues
public import CoreMetrics
import Dispatch
import FoundationEssentials
public import Prometheus
import Storage
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// One service's metrics, in Prometheus text on its admin port (`--metrics-port`): RPCs by
/// method and status with latency histograms, calls in flight, HTTP/2 connections, feed lag
/// per follower, outbox size, SQLite WAL size and checkpoints, process memory and CPU.
///
/// Metrics are recorded through swift-metrics types made by a swift-prometheus factory that
/// belongs to this service (not the process-wide `MetricsSystem`), so several services in one
/// test process keep apart. Values that are read rather than counted (sizes, lags, memory) are
/// sampled when the endpoint is scraped.
public final class ServiceMetrics: Sendable {
  public let registry: PrometheusCollectorRegistry
  let factory: PrometheusMetricsFactory
  private let samplers = Mutex<[@Sendable () -> Void]>([])

  /// Latency buckets for RPCs: 100 µs to 10 s.
  static let latencyBuckets: [Duration] = [
    .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2.5),
    .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
    .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(10),
  ]

  public init() {
    let registry = PrometheusCollectorRegistry()
    var factory = PrometheusMetricsFactory(registry: registry)
    factory.defaultDurationHistogramBuckets = Self.latencyBuckets
    self.registry = registry
    self.factory = factory
    addProcessSamplers()
  }

  /// A counter with these dimensions (made once, then reused by label and dimensions).
  public func counter(_ label: String, _ dimensions: [(String, String)] = []) -> CoreMetrics.Counter {
    CoreMetrics.Counter(label: label, dimensions: dimensions, factory: factory)
  }

  /// A latency histogram (Prometheus `_seconds` buckets).
  public func timer(_ label: String, _ dimensions: [(String, String)] = []) -> CoreMetrics.Timer {
    CoreMetrics.Timer(label: label, dimensions: dimensions, factory: factory)
  }

  /// A gauge.
  public func gauge(_ label: String, _ dimensions: [(String, String)] = []) -> CoreMetrics.Gauge {
    CoreMetrics.Gauge(label: label, dimensions: dimensions, factory: factory)
  }

  /// Runs `sample` before each scrape, to set gauges from values that are read, not counted.
  public func sampleOnScrape(_ sample: @escaping @Sendable () -> Void) {
    samplers.withLock { $0.append(sample) }
  }

  /// The Prometheus text exposition of every metric, after sampling.
  public func exposition() -> String {
    for sample in samplers.withLock({ $0 }) { sample() }
    return registry.emitToString()
  }

  /// Samples a store's outbox and write-ahead log: `charter_outbox_events`,
  /// `charter_outbox_latest_sequence`, `sqlite_wal_bytes`, `sqlite_checkpoints_total`,
  /// `sqlite_checkpoint_seconds_total`, `sqlite_queued_transactions`.
  func watch(_ database: Database) {
    let events = gauge("charter_outbox_events")
    let latest = gauge("charter_outbox_latest_sequence")
    let wal = gauge("sqlite_wal_bytes")
    let checkpoints = gauge("sqlite_checkpoints_total")
    let checkpointTime = gauge("sqlite_checkpoint_seconds_total")
    let queued = gauge("sqlite_queued_transactions")
    sampleOnScrape {
      let walPath = database.path + "-wal"
      let size = (try? FileManager.default.attributesOfItem(atPath: walPath)[.size] as? Int) ?? 0
      wal.record(size)
      checkpoints.record(database.backgroundCheckpointCount)
      checkpointTime.record(database.checkpointSeconds)
      queued.record(database.queuedTransactionCount)
      // Read on a thread of its own: a scrape never waits on the event loop for the database.
      let semaphore = DispatchSemaphore(value: 0)
      Task.detached {
        if let (count, sequence) = try? await database.read({ db -> (Int, Int64) in
          (try db.fetchOne(sql: "SELECT count(*) AS n FROM outbox_event")!["n"], try Outbox.latestSequence(in: db))
        }) {
          events.record(count)
          latest.record(sequence)
        }
        semaphore.signal()
      }
      _ = semaphore.wait(timeout: .now() + .seconds(2))
    }
  }

  /// Samples a follower: `charter_feed_position`, `charter_feed_events_behind`,
  /// `charter_feed_seconds_behind`, `charter_feed_connected`, labelled by feed.
  func watch(_ follower: any FeedLagReporting, clock: any WallClock) {
    let labels = [("feed", follower.feed)]
    let position = gauge("charter_feed_position", labels)
    let behind = gauge("charter_feed_events_behind", labels)
    let seconds = gauge("charter_feed_seconds_behind", labels)
    let connected = gauge("charter_feed_connected", labels)
    let progress = follower.progress
    sampleOnScrape {
      position.record(progress.position)
      behind.record(progress.eventsBehind)
      seconds.record(progress.secondsBehind(now: clock.now()))
      connected.record(progress.isConnected ? 1 : 0)
    }
  }

  private func addProcessSamplers() {
    let rss = gauge("process_resident_memory_bytes")
    let cpu = gauge("process_cpu_seconds_total")
    let started = gauge("process_start_time_seconds")
    started.record(Double(UTCTime.nowSeconds))
    sampleOnScrape {
      let page = Double(sysconf(Int32(_SC_PAGESIZE)))
      let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
      if let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
        let resident = statm.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
      {
        rss.record(resident * page)
      }
      // utime and stime are fields 14 and 15, counted after the parenthesised command name.
      if let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
        let end = stat.lastIndex(of: ")")
      {
        let fields = stat[stat.index(after: end)...].split(separator: " ")
        if fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) {
          cpu.record((user + system) / ticks)
        }
      }
    }
  }
}

extension UTCTime {
  fileprivate static var nowSeconds: Int64 { now().secondsSince1970 }
}
