import Synchronization

/// A value tests share between tasks (what a handler saw, what a worker acknowledged).
public final class Locked<Value: Sendable>: Sendable {
  private let state: Mutex<Value>

  public init(_ value: Value) { state = Mutex(value) }

  public var value: Value { state.withLock { $0 } }

  public func update<T: Sendable>(_ body: (inout sending Value) -> sending T) -> T { state.withLock(body) }
}
