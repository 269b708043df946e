public import RPCCore
public import Storage

/// Serves a service's `StreamEvents` call from its outbox: every event after the requested
/// sequence in order, then live events as their transactions commit (or, with
/// `stopAtHead`, only those already committed). The pattern every service's feed reuses.
public enum EventFeedServer {
  /// - Parameters:
  ///   - read: loads up to `limit` events after a sequence, with their sequence numbers set.
  ///   - sequence: the sequence of an event read, to continue after it.
  public static func serve<Event: RPCMessage>(
    database: Database,
    after start: Int64,
    stopAtHead: Bool,
    writer: RPCResponseWriter<Event>,
    batchSize: Int = 512,
    read: @escaping @Sendable (_ after: Int64, _ limit: Int) async throws -> [Event],
    sequence: @escaping @Sendable (Event) -> Int64
  ) async throws {
    guard start >= 0 else { throw RPCError(code: .invalidArgument, message: "after_sequence: must not be negative") }
    var after = start
    while true {
      try Task.checkCancellation()
      let batch = try await read(after, batchSize)
      for event in batch {
        try await writer.write(event)
        after = sequence(event)
      }
      if batch.count == batchSize { continue }
      if stopAtHead { return }
      // Returns at once if something committed after `after` meanwhile; throws on cancellation.
      _ = try await Outbox.waitForEvents(after: after, in: database)
    }
  }
}
