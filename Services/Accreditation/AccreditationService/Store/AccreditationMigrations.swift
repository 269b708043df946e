public import CharterValues
public import Contracts
import RegistryReplica
public import ServiceKit
public import Storage

/// The accreditation service's store: its feed and its tables, as append-only migrations
/// (never edit one that has shipped; add a new one).
///
/// Facts come first (what other services said, what this service decided); `standing` is what
/// the level rule derived from them, kept so reads are one row and the history can say when
/// and why each level began.
public enum AccreditationSchema: ServiceSchema {
  public static let service = CharterService.accreditation
  public typealias Event = Accreditation.AccreditationEvent

  public static func registerMigrations(in migrator: inout Migrator) throws {
    try RegistrySchoolsReplica.registerMigration(in: &migrator)
    // The school's people, from the registry's feed: who may not vouch for their own school.
    // Addresses are kept only as SHA-256 digests.
    try migrator.register(
      "accreditation-v1-school-people",
      script: """
        CREATE TABLE school_member (
          person_id TEXT NOT NULL,
          urn TEXT NOT NULL,
          PRIMARY KEY (urn, person_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX school_member_by_person ON school_member (person_id);
        CREATE TABLE person_email (
          person_id TEXT PRIMARY KEY,
          email_digest TEXT NOT NULL
        ) STRICT, WITHOUT ROWID;
        """)
    // Facts from self-review: whether the level 2 rule holds, and which elements are at the
    // national standard.
    try migrator.register(
      "accreditation-v1-review-signal",
      script: """
        CREATE TABLE review_signal (
          urn TEXT PRIMARY KEY,
          level2_rule_holds INTEGER NOT NULL CHECK (level2_rule_holds IN (0, 1)),
          elements_at_standard TEXT NOT NULL,
          commentary_complete INTEGER NOT NULL CHECK (commentary_complete IN (0, 1)),
          changed_at INTEGER NOT NULL
        ) STRICT, WITHOUT ROWID;
        """)
    // Facts from evaluation: the ICT Marks awarded.
    try migrator.register(
      "accreditation-v1-marks",
      script: """
        CREATE TABLE mark (
          award_id TEXT PRIMARY KEY,
          urn TEXT NOT NULL,
          application_id TEXT NOT NULL,
          awarded_at INTEGER NOT NULL,
          expires_at INTEGER NOT NULL,
          renewal_due_at INTEGER,
          expired_at INTEGER,
          included_visit INTEGER NOT NULL CHECK (included_visit IN (0, 1))
        ) STRICT;
        CREATE INDEX mark_by_school ON mark (urn, awarded_at);
        """)
    // This service's decisions: recognition requests and their referees, decisions and audits.
    try migrator.register(
      "accreditation-v1-recognitions",
      script: """
        CREATE TABLE recognition (
          n INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          urn TEXT NOT NULL,
          state INTEGER NOT NULL CHECK (state BETWEEN 1 AND 8),
          referee_name TEXT NOT NULL,
          referee_email TEXT NOT NULL,
          referee_organisation TEXT NOT NULL,
          referee_kind INTEGER NOT NULL CHECK (referee_kind BETWEEN 1 AND 3),
          referee_person_id TEXT,
          note TEXT NOT NULL,
          elements_at_standard TEXT NOT NULL,
          commentary_complete INTEGER NOT NULL CHECK (commentary_complete IN (0, 1)),
          requested_at INTEGER NOT NULL,
          requested_by BLOB NOT NULL,
          referee_confirmed INTEGER CHECK (referee_confirmed IN (0, 1)),
          referee_comment TEXT,
          referee_responded_at INTEGER,
          approved INTEGER CHECK (approved IN (0, 1)),
          decision_reason TEXT,
          decided_at INTEGER,
          decided_by BLOB,
          expires_at INTEGER,
          closed_reason TEXT NOT NULL DEFAULT '',
          closed_at INTEGER,
          spot_check_selected INTEGER NOT NULL DEFAULT 0 CHECK (spot_check_selected IN (0, 1)),
          spot_check_completed INTEGER NOT NULL DEFAULT 0 CHECK (spot_check_completed IN (0, 1)),
          spot_check_upheld INTEGER NOT NULL DEFAULT 0 CHECK (spot_check_upheld IN (0, 1)),
          spot_check_note TEXT NOT NULL DEFAULT '',
          spot_check_at INTEGER,
          spot_check_by BLOB,
          invitation_digest TEXT UNIQUE,
          invitation_expires_at INTEGER,
          invited_at INTEGER
        ) STRICT;
        CREATE INDEX recognition_by_school ON recognition (urn, n);
        CREATE INDEX recognition_by_state ON recognition (state, n);
        CREATE INDEX recognition_by_referee ON recognition (referee_person_id, n) WHERE referee_person_id IS NOT NULL;
        """)
    try migrator.register(
      "accreditation-v1-awards",
      script: """
        CREATE TABLE award_cycle (
          id TEXT PRIMARY KEY,
          year INTEGER NOT NULL UNIQUE,
          state INTEGER NOT NULL CHECK (state BETWEEN 1 AND 6),
          entry_deadline TEXT NOT NULL,
          categories BLOB NOT NULL,
          requires_ict_mark INTEGER NOT NULL CHECK (requires_ict_mark IN (0, 1)),
          level4_threshold INTEGER NOT NULL CHECK (level4_threshold BETWEEN 1 AND 6),
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE award_entry (
          n INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          cycle_id TEXT NOT NULL REFERENCES award_cycle (id),
          urn TEXT NOT NULL,
          category_id TEXT NOT NULL,
          sub_category_id TEXT NOT NULL,
          statement TEXT NOT NULL,
          result INTEGER NOT NULL CHECK (result BETWEEN 1 AND 6),
          entered_at INTEGER NOT NULL,
          result_at INTEGER,
          UNIQUE (cycle_id, urn)
        ) STRICT;
        CREATE INDEX award_entry_by_school ON award_entry (urn);
        CREATE INDEX award_entry_by_place ON award_entry (cycle_id, category_id, sub_category_id, urn);
        """)
    // The programme switch: one row.
    try migrator.register(
      "accreditation-v1-programme",
      script: """
        CREATE TABLE programme (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          open INTEGER NOT NULL CHECK (open IN (0, 1)),
          closed_at INTEGER,
          changed_at INTEGER,
          changed_by BLOB,
          reason TEXT NOT NULL
        ) STRICT;
        INSERT INTO programme (id, open, reason) VALUES (1, 1, '');
        """)
    // What the level rule derived, per school, with the notices already sent and when to look
    // again (a validity ends, a notice falls due).
    try migrator.register(
      "accreditation-v1-standing",
      script: """
        CREATE TABLE standing (
          urn TEXT PRIMARY KEY,
          level INTEGER NOT NULL CHECK (level BETWEEN -1 AND 4),
          basis TEXT NOT NULL,
          since INTEGER NOT NULL,
          expires_at INTEGER,
          assessed_at INTEGER NOT NULL,
          commit_deadline INTEGER,
          reminder_sent_at INTEGER,
          overdue_flagged_at INTEGER,
          mark_first_awarded_at INTEGER,
          recognition_available INTEGER NOT NULL DEFAULT 0 CHECK (recognition_available IN (0, 1)),
          next_check_at INTEGER
        ) STRICT;
        CREATE INDEX standing_next_check ON standing (next_check_at) WHERE next_check_at IS NOT NULL;
        CREATE INDEX standing_overdue ON standing (commit_deadline, urn)
          WHERE commit_deadline IS NOT NULL AND mark_first_awarded_at IS NULL;
        CREATE TABLE level_history (
          id INTEGER PRIMARY KEY,
          urn TEXT NOT NULL,
          from_level INTEGER NOT NULL,
          to_level INTEGER NOT NULL,
          changed_at INTEGER NOT NULL,
          actor BLOB NOT NULL,
          reason TEXT NOT NULL,
          cause_source TEXT NOT NULL,
          cause_event_type TEXT NOT NULL,
          cause_sequence INTEGER NOT NULL,
          cause_subject TEXT NOT NULL
        ) STRICT;
        CREATE INDEX level_history_by_school ON level_history (urn, id);
        """)
    // Certificates: the signed facts, column by column, and their revocation.
    try migrator.register(
      "accreditation-v1-certificates",
      script: """
        CREATE TABLE certificate (
          n INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          urn TEXT NOT NULL,
          subject TEXT NOT NULL,
          number TEXT NOT NULL UNIQUE,
          code TEXT NOT NULL UNIQUE,
          school_name TEXT NOT NULL,
          kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 4),
          title TEXT NOT NULL,
          issued_at INTEGER NOT NULL,
          valid_from INTEGER NOT NULL,
          valid_until INTEGER,
          year INTEGER NOT NULL,
          award_result INTEGER,
          award_category TEXT NOT NULL,
          mark_award_id TEXT NOT NULL,
          signature BLOB NOT NULL,
          key_id TEXT NOT NULL,
          revoked_at INTEGER,
          revocation_reason TEXT NOT NULL DEFAULT '',
          UNIQUE (urn, subject)
        ) STRICT;
        CREATE INDEX certificate_by_school ON certificate (urn, n);
        CREATE TABLE signing_key (
          key_id TEXT PRIMARY KEY,
          private_key_pem TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          retired_at INTEGER
        ) STRICT;
        """)
  }
}
