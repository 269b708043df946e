public import CharterValues
public import Contracts
import FoundationEssentials
public import ServiceKit
public import Storage

/// The registry's own SQLite database: schools, people, role grants, invitations and the token
/// signing key, on the service store base (outbox, clock). Every change and the events it
/// causes commit together.
public final class RegistryStore: Sendable {
  public let base: ServiceStore<Registry.RegistryEvent>
  public var database: Database { base.database }

  /// Opens (creating if needed) `registry.sqlite` in `directory` and migrates it.
  public static func open(inDirectory directory: String, clock: any WallClock = SystemWallClock()) async throws
    -> RegistryStore
  {
    RegistryStore(
      base: try await .open(.registry, inDirectory: directory, clock: clock, migrations: RegistryMigrations.register))
  }

  /// Opens a database file (or `":memory:"`) and migrates it.
  public static func open(path: String, clock: any WallClock = SystemWallClock()) async throws -> RegistryStore {
    RegistryStore(base: try await .open(.registry, path: path, clock: clock, migrations: RegistryMigrations.register))
  }

  init(base: ServiceStore<Registry.RegistryEvent>) { self.base = base }

  public func close() async { await base.close() }

  /// Appends an event to the outbox inside the caller's transaction.
  func append(_ payload: Registry.RegistryEvent.Payload, actor: Common.Actor, at time: UTCTime, in db: Connection)
    throws
  {
    try base.append(payload, at: time, in: db) { $0.actor = actor }
  }

  // MARK: signing key

  /// The current signing key, creating one with `generate` on first use.
  public func signingKey(generate: @escaping @Sendable () throws -> String) async throws -> String {
    let now = base.now
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
