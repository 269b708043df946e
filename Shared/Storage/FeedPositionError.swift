/// A consumer tried to move its position in a feed backwards or to where it already is.
///
/// That means an event is about to be applied a second time (or out of order); the write
/// transaction that tried it should roll back.
public struct FeedPositionError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The feed, as named by the consumer.
  public var feed: String
  /// The position recorded before the attempt.
  public var current: Int64
  /// The sequence the consumer tried to advance to.
  public var requested: Int64

  public init(feed: String, current: Int64, requested: Int64) {
    self.feed = feed
    self.current = current
    self.requested = requested
  }

  public var description: String {
    "feed '\(feed)' cannot advance from \(current) to \(requested): positions only move forward"
  }
}
