import Synchronization

/// Where domain logic reads the time of day from.
///
/// Services never call ``UTCTime/now()`` in their rules: they ask the clock they were given,
/// so a test (or a demo) can hand them a ``ManualWallClock`` and move time to the day a Mark
/// expires instead of waiting three years.
public protocol WallClock: Sendable {
  /// The current instant.
  func now() -> UTCTime
}

/// The system's real-time clock.
public struct SystemWallClock: WallClock {
  public init() {}
  public func now() -> UTCTime { UTCTime.now() }
}

/// A clock that stands still until it is set or advanced: for tests and replayed histories.
public final class ManualWallClock: WallClock {
  private let current: Mutex<UTCTime>

  public init(_ start: UTCTime) { current = Mutex(start) }

  public func now() -> UTCTime { current.withLock { $0 } }

  /// Moves the clock forward (or back, for a negative duration).
  public func advance(by duration: Duration) { current.withLock { $0 = $0.adding(duration) } }

  /// Sets the clock to `time`.
  public func set(_ time: UTCTime) { current.withLock { $0 = time } }
}
