public import Contracts
import FoundationEssentials
import RPCCore
public import Storage

/// The registry's own SQLite database: schools, people, role grants, invitations, the token
/// signing key and the event outbox. Every change and the events it causes commit together.
public final class RegistryStore: Sendable {
  public let database: Database

  /// Opens (creating if needed) `registry.sqlite` in `directory` and migrates it.
  public static func open(inDirectory directory: String) async throws -> RegistryStore {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    return try await open(path: directory + "/registry.sqlite")
  }

  /// Opens a database file (or `":memory:"`) and migrates it.
  public static func open(path: String) async throws -> RegistryStore {
    let database = try Database(path: path)
    try await database.migrate(RegistryMigrations.migrator())
    return RegistryStore(database: database)
  }

  init(database: Database) { self.database = database }

  public func close() async { await database.close() }

  // MARK: events

  /// Appends an event to the outbox inside the caller's transaction.
  static func append(
    _ payload: Registry.RegistryEvent.Payload, actor: Common.Actor, at time: Date, in db: Connection
  ) throws {
    var event = Registry.RegistryEvent()
    event.occurredAt = Protobuf.Timestamp(secondsSince1970: time.timeIntervalSince1970)
    event.actor = actor
    event.payload = payload
    try Outbox.append(eventType: payload.eventType, payload: try event.serializedBytes(), in: db)
  }

  /// Events after `sequence`, oldest first.
  public func events(after sequence: Int64, limit: Int) async throws -> [Registry.RegistryEvent] {
    try await database.read { db in
      try Outbox.events(after: sequence, limit: limit, in: db).map { stored in
        var event = try Registry.RegistryEvent(serializedBytes: stored.payload)
        event.sequence = stored.sequence
        return event
      }
    }
  }

  // MARK: signing key

  /// The current signing key, creating one with `generate` on first use.
  public func signingKey(generate: @escaping @Sendable () throws -> String) async throws -> String {
    try await database.write { db in
      if let row = try db.fetchOne(
        sql: "SELECT private_key_pem FROM signing_key WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1")
      {
        return try row.value(String.self, at: 0)
      }
      let pem = try generate()
      try db.execute(
        sql: "INSERT INTO signing_key (key_id, private_key_pem, created_at) VALUES (?, ?, ?)",
        arguments: [UUID().uuidString, pem, Self.millis(Date())])
      return pem
    }
  }

  // MARK: time

  static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

  static func timestamp(_ millis: Int64) -> Protobuf.Timestamp {
    Protobuf.Timestamp(secondsSince1970: Double(millis) / 1000)
  }
}

extension Registry.RegistryEvent.Payload {
  /// The outbox's event type name.
  var eventType: String {
    switch self {
    case .schoolRegistered: "school_registered"
    case .schoolCommitted: "school_committed"
    case .publicListingChanged: "public_listing_changed"
    case .schoolDetailsChanged: "school_details_changed"
    case .schoolWithdrawn: "school_withdrawn"
    case .personInvited: "person_invited"
    case .personJoined: "person_joined"
    case .roleGranted: "role_granted"
    case .roleRevoked: "role_revoked"
    case .personRemoved: "person_removed"
    }
  }
}
