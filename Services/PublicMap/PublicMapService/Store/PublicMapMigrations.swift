public import CharterValues
public import Contracts
import RegistryReplica
public import ServiceKit
public import Storage

/// The public map's store: a read model that is only ever built from the registry's and
/// accreditation's feeds, so it can be deleted and rebuilt, or run as several replicas each
/// with its own file. Append-only migrations (never edit one that has shipped; add a new one).
///
/// Facts from the feeds (`registry_school`, `map_standing`, `map_badge`, `map_source`) come
/// first; `pin` is what the rule in ``MapPin`` derives from them, with its indexes: an R*Tree
/// on position (`pin_location`), FTS5 on name, town and postcode (`pin_text`), and per-cell
/// counts for server-side clustering up to zoom 10 (`pin_cell`).
public enum PublicMapSchema: ServiceSchema {
  public static let service = CharterService.publicMap
  public typealias Event = PublicMap.PublicMapEvent

  public static func registerMigrations(in migrator: inout Migrator) throws {
    try RegistrySchoolsReplica.registerMigration(in: &migrator)
    try migrator.register(
      "public-map-v1-pins",
      script: """
        CREATE TABLE map_standing (
          urn TEXT PRIMARY KEY,
          level INTEGER NOT NULL,
          level_since INTEGER NOT NULL
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE map_badge (
          entry_id TEXT PRIMARY KEY,
          urn TEXT NOT NULL,
          year INTEGER NOT NULL,
          title TEXT NOT NULL,
          detail TEXT NOT NULL
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX map_badge_by_school ON map_badge (urn);
        CREATE TABLE map_source (
          urn TEXT PRIMARY KEY,
          registry_changed_at INTEGER NOT NULL DEFAULT 0,
          accreditation_changed_at INTEGER NOT NULL DEFAULT 0
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE pin (
          id INTEGER PRIMARY KEY,
          urn TEXT NOT NULL UNIQUE,
          name TEXT NOT NULL,
          phase INTEGER NOT NULL,
          la_code TEXT NOT NULL,
          la_name TEXT NOT NULL,
          town TEXT NOT NULL,
          postcode TEXT NOT NULL,
          latitude REAL NOT NULL,
          longitude REAL NOT NULL,
          placement INTEGER NOT NULL,
          level INTEGER NOT NULL,
          level_since INTEGER NOT NULL,
          badges TEXT NOT NULL,
          update_time INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX pin_by_name ON pin (name, urn);
        CREATE INDEX pin_by_authority ON pin (la_code, level);
        CREATE VIRTUAL TABLE pin_location USING rtree(id, min_lat, max_lat, min_lon, max_lon);
        CREATE VIRTUAL TABLE pin_text USING fts5(name, town, postcode, tokenize = 'unicode61 remove_diacritics 2');
        CREATE TABLE pin_cell (
          zoom INTEGER NOT NULL,
          cx INTEGER NOT NULL,
          cy INTEGER NOT NULL,
          level INTEGER NOT NULL,
          phase INTEGER NOT NULL,
          count INTEGER NOT NULL,
          sum_lat INTEGER NOT NULL,
          sum_lon INTEGER NOT NULL,
          id_sum INTEGER NOT NULL,
          PRIMARY KEY (zoom, cx, cy, level, phase)
        ) STRICT, WITHOUT ROWID;
        """)
  }
}

/// The public map's SQLite database on the service store base (outbox, feed positions, clock).
public typealias PublicMapStore = ServiceStore<PublicMapSchema>
