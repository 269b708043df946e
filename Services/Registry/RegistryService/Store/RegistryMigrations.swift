public import CharterValues
public import Contracts
public import ServiceKit
public import Storage

/// The registry's store: its feed and its tables, as append-only migrations (never edit one
/// that has shipped; add a new one).
public enum RegistrySchema: ServiceSchema {
  public static let service = CharterService.registry
  public typealias Event = Registry.RegistryEvent

  public static func registerMigrations(in migrator: inout Migrator) throws {
    try migrator.register(
      "registry-v1-school",
      script: """
        CREATE TABLE school (
          urn TEXT PRIMARY KEY CHECK (length(urn) = 6),
          name TEXT NOT NULL,
          name_key TEXT NOT NULL,
          address_lines TEXT NOT NULL,
          town TEXT NOT NULL,
          county TEXT NOT NULL,
          postcode TEXT NOT NULL,
          postcode_key TEXT NOT NULL,
          phase INTEGER NOT NULL CHECK (phase BETWEEN 1 AND 7),
          la_code TEXT NOT NULL CHECK (length(la_code) = 3),
          la_name TEXT NOT NULL,
          number_on_roll INTEGER NOT NULL CHECK (number_on_roll BETWEEN 0 AND 10000),
          latitude REAL,
          longitude REAL,
          committed_at INTEGER,
          committed_by BLOB,
          publicly_listed INTEGER NOT NULL DEFAULT 0 CHECK (publicly_listed IN (0, 1)),
          listing_changed_at INTEGER,
          listing_changed_by BLOB,
          withdrawn_at INTEGER,
          withdrawn_by BLOB,
          withdrawal_reason TEXT,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          CHECK (publicly_listed = 0 OR committed_at IS NOT NULL),
          CHECK ((latitude IS NULL) = (longitude IS NULL))
        ) STRICT;
        CREATE INDEX school_by_authority ON school (la_code, urn);
        CREATE INDEX school_by_phase ON school (phase, urn);
        CREATE INDEX school_by_postcode ON school (postcode_key);
        """)
    try migrator.register(
      "registry-v1-people",
      script: """
        CREATE TABLE person (
          person_id TEXT PRIMARY KEY,
          email TEXT NOT NULL UNIQUE,
          display_name TEXT NOT NULL,
          state INTEGER NOT NULL CHECK (state IN (1, 2, 3)),
          password_hash TEXT,
          created_at INTEGER NOT NULL,
          joined_at INTEGER,
          updated_at INTEGER NOT NULL,
          removed_at INTEGER,
          removal_reason TEXT
        ) STRICT;
        CREATE TABLE role_grant (
          person_id TEXT NOT NULL REFERENCES person (person_id) ON DELETE CASCADE,
          role TEXT NOT NULL,
          scope TEXT NOT NULL DEFAULT '',
          granted_at INTEGER NOT NULL,
          PRIMARY KEY (person_id, role, scope)
        ) STRICT;
        CREATE INDEX role_grant_by_scope ON role_grant (scope, role);
        CREATE TABLE invitation (
          code_hash TEXT PRIMARY KEY,
          person_id TEXT NOT NULL REFERENCES person (person_id) ON DELETE CASCADE,
          expires_at INTEGER NOT NULL,
          accepted_at INTEGER
        ) STRICT;
        CREATE INDEX invitation_by_person ON invitation (person_id);
        """)
    try migrator.register(
      "registry-v1-signing-key",
      script: """
        CREATE TABLE signing_key (
          key_id TEXT PRIMARY KEY,
          private_key_pem TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          retired_at INTEGER
        ) STRICT;
        """)
  }
}
