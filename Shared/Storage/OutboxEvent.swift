/// One event from a service's outbox, as its feed delivers it to consumers.
public struct OutboxEvent: Sendable, Hashable {
  /// The event's position in the feed: 1, 2, 3, … with no gaps, never reused.
  public var sequence: Int64
  /// What happened, such as `"school.registered"`.
  public var eventType: String
  /// The encoded event (typically a protobuf message).
  public var payload: [UInt8]
  /// When the event was appended, in milliseconds since the Unix epoch.
  public var recordedAt: Int64

  public init(sequence: Int64, eventType: String, payload: [UInt8], recordedAt: Int64) {
    self.sequence = sequence
    self.eventType = eventType
    self.payload = payload
    self.recordedAt = recordedAt
  }
}
