import CoreMetrics
public import RPCCore
import Synchronization

/// Counts calls per method and status and keeps a latency histogram per method, for
/// operators (served by the gateway's metrics endpoint and printed by benchmarks).
public final class CallMetrics: Sendable {
  /// Upper bounds of the latency buckets, in microseconds (the last bucket is unbounded).
  public static let bucketBounds: [Int64] = [100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 100_000, 1_000_000]

  /// What is known of one method.
  public struct MethodStats: Sendable, Equatable {
    public var calls: Int = 0
    public var byCode: [Int: Int] = [:]
    /// Counts per bucket of ``CallMetrics/bucketBounds``, plus one overflow bucket.
    public var latencyBuckets: [Int] = Array(repeating: 0, count: CallMetrics.bucketBounds.count + 1)
    public var totalMicroseconds: Int64 = 0
  }

  private let stats = Mutex<[String: MethodStats]>([:])

  public init() {}

  public func record(path: String, code: Status.Code, duration: Duration) {
    let micros = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
    let bucket = Self.bucketBounds.firstIndex { micros <= $0 } ?? Self.bucketBounds.count
    stats.withLock { all in
      all[path, default: MethodStats()].calls += 1
      all[path]!.byCode[code.rawValue, default: 0] += 1
      all[path]!.latencyBuckets[bucket] += 1
      all[path]!.totalMicroseconds += micros
    }
  }

  public var snapshot: [String: MethodStats] { stats.withLock { $0 } }
}

/// Feeds ``CallMetrics`` (and, when given, the service's Prometheus metrics) from every call
/// a server handles: `grpc_server_handled_total{grpc_method,grpc_code}`,
/// `grpc_server_handling_seconds{grpc_method}` and `grpc_server_calls_in_flight`.
public struct CallMetricsInterceptor: ServerInterceptor {
  let metrics: CallMetrics
  let exported: ExportedCallMetrics?

  public init(metrics: CallMetrics, exportingTo service: ServiceMetrics? = nil) {
    self.metrics = metrics
    self.exported = service.map(ExportedCallMetrics.init)
  }

  public func intercept<Result: Sendable>(
    context: ServerContext, next: @Sendable (ServerContext) async throws -> Result
  ) async throws -> Result {
    let start = ContinuousClock.now
    exported?.inFlight.add(1, ordering: .relaxed)
    defer { exported?.inFlight.subtract(1, ordering: .relaxed) }
    do {
      let result = try await next(context)
      record(context.descriptor.path, .ok, ContinuousClock.now - start)
      return result
    } catch {
      let code = RPCError(mapping: error, deadline: context.deadline).code
      record(context.descriptor.path, code, ContinuousClock.now - start)
      throw error
    }
  }

  private func record(_ path: String, _ code: Status.Code, _ duration: Duration) {
    metrics.record(path: path, code: code, duration: duration)
    exported?.record(path: path, code: code, duration: duration)
  }
}

/// The Prometheus side of ``CallMetricsInterceptor``: handles made once per method and code.
final class ExportedCallMetrics: Sendable {
  let service: ServiceMetrics
  let inFlight = Atomic<Int>(0)
  private let handles = Mutex<[String: (counters: [Int: CoreMetrics.Counter], timer: CoreMetrics.Timer)]>([:])

  init(_ service: ServiceMetrics) {
    self.service = service
    let gauge = service.gauge("grpc_server_calls_in_flight")
    service.sampleOnScrape { [weak self] in gauge.record(self?.inFlight.load(ordering: .relaxed) ?? 0) }
  }

  func record(path: String, code: Status.Code, duration: Duration) {
    let (counter, timer) = handles.withLock { handles -> (CoreMetrics.Counter, CoreMetrics.Timer) in
      let method = String(path.drop { $0 == "/" })
      var entry =
        handles[path] ?? ([:], service.timer("grpc_server_handling_seconds", [("grpc_method", method)]))
      let counter =
        entry.counters[code.rawValue]
        ?? service.counter("grpc_server_handled_total", [("grpc_method", method), ("grpc_code", "\(code)")])
      entry.counters[code.rawValue] = counter
      handles[path] = entry
      return (counter, entry.timer)
    }
    counter.increment()
    let (seconds, attoseconds) = duration.components
    timer.recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
  }
}
