public import RPCCore

/// A message of a service's event feed (`StreamEvents`): what every feed event has in common,
/// so one store, one feed server and one follower serve every service.
///
/// Conformances are generated for the response message of every `StreamEvents` RPC; the proto
/// guarantees `sequence`, `occurred_at` and a `payload` oneof.
public protocol FeedEvent: RPCMessage {
  /// What happened: the generated oneof enum.
  associatedtype Payload: Sendable
  init()
  /// The event's position in its feed: strictly increasing.
  var sequence: Int64 { get set }
  /// When the change it announces was committed.
  var occurredAt: Protobuf.Timestamp? { get set }
  /// What happened.
  var payload: Payload? { get set }
  /// The outbox's name for a kind of event (the payload member's proto field name, as
  /// `school_registered`).
  static func eventType(of payload: Payload) -> String
}

/// A `StreamEvents` request: where to start and whether to stop once caught up.
public protocol FeedRequest: RPCMessage {
  /// Stream the events after this sequence (0: from the beginning).
  var afterSequence: Int64 { get }
  /// Stop at the latest committed event instead of waiting for live ones.
  var stopAtHead: Bool { get }
}

/// A typed client of a service with an event feed: what a follower subscribes through
/// (conformances are generated for every service with a `StreamEvents` RPC).
public protocol EventFeedSource: Sendable {
  associatedtype Event: FeedEvent
  /// Streams the feed after `sequence`, then live events, into `deliver`, until the stream
  /// ends or fails. `head` is the feed's latest sequence as far as the follower knows (what
  /// the server announced when the stream opened, or the newest event since), so
  /// `head - sequence` is how far it is behind.
  func followEvents(
    after sequence: Int64, deliver: @escaping @Sendable (_ event: Event, _ head: Int64) async throws -> Void
  ) async throws
}

/// The initial metadata a `StreamEvents` server sends: the latest sequence committed when the
/// stream opened, so a follower knows how far behind it is while it catches up.
public enum FeedHead {
  public static let metadataKey = "charter-feed-head"
}
