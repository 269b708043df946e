public import Contracts
import Synchronization

/// The serving state of a server and of each service it hosts, as `grpc.health.v1` reports
/// it. The empty name is the whole server. Watchers are told of every change.
///
/// A host marks everything SERVING once it listens and NOT_SERVING as soon as shutdown
/// starts, so load balancers and Kubernetes probes stop sending traffic before the drain.
public final class HealthStatus: Sendable {
  public typealias Status = Health.HealthCheckResponse.ServingStatus

  private struct State {
    var statuses: [String: Status] = [:]
    var watchers: [UInt64: (service: String, continuation: AsyncStream<Status>.Continuation)] = [:]
    var nextWatcher: UInt64 = 0
  }

  private let state = Mutex(State())

  /// - Parameter services: fully qualified names of the hosted services; all start NOT_SERVING.
  public init(services: [String]) {
    state.withLock { s in
      s.statuses[""] = .notServing
      for name in services { s.statuses[name] = .notServing }
    }
  }

  /// Adds services the server hosts (NOT_SERVING until told otherwise); names already known
  /// keep their status.
  public func register(services: [String]) {
    state.withLock { s in
      for name in services where s.statuses[name] == nil { s.statuses[name] = .notServing }
    }
  }

  /// The status of a service, or `nil` when the server does not host it.
  public func status(of service: String) -> Status? {
    state.withLock { $0.statuses[service] }
  }

  /// Sets one service's status (adding it if new) and tells its watchers.
  public func set(_ service: String, _ status: Status) {
    let watchers = state.withLock { s in
      s.statuses[service] = status
      return s.watchers.values.filter { $0.service == service }.map(\.continuation)
    }
    for watcher in watchers { watcher.yield(status) }
  }

  /// Sets every service, and the server itself, to `status`.
  public func setAll(_ status: Status) {
    let notify = state.withLock { s in
      for key in s.statuses.keys { s.statuses[key] = status }
      return s.watchers.values.map(\.continuation)
    }
    for watcher in notify { watcher.yield(status) }
  }

  /// Changes of one service's status, starting with the current one (SERVICE_UNKNOWN for a
  /// name the server does not host, as the Watch contract prescribes).
  public func updates(of service: String) -> AsyncStream<Status> {
    let (stream, continuation) = AsyncStream<Status>.makeStream(bufferingPolicy: .bufferingNewest(1))
    let id = state.withLock { s in
      let id = s.nextWatcher
      s.nextWatcher += 1
      s.watchers[id] = (service, continuation)
      continuation.yield(s.statuses[service] ?? .serviceUnknown)
      return id
    }
    continuation.onTermination = { [weak self] _ in
      _ = self?.state.withLock { $0.watchers.removeValue(forKey: id) }
    }
    return stream
  }

  /// Ends every watch (at shutdown, so open Watch calls complete).
  public func finishWatches() {
    let all = state.withLock { s in
      let all = s.watchers.values.map(\.continuation)
      s.watchers.removeAll()
      return all
    }
    for watcher in all { watcher.finish() }
  }
}
