import Synchronization

/// A value shared between test tasks behind a lock.
final class Mutexed<Value: Sendable>: Sendable {
  private let storage: Mutex<Value>

  init(_ value: Value) { storage = Mutex(value) }

  var value: Value { storage.withLock { $0 } }

  @discardableResult
  func update<T>(_ body: (inout Value) -> T) -> T {
    storage.withLock { body(&$0) }
  }
}
