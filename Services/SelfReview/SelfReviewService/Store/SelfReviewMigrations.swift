public import CharterValues
public import Contracts
import RegistryReplica
public import ServiceKit
public import Storage

/// The self-review service's store: its feed and its tables, as append-only migrations (never edit one that has
/// shipped; add a new one).
public enum SelfReviewSchema: ServiceSchema {
  public static let service = CharterService.selfReview
  public typealias Event = SelfReview.SelfReviewEvent

  public static func registerMigrations(in migrator: inout Migrator) throws {
    // What this service knows of each school, kept from the registry's event feed.
    try migrator.register(
      "self-review-v1-schools",
      script: """
        CREATE TABLE school (
          urn TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          la_code TEXT NOT NULL,
          phase INTEGER NOT NULL,
          committed INTEGER NOT NULL CHECK (committed IN (0, 1)),
          withdrawn INTEGER NOT NULL CHECK (withdrawn IN (0, 1))
        ) STRICT;
        """)
    try migrator.register(
      "self-review-v1-reviews",
      script: """
        CREATE TABLE review (
          urn TEXT PRIMARY KEY REFERENCES school (urn),
          framework_id TEXT NOT NULL,
          framework_fingerprint TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          created_by BLOB NOT NULL,
          updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE rating (
          urn TEXT NOT NULL REFERENCES review (urn) ON DELETE CASCADE,
          aspect_id TEXT NOT NULL,
          level INTEGER NOT NULL,
          commentary TEXT NOT NULL,
          evidence BLOB NOT NULL,
          rated_at INTEGER NOT NULL,
          rated_by BLOB NOT NULL,
          PRIMARY KEY (urn, aspect_id)
        ) STRICT;
        CREATE TABLE rating_history (
          id INTEGER PRIMARY KEY,
          urn TEXT NOT NULL REFERENCES review (urn) ON DELETE CASCADE,
          aspect_id TEXT NOT NULL,
          changed_at INTEGER NOT NULL,
          changed_by BLOB NOT NULL,
          previous_level INTEGER,
          new_level INTEGER NOT NULL,
          previous_commentary TEXT,
          new_commentary TEXT NOT NULL
        ) STRICT;
        CREATE INDEX rating_history_by_school ON rating_history (urn, aspect_id, id);
        """)
    try migrator.register(
      "self-review-v1-action-items",
      script: """
        CREATE TABLE action_item (
          id TEXT PRIMARY KEY,
          urn TEXT NOT NULL REFERENCES review (urn) ON DELETE CASCADE,
          aspect_id TEXT NOT NULL,
          text TEXT NOT NULL,
          owner TEXT NOT NULL,
          due_date TEXT,
          state INTEGER NOT NULL CHECK (state BETWEEN 1 AND 4),
          created_at INTEGER NOT NULL,
          created_by BLOB NOT NULL,
          updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX action_item_by_school ON action_item (urn, aspect_id, id);
        """)
    // Benchmarks, maintained with every rating: the sum of levels and the number of schools
    // rating each aspect, nationally ('national'), per authority ('la:330'), per phase
    // ('phase:2'). Only active (not withdrawn) schools count.
    try migrator.register(
      "self-review-v1-level-totals",
      script: """
        CREATE TABLE level_total (
          framework_id TEXT NOT NULL,
          scope TEXT NOT NULL,
          aspect_id TEXT NOT NULL,
          level_sum INTEGER NOT NULL,
          school_count INTEGER NOT NULL CHECK (school_count >= 0),
          PRIMARY KEY (framework_id, scope, aspect_id)
        ) STRICT;
        """)
    try migrator.register("self-review-v2-schools-become-the-registry-replica") { db in
      // The schools kept since v1 become the shared replica of the registry's schools, which
      // then reads the registry's feed again from the start to fill in its other columns.
      try RegistrySchoolsReplica.adopt(table: "school", in: db)
    }
    try RegistrySchoolsReplica.registerMigration(in: &migrator)
    // The ICT Mark applications whose assessor (and moderator) may read the school's review,
    // kept from the evaluation service's feed.
    try migrator.register(
      "self-review-v3-assessor-allocations",
      script: """
        CREATE TABLE assessor_allocation (
          application_id TEXT PRIMARY KEY,
          urn TEXT NOT NULL,
          assessor_person_id TEXT NOT NULL,
          moderator_person_id TEXT
        ) STRICT;
        CREATE INDEX assessor_allocation_by_assessor ON assessor_allocation (assessor_person_id, urn);
        CREATE INDEX assessor_allocation_by_moderator ON assessor_allocation (moderator_person_id, urn);
        """)
  }
}
