public import CharterValues
public import Contracts
import RegistryReplica
public import ServiceKit
public import Storage

/// The evaluation service's store: its feed and its tables, as append-only migrations (never
/// edit one that has shipped; add a new one).
///
/// An application's details (checks, allocation, concerns, visit, report, moderation, award)
/// are kept in the contract's own encoding (`record`), as self-review keeps evidence; beside
/// it are the columns the rules and listings query. Its steps are kept one row each.
public enum EvaluationSchema: ServiceSchema {
  public static let service = CharterService.evaluation
  public typealias Event = Evaluation.EvaluationEvent
  /// 32 MiB: every state move reads an application whole and its history, and the office's
  /// lists read dozens; with SQLite's 2 MB most of those pages came from the kernel each time
  /// (a third of an allocation's time at 5,000 applications).
  public static var pageCacheBytes: Int { 32 << 20 }

  public static func registerMigrations(in migrator: inout Migrator) throws {
    try RegistrySchoolsReplica.registerMigration(in: &migrator)
    // Registry people who hold (or held) an assessor role, from the registry's feed.
    try migrator.register(
      "evaluation-v1-registry-people",
      script: """
        CREATE TABLE registry_person (
          person_id TEXT PRIMARY KEY,
          display_name TEXT NOT NULL,
          assessor INTEGER NOT NULL CHECK (assessor IN (0, 1)),
          lead_assessor INTEGER NOT NULL CHECK (lead_assessor IN (0, 1)),
          removed INTEGER NOT NULL CHECK (removed IN (0, 1))
        ) STRICT;
        """)
    // Each school's self-review as the self-review feed describes it.
    try migrator.register(
      "evaluation-v1-self-review-standing",
      script: """
        CREATE TABLE review_standing (
          urn TEXT PRIMARY KEY,
          framework_id TEXT NOT NULL,
          at_standard INTEGER NOT NULL CHECK (at_standard IN (0, 1)),
          updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE review_aspect (
          urn TEXT NOT NULL,
          aspect_id TEXT NOT NULL,
          level INTEGER NOT NULL,
          has_commentary INTEGER NOT NULL CHECK (has_commentary IN (0, 1)),
          PRIMARY KEY (urn, aspect_id)
        ) STRICT, WITHOUT ROWID;
        """)
    try migrator.register(
      "evaluation-v1-assessors",
      script: """
        CREATE TABLE assessor (
          id TEXT PRIMARY KEY,
          person_id TEXT NOT NULL UNIQUE,
          display_name TEXT NOT NULL,
          pen_portrait BLOB NOT NULL,
          supported_urns TEXT NOT NULL,
          lead INTEGER NOT NULL CHECK (lead IN (0, 1)),
          active INTEGER NOT NULL CHECK (active IN (0, 1)),
          code_signed_at INTEGER,
          last_conference_on TEXT,
          completed INTEGER NOT NULL CHECK (completed >= 0),
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX assessor_by_name ON assessor (display_name, id);
        """)
    try migrator.register(
      "evaluation-v1-applications",
      script: """
        CREATE TABLE application (
          id TEXT PRIMARY KEY,
          urn TEXT NOT NULL,
          la_code TEXT NOT NULL,
          state INTEGER NOT NULL CHECK (state BETWEEN 1 AND 20),
          route INTEGER NOT NULL CHECK (route BETWEEN 1 AND 4),
          assessor_id TEXT REFERENCES assessor (id),
          assessor_person_id TEXT,
          moderator_id TEXT REFERENCES assessor (id),
          moderator_person_id TEXT,
          award_id TEXT UNIQUE,
          previous_award_id TEXT,
          renewal_due_at INTEGER,
          expires_at INTEGER,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          record BLOB NOT NULL
        ) STRICT;
        CREATE INDEX application_by_created ON application (created_at, id);
        CREATE INDEX application_by_school ON application (urn, created_at, id);
        CREATE INDEX application_by_authority ON application (la_code, created_at, id);
        CREATE INDEX application_by_assessor ON application (assessor_id, created_at, id);
        CREATE INDEX application_by_assessor_person ON application (assessor_person_id, created_at, id);
        CREATE INDEX application_by_moderator ON application (moderator_id, created_at, id);
        CREATE INDEX application_by_moderator_person ON application (moderator_person_id, created_at, id);
        CREATE INDEX application_marks_due ON application (state, renewal_due_at);
        CREATE INDEX application_marks_expiring ON application (state, expires_at);
        -- A school has at most one application in progress (every state but NOT_MET, AWARDED,
        -- RENEWAL_DUE, EXPIRED, WITHDRAWN and RENEWED).
        CREATE UNIQUE INDEX application_one_in_progress ON application (urn)
          WHERE state NOT IN (12, 14, 15, 16, 17, 20);
        CREATE TABLE application_step (
          application_id TEXT NOT NULL REFERENCES application (id),
          position INTEGER NOT NULL,
          entry BLOB NOT NULL,
          PRIMARY KEY (application_id, position)
        ) STRICT, WITHOUT ROWID;
        """)
    // An assessor's (and a moderator's) assessments in hand are counted at every allocation
    // and outcome: from these indexes alone, without reading each application's row.
    try migrator.register(
      "evaluation-v2-workload-indexes",
      script: """
        CREATE INDEX application_workload ON application (assessor_id, state, id);
        CREATE INDEX application_moderation_load ON application (moderator_id, state, id);
        """)
  }
}
