import CharterValues
import Contracts
import RPCCore
import Storage

/// A school's derived standing, as stored.
struct StandingRecord: Sendable, FetchableRecord {
  var urn: String
  var level: CharterLevel
  var basis: LevelBasis
  var since: Int64
  var expiresAt: Int64?
  /// The last instant the rule was applied at: later changes are never dated before it.
  var assessedAt: Int64
  var commitDeadline: Int64?
  var reminderSentAt: Int64?
  var overdueFlaggedAt: Int64?
  var markFirstAwardedAt: Int64?
  var recognitionAvailable: Bool
  var nextCheckAt: Int64?

  init(urn: String, at time: Int64) {
    self.urn = urn
    level = .notCommitted
    basis = .notCommitted
    since = time
    assessedAt = time
    recognitionAvailable = false
  }

  init(row: Row) throws {
    urn = try row["urn"]
    level = CharterLevel(rawValue: try row["level"]) ?? .notCommitted
    basis = LevelBasis(storageKey: try row["basis"])
    since = try row["since"]
    expiresAt = try row["expires_at"]
    assessedAt = try row["assessed_at"]
    commitDeadline = try row["commit_deadline"]
    reminderSentAt = try row["reminder_sent_at"]
    overdueFlaggedAt = try row["overdue_flagged_at"]
    markFirstAwardedAt = try row["mark_first_awarded_at"]
    recognitionAvailable = try row["recognition_available"]
    nextCheckAt = try row["next_check_at"]
  }

  var decision: LevelDecision {
    LevelDecision(level: level, basis: basis, expiresAt: UTCTime(milliseconds: expiresAt))
  }

  /// The commitment notices already sent.
  var noticesSent: Set<CommitmentSchedule.Notice> {
    var sent: Set<CommitmentSchedule.Notice> = []
    if reminderSentAt != nil { sent.insert(.reminder) }
    if overdueFlaggedAt != nil { sent.insert(.overdue) }
    return sent
  }

  static func load(_ urn: String, in db: Connection) throws -> StandingRecord? {
    try db.fetchOne(StandingRecord.self, sql: "SELECT * FROM standing WHERE urn = ?", arguments: [urn])
  }

  func save(in db: Connection) throws {
    try db.execute(
      sql: """
        INSERT INTO standing (urn, level, basis, since, expires_at, assessed_at, commit_deadline, reminder_sent_at,
          overdue_flagged_at, mark_first_awarded_at, recognition_available, next_check_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (urn) DO UPDATE SET level = excluded.level, basis = excluded.basis, since = excluded.since,
          expires_at = excluded.expires_at, assessed_at = excluded.assessed_at,
          commit_deadline = excluded.commit_deadline, reminder_sent_at = excluded.reminder_sent_at,
          overdue_flagged_at = excluded.overdue_flagged_at, mark_first_awarded_at = excluded.mark_first_awarded_at,
          recognition_available = excluded.recognition_available, next_check_at = excluded.next_check_at
        """,
      arguments: [
        urn, level.rawValue, basis.storageKey, since, expiresAt, assessedAt, commitDeadline, reminderSentAt,
        overdueFlaggedAt, markFirstAwardedAt, recognitionAvailable, nextCheckAt,
      ])
  }
}

/// What self-review last said about a school's level 2 rule.
struct ReviewSignalRecord: Sendable, FetchableRecord {
  var holds: Bool
  var elementsAtStandard: [String]
  var commentaryComplete: Bool

  init(row: Row) throws {
    holds = try row["level2_rule_holds"]
    let elements: String = try row["elements_at_standard"]
    elementsAtStandard = elements.isEmpty ? [] : elements.split(separator: ",").map(String.init)
    commentaryComplete = try row["commentary_complete"]
  }

  static func load(_ urn: String, in db: Connection) throws -> ReviewSignalRecord? {
    try db.fetchOne(ReviewSignalRecord.self, sql: "SELECT * FROM review_signal WHERE urn = ?", arguments: [urn])
  }
}

/// An ICT Mark as evaluation announced it.
struct MarkRecord: Sendable, FetchableRecord {
  var awardID: String
  var urn: String
  var awardedAt: Int64
  var expiresAt: Int64
  var renewalDueAt: Int64?
  var expiredAt: Int64?

  init(row: Row) throws {
    awardID = try row["award_id"]
    urn = try row["urn"]
    awardedAt = try row["awarded_at"]
    expiresAt = try row["expires_at"]
    renewalDueAt = try row["renewal_due_at"]
    expiredAt = try row["expired_at"]
  }

  var fact: CharterFacts.Mark {
    CharterFacts.Mark(
      awardID: awardID, awardedAt: UTCTime(millisecondsSince1970: awardedAt),
      expiresAt: UTCTime(millisecondsSince1970: expiresAt), expiredAt: UTCTime(milliseconds: expiredAt))
  }

  static func all(of urn: String, in db: Connection) throws -> [MarkRecord] {
    try db.fetchAll(MarkRecord.self, sql: "SELECT * FROM mark WHERE urn = ? ORDER BY awarded_at", arguments: [urn])
  }
}

/// A recognition request, as stored.
struct RecognitionRecord: Sendable, FetchableRecord {
  var n: Int64
  var id: String
  var urn: String
  var stage: RecognitionStage
  var referee: Referee
  var note: String
  var elementsAtStandard: [String]
  var commentaryComplete: Bool
  var requestedAt: Int64
  var requestedBy: [UInt8]
  var refereeConfirmed: Bool?
  var refereeComment: String?
  var refereeRespondedAt: Int64?
  var approved: Bool?
  var decisionReason: String?
  var decidedAt: Int64?
  var decidedBy: [UInt8]?
  var expiresAt: Int64?
  var closedReason: String
  var closedAt: Int64?
  var spotCheckSelected: Bool
  var spotCheckCompleted: Bool
  var spotCheckUpheld: Bool
  var spotCheckNote: String
  var spotCheckAt: Int64?
  var spotCheckBy: [UInt8]?
  var invitedAt: Int64?

  init(row: Row) throws {
    n = try row["n"]
    id = try row["id"]
    urn = try row["urn"]
    stage = RecognitionStage(rawValue: try row["state"]) ?? .closed
    referee = Referee(
      name: try row["referee_name"], email: try row["referee_email"], organisation: try row["referee_organisation"],
      kind: Referee.Kind(rawValue: try row["referee_kind"]) ?? .partner, personID: try row["referee_person_id"])
    note = try row["note"]
    let elements: String = try row["elements_at_standard"]
    elementsAtStandard = elements.isEmpty ? [] : elements.split(separator: ",").map(String.init)
    commentaryComplete = try row["commentary_complete"]
    requestedAt = try row["requested_at"]
    requestedBy = try row["requested_by"]
    refereeConfirmed = try row["referee_confirmed"]
    refereeComment = try row["referee_comment"]
    refereeRespondedAt = try row["referee_responded_at"]
    approved = try row["approved"]
    decisionReason = try row["decision_reason"]
    decidedAt = try row["decided_at"]
    decidedBy = try row["decided_by"]
    expiresAt = try row["expires_at"]
    closedReason = try row["closed_reason"]
    closedAt = try row["closed_at"]
    spotCheckSelected = try row["spot_check_selected"]
    spotCheckCompleted = try row["spot_check_completed"]
    spotCheckUpheld = try row["spot_check_upheld"]
    spotCheckNote = try row["spot_check_note"]
    spotCheckAt = try row["spot_check_at"]
    spotCheckBy = try row["spot_check_by"]
    invitedAt = try row["invited_at"]
  }

  static func load(id: String, in db: Connection) throws -> RecognitionRecord? {
    try db.fetchOne(RecognitionRecord.self, sql: "SELECT * FROM recognition WHERE id = ?", arguments: [id])
  }

  /// The school's most recent request.
  static func latest(of urn: String, in db: Connection) throws -> RecognitionRecord? {
    try db.fetchOne(
      RecognitionRecord.self, sql: "SELECT * FROM recognition WHERE urn = ? ORDER BY n DESC LIMIT 1", arguments: [urn])
  }

  /// The school's requests still waiting for the referee or the admin.
  static func pending(of urn: String, in db: Connection) throws -> [RecognitionRecord] {
    try db.fetchAll(
      RecognitionRecord.self, sql: "SELECT * FROM recognition WHERE urn = ? AND state IN (1, 2) ORDER BY n",
      arguments: [urn])
  }

  /// The school's approved recognition still in force, if any.
  static func inForce(of urn: String, in db: Connection) throws -> RecognitionRecord? {
    try db.fetchOne(
      RecognitionRecord.self, sql: "SELECT * FROM recognition WHERE urn = ? AND state = 3 ORDER BY n DESC LIMIT 1",
      arguments: [urn])
  }

  /// Moves the request to `stage`, recording why and when it ended.
  static func close(_ id: String, to stage: RecognitionStage, reason: String, at time: Int64, in db: Connection)
    throws
  {
    try db.execute(
      sql: "UPDATE recognition SET state = ?, closed_reason = ?, closed_at = ? WHERE id = ?",
      arguments: [stage.rawValue, reason, time, id])
  }
}

/// An award cycle, as stored.
struct CycleRecord: Sendable, FetchableRecord {
  var id: String
  var year: Int
  var stage: AwardStage
  var entryDeadline: String
  var categories: [AwardCategory]
  var categoriesMessage: [Accreditation.AwardCategory]
  var requiresMark: Bool
  var threshold: AwardResult
  var createdAt: Int64
  var updatedAt: Int64

  init(row: Row) throws {
    id = try row["id"]
    year = try row["year"]
    stage = AwardStage(rawValue: try row["state"]) ?? .published
    entryDeadline = try row["entry_deadline"]
    let holder = try Accreditation.AwardCycle(serializedBytes: try row["categories"] as [UInt8])
    categoriesMessage = holder.categories
    categories = holder.categories.map { category in
      AwardCategory(
        id: category.categoryId, title: category.title, description: category.description,
        subCategories: category.subCategories.map { AwardCategory.SubCategory(id: $0.subCategoryId, title: $0.title) })
    }
    requiresMark = try row["requires_ict_mark"]
    threshold = AwardResult(rawValue: try row["level4_threshold"]) ?? .shortlisted
    createdAt = try row["created_at"]
    updatedAt = try row["updated_at"]
  }

  static func load(id: String, in db: Connection) throws -> CycleRecord? {
    try db.fetchOne(CycleRecord.self, sql: "SELECT * FROM award_cycle WHERE id = ?", arguments: [id])
  }
}

/// An award entry with what it needs of its cycle.
struct EntryRecord: Sendable, FetchableRecord {
  var n: Int64
  var id: String
  var cycleID: String
  var urn: String
  var categoryID: String
  var subCategoryID: String
  var statement: String
  var result: AwardResult
  var enteredAt: Int64
  var resultAt: Int64?
  var year: Int
  var threshold: AwardResult
  var requiresMark: Bool

  init(row: Row) throws {
    n = try row["n"]
    id = try row["id"]
    cycleID = try row["cycle_id"]
    urn = try row["urn"]
    categoryID = try row["category_id"]
    subCategoryID = try row["sub_category_id"]
    statement = try row["statement"]
    result = AwardResult(rawValue: try row["result"]) ?? .entrant
    enteredAt = try row["entered_at"]
    resultAt = try row["result_at"]
    year = try row["year"]
    threshold = AwardResult(rawValue: try row["level4_threshold"]) ?? .shortlisted
    requiresMark = try row["requires_ict_mark"]
  }

  static let select = """
    SELECT e.*, c.year, c.level4_threshold, c.requires_ict_mark FROM award_entry e
    JOIN award_cycle c ON c.id = e.cycle_id
    """

  static func all(of urn: String, in db: Connection) throws -> [EntryRecord] {
    try db.fetchAll(EntryRecord.self, sql: select + " WHERE e.urn = ? ORDER BY c.year DESC", arguments: [urn])
  }

  static func load(id: String, in db: Connection) throws -> EntryRecord? {
    try db.fetchOne(EntryRecord.self, sql: select + " WHERE e.id = ?", arguments: [id])
  }

  func badge(categoryTitle: String) -> CharterFacts.Badge {
    CharterFacts.Badge(
      entryID: id, year: year, result: result, threshold: threshold, requiresMark: requiresMark,
      recordedAt: UTCTime(millisecondsSince1970: resultAt ?? enteredAt), categoryTitle: categoryTitle)
  }
}

/// A certificate: its signed facts and its revocation.
struct CertificateRecord: Sendable, FetchableRecord {
  var n: Int64
  var subject: String
  var facts: CertificateFacts
  var signature: [UInt8]
  var keyID: String
  var revokedAt: Int64?
  var revocationReason: String

  init(row: Row) throws {
    n = try row["n"]
    subject = try row["subject"]
    facts = CertificateFacts(
      certificateID: try row["id"], number: try row["number"], verificationCode: try row["code"],
      schoolURN: try row["urn"], schoolName: try row["school_name"],
      kind: CertificateKind(rawValue: try row["kind"]) ?? .committed, title: try row["title"],
      issuedAt: UTCTime(millisecondsSince1970: try row["issued_at"]),
      validFrom: UTCTime(millisecondsSince1970: try row["valid_from"]),
      validUntil: UTCTime(milliseconds: try row["valid_until"]), year: try row["year"],
      awardResult: (try row["award_result"] as Int?).flatMap(AwardResult.init(rawValue:)),
      awardCategory: try row["award_category"], markAwardID: try row["mark_award_id"])
    signature = try row["signature"]
    keyID = try row["key_id"]
    revokedAt = try row["revoked_at"]
    revocationReason = try row["revocation_reason"]
  }

  static func load(id: String, in db: Connection) throws -> CertificateRecord? {
    try db.fetchOne(CertificateRecord.self, sql: "SELECT * FROM certificate WHERE id = ?", arguments: [id])
  }

  static func load(code: String, in db: Connection) throws -> CertificateRecord? {
    try db.fetchOne(CertificateRecord.self, sql: "SELECT * FROM certificate WHERE code = ?", arguments: [code])
  }
}

/// One level change, as stored.
struct HistoryRecord: Sendable, FetchableRecord {
  var from: CharterLevel
  var to: CharterLevel
  var changedAt: Int64
  var actor: [UInt8]
  var reason: String
  var cause: LevelChangeCause

  init(row: Row) throws {
    from = CharterLevel(rawValue: try row["from_level"]) ?? .notCommitted
    to = CharterLevel(rawValue: try row["to_level"]) ?? .notCommitted
    changedAt = try row["changed_at"]
    actor = try row["actor"]
    reason = try row["reason"]
    cause = LevelChangeCause(
      source: LevelChangeCause.Source(rawValue: try row["cause_source"]) ?? .accreditation,
      eventType: try row["cause_event_type"], sequence: try row["cause_sequence"], subjectID: try row["cause_subject"])
  }
}
