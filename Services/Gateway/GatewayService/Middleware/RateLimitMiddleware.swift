import FoundationEssentials
import HTTPTypes
public import Hummingbird
import Synchronization

/// Per-client rate limiting: a token bucket per IP address (`rate` requests a second, bursts of
/// `burst`); a client past it gets 429 with `Retry-After`. Health probes are never limited.
public struct RateLimitMiddleware: RouterMiddleware {
  public typealias Context = GatewayRequestContext
  let rate: Double
  let burst: Double
  private let buckets = Buckets()

  final class Buckets: Sendable {
    let state = Mutex<[String: (tokens: Double, at: ContinuousClock.Instant)]>([:])
  }

  /// - Parameters:
  ///   - rate: requests a second each client may make on average; 0 turns limiting off.
  ///   - burst: how many it may make at once.
  public init(rate: Double, burst: Double) {
    self.rate = rate
    self.burst = max(burst, 1)
  }

  /// Takes one token from `client`'s bucket; returns the seconds to wait when it is empty.
  func take(_ client: String, now: ContinuousClock.Instant = .now) -> Int? {
    guard rate > 0 else { return nil }
    let (rate, burst) = (self.rate, self.burst)
    return buckets.state.withLock { buckets in
      if buckets.count > 100_000 { buckets.removeAll() }  // a flood of addresses: start afresh
      var bucket = buckets[client] ?? (burst, now)
      let elapsed = bucket.at.duration(to: now)
      let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
      bucket.tokens = min(burst, bucket.tokens + seconds * rate)
      bucket.at = now
      defer { buckets[client] = bucket }
      if bucket.tokens >= 1 {
        bucket.tokens -= 1
        return nil
      }
      return max(1, Int(((1 - bucket.tokens) / rate).rounded(.up)))
    }
  }

  public func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    if request.uri.path == "/healthz" || request.uri.path == "/readyz" { return try await next(request, context) }
    if let wait = take(context.clientKey) {
      throw APIProblem(
        status: .tooManyRequests, title: "Too many requests",
        detail: "this client is over \(Int(rate)) requests a second; retry after \(wait) s", retryAfter: wait)
    }
    return try await next(request, context)
  }
}
