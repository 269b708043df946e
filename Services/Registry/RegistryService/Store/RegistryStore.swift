public import CharterValues
public import Contracts
import FoundationEssentials
public import ServiceKit
public import Storage

/// The registry's own SQLite database: schools, people, role grants, invitations and the token
/// signing key, on the service store base (outbox, clock). Every change and the events it
/// causes commit together.
public typealias RegistryStore = ServiceStore<RegistrySchema>

extension RegistryStore {
  /// Appends an event to the outbox inside the caller's transaction.
  func append(_ payload: Registry.RegistryEvent.Payload, actor: Common.Actor, at time: UTCTime, in db: Connection)
    throws
  {
    try append(payload, at: time, in: db) { $0.actor = actor }
  }

  // MARK: signing key

  /// The current signing key, creating one with `generate` on first use.
  public func signingKey(generate: @escaping @Sendable () throws -> String) async throws -> String {
    let now = self.now
    return try await database.write { db in
      if let row = try db.fetchOne(
        sql:
          "SELECT private_key_pem FROM signing_key WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1")
      {
        return try row["private_key_pem"]
      }
      let pem = try generate()
      try db.execute(
        sql: "INSERT INTO signing_key (key_id, private_key_pem, created_at) VALUES (?, ?, ?)",
        arguments: [UUID().uuidString, pem, now.millisecondsSince1970])
      return pem
    }
  }
}

extension Protobuf.Timestamp {
  /// The instant a store keeps as milliseconds since the Unix epoch.
  init(milliseconds: Int64) { self.init(UTCTime(millisecondsSince1970: milliseconds)) }
}
