public import CharterValues
public import Contracts
public import Logging
public import ServiceKit
public import Storage

/// The registry's schools as another service keeps them: a read model in the service's own
/// database, fed only by the registry's event feed (never its database), with its migration,
/// lookups and feed follower. Self-review, evaluation, accreditation and the public map all
/// decide with it.
///
/// ```swift
/// try RegistrySchoolsReplica.registerMigration(in: &migrator)
/// host.run(RegistrySchoolsReplica.follower(registry: registry, database: store.database, logger: logger))
/// let school = try RegistrySchoolsReplica.school(urn, in: db)
/// ```
public enum RegistrySchoolsReplica {
  /// The feed's name in the follower's position table.
  public static let feed = "registry"
  /// The id of the migration creating the `registry_school` table. Never change it.
  public static let migrationID = "registry-replica-v1-registry-school"

  /// Registers the migration creating `registry_school` (kept if an earlier migration of the
  /// service already made a table of that name and shape).
  public static func registerMigration(in migrator: inout Migrator) throws {
    try migrator.register(migrationID) { db in
      try db.execute(
        script: """
          CREATE TABLE IF NOT EXISTS registry_school (
            urn TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            la_code TEXT NOT NULL,
            phase INTEGER NOT NULL,
            committed INTEGER NOT NULL CHECK (committed IN (0, 1)),
            withdrawn INTEGER NOT NULL CHECK (withdrawn IN (0, 1)),
            la_name TEXT NOT NULL DEFAULT '',
            town TEXT NOT NULL DEFAULT '',
            postcode TEXT NOT NULL DEFAULT '',
            number_on_roll INTEGER NOT NULL DEFAULT 0,
            latitude REAL,
            longitude REAL,
            committed_at INTEGER,
            publicly_listed INTEGER NOT NULL DEFAULT 0 CHECK (publicly_listed IN (0, 1)),
            withdrawn_at INTEGER
          ) STRICT;
          CREATE INDEX IF NOT EXISTS registry_school_by_authority ON registry_school (la_code, urn);
          """)
    }
  }

  /// The columns a service adds when it turns an older `school` table of its own (urn, name,
  /// la_code, phase, committed, withdrawn) into the replica; see ``adopt(table:in:)``.
  static let addedColumns = [
    "la_name TEXT NOT NULL DEFAULT ''", "town TEXT NOT NULL DEFAULT ''", "postcode TEXT NOT NULL DEFAULT ''",
    "number_on_roll INTEGER NOT NULL DEFAULT 0", "latitude REAL", "longitude REAL", "committed_at INTEGER",
    "publicly_listed INTEGER NOT NULL DEFAULT 0 CHECK (publicly_listed IN (0, 1))", "withdrawn_at INTEGER",
  ]

  /// For a migration of a service that kept its own `table` of registry schools before the
  /// replica existed (self-review's `school`): renames it to `registry_school` (references to
  /// it follow), adds the replica's other columns and forgets the feed position, so the
  /// follower reads the feed again from the start and fills them in.
  public static func adopt(table: String, in db: Connection) throws {
    try db.execute(sql: "ALTER TABLE \(table) RENAME TO registry_school")
    for column in addedColumns { try db.execute(sql: "ALTER TABLE registry_school ADD COLUMN \(column)") }
    try db.execute(sql: "DELETE FROM feed_position WHERE feed = ?", arguments: [feed])
  }

  /// A school, if the registry has announced it.
  public static func school(_ urn: SchoolURN, in db: Connection) throws -> RegistrySchool? {
    try db.fetchOne(RegistrySchool.self, sql: "SELECT * FROM registry_school WHERE urn = ?", arguments: [urn.rawValue])
  }

  /// Applies one registry event (schools only; events about people are ignored), inside the
  /// transaction that records the feed position. When the school's record changes,
  /// `onChange` sees the old and new records in the same transaction (self-review moves its
  /// benchmark totals there).
  public static func apply(
    _ event: Registry.RegistryEvent, in db: Connection,
    onChange: (_ old: RegistrySchool?, _ new: RegistrySchool, _ db: Connection) throws -> Void = { _, _, _ in }
  ) throws {
    let message: Registry.School?
    switch event.payload {
    case .schoolRegistered(let e)?: message = e.school
    case .schoolCommitted(let e)?: message = e.school
    case .publicListingChanged(let e)?: message = e.school
    case .schoolDetailsChanged(let e)?: message = e.school
    case .schoolWithdrawn(let e)?: message = e.school
    default: message = nil
    }
    guard let message else { return }
    let new = try RegistrySchool(message)
    let old = try school(new.urn, in: db)
    guard new != old else { return }
    try db.execute(
      sql: """
        INSERT INTO registry_school (urn, name, la_code, phase, committed, withdrawn, la_name, town, postcode,
          number_on_roll, latitude, longitude, committed_at, publicly_listed, withdrawn_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (urn) DO UPDATE SET name = excluded.name, la_code = excluded.la_code, phase = excluded.phase,
          committed = excluded.committed, withdrawn = excluded.withdrawn, la_name = excluded.la_name,
          town = excluded.town, postcode = excluded.postcode, number_on_roll = excluded.number_on_roll,
          latitude = excluded.latitude, longitude = excluded.longitude, committed_at = excluded.committed_at,
          publicly_listed = excluded.publicly_listed, withdrawn_at = excluded.withdrawn_at
        """,
      arguments: [
        new.urn.rawValue, new.name, new.localAuthorityCode, new.phase.rawValue, new.isCommitted, new.isWithdrawn,
        new.localAuthorityName, new.town, new.postcode, new.numberOnRoll, new.location?.latitude,
        new.location?.longitude, new.committedAt?.millisecondsSince1970, new.publiclyListed,
        new.withdrawnAt?.millisecondsSince1970,
      ])
    try onChange(old, new, db)
  }

  /// A follower keeping the replica current from the registry's feed, for a service that
  /// needs nothing else from that feed.
  public static func follower(
    registry: Registry.Client, database: Database, logger: Logger,
    onChange: @escaping @Sendable (_ old: RegistrySchool?, _ new: RegistrySchool, _ db: Connection) throws -> Void =
      { _, _, _ in }
  ) -> FeedFollower<Registry.Client> {
    FeedFollower(feed: feed, source: registry, database: database, logger: logger) { event, db in
      try apply(event, in: db, onChange: onChange)
    }
  }
}
