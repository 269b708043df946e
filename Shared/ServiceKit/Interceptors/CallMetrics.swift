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

/// Feeds ``CallMetrics`` from every call a server handles.
public struct CallMetricsInterceptor: ServerInterceptor {
  let metrics: CallMetrics

  public init(metrics: CallMetrics) { self.metrics = metrics }

  public func intercept<Result: Sendable>(
    context: ServerContext, next: @Sendable (ServerContext) async throws -> Result
  ) async throws -> Result {
    let start = ContinuousClock.now
    do {
      let result = try await next(context)
      metrics.record(path: context.descriptor.path, code: .ok, duration: ContinuousClock.now - start)
      return result
    } catch {
      let code = RPCError(mapping: error, deadline: context.deadline).code
      metrics.record(path: context.descriptor.path, code: code, duration: ContinuousClock.now - start)
      throw error
    }
  }
}
