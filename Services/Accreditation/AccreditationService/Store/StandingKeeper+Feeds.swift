import CharterValues
public import Contracts
import FoundationEssentials
import RegistryReplica
import ServiceKit
public import Storage

/// The three feeds a standing is derived from, each applied inside the transaction that
/// advances its feed position (``FeedFollower``), so an event's effect commits exactly once.
extension StandingKeeper {
  /// When a feed event happened, as this service dates its effects: the event's own time, but
  /// never later than this service's clock.
  func eventTime(_ occurredAt: Protobuf.Timestamp?) -> UTCTime {
    min(occurredAt?.utcTime ?? now, now)
  }

  // MARK: registry

  /// A registry event: schools (through the shared replica; a change of commitment or
  /// withdrawal settles the school's standing) and the schools' people (who may not referee
  /// their own school).
  public func applyRegistry(_ event: Registry.RegistryEvent, in db: Connection) throws {
    guard let payload = event.payload else { return }
    let cause = LevelChangeCause(
      source: .registry, eventType: Registry.RegistryEvent.eventType(of: payload), sequence: event.sequence)
    let time = eventTime(event.occurredAt)
    let actor = event.actor ?? .service("charter-registry")
    try RegistrySchoolsReplica.apply(event, in: db) { old, new, db in
      // Names and places change standings' messages, not levels; settle only what the rule reads.
      guard old == nil || old?.committedAt != new.committedAt || old?.withdrawnAt != new.withdrawnAt else { return }
      try settle(new.urn.rawValue, at: time, cause: cause, actor: actor, in: db)
    }
    switch payload {
    case .personInvited(let invited): try Self.remember(invited.person, in: db)
    case .personJoined(let joined): try Self.remember(joined.person, in: db)
    case .roleGranted(let granted):
      if let urn = Self.schoolScope(of: granted.grant) {
        try db.execute(
          sql: "INSERT OR IGNORE INTO school_member (person_id, urn) VALUES (?, ?)", arguments: [granted.personId, urn])
      }
    case .roleRevoked(let revoked):
      if let urn = Self.schoolScope(of: revoked.grant) {
        try db.execute(
          sql: "DELETE FROM school_member WHERE person_id = ? AND urn = ?", arguments: [revoked.personId, urn])
      }
    case .personRemoved(let removed):
      try db.execute(sql: "DELETE FROM school_member WHERE person_id = ?", arguments: [removed.personId])
      try db.execute(sql: "DELETE FROM person_email WHERE person_id = ?", arguments: [removed.personId])
    default: break
    }
  }

  /// The school a grant makes someone one of the people of (admin or contributor).
  static func schoolScope(of grant: Registry.RoleGrant?) -> String? {
    guard let grant, grant.role == .schoolAdmin || grant.role == .schoolContributor,
      case .schoolUrn(let urn)? = grant.scope
    else { return nil }
    return urn
  }

  static func remember(_ person: Registry.Person?, in db: Connection) throws {
    guard let person, !person.personId.isEmpty else { return }
    try db.execute(
      sql: """
        INSERT INTO person_email (person_id, email_digest) VALUES (?, ?)
        ON CONFLICT (person_id) DO UPDATE SET email_digest = excluded.email_digest
        """,
      arguments: [person.personId, Referee.emailDigest(person.email)])
    try db.execute(sql: "DELETE FROM school_member WHERE person_id = ?", arguments: [person.personId])
    for grant in person.roles {
      if let urn = schoolScope(of: grant) {
        try db.execute(
          sql: "INSERT OR IGNORE INTO school_member (person_id, urn) VALUES (?, ?)", arguments: [person.personId, urn])
      }
    }
  }

  // MARK: self-review

  /// A self-review event: the level 2 rule starting or stopping to hold (which opens or
  /// closes the way to recognition), and elements reaching or leaving the standard. Ratings
  /// themselves are not this service's business.
  public func applySelfReview(_ event: SelfReview.SelfReviewEvent, in db: Connection) throws {
    guard let payload = event.payload, SchoolURN(event.schoolUrn) != nil else { return }
    let urn = event.schoolUrn
    let time = eventTime(event.occurredAt)
    let cause = LevelChangeCause(
      source: .selfReview, eventType: SelfReview.SelfReviewEvent.eventType(of: payload), sequence: event.sequence)
    let actor = event.actor ?? .service("charter-self-review")
    switch payload {
    case .level2RuleNowHolds(let holds):
      try Self.recordSignal(
        urn, holds: true, elements: holds.elementsAtStandard, commentaryComplete: holds.commentaryComplete, at: time,
        in: db)
      try settle(urn, at: time, cause: cause, actor: actor, in: db)
    case .level2RuleNoLongerHolds(let stopped):
      try Self.recordSignal(
        urn, holds: false, elements: stopped.elementsAtStandard, commentaryComplete: false, at: time, in: db)
      if let school = try SchoolURN(urn).flatMap({ try RegistrySchoolsReplica.school($0, in: db) }) {
        let still = stopped.elementsAtStandard.isEmpty ? "none" : stopped.elementsAtStandard.joined(separator: ", ")
        for pending in try RecognitionRecord.pending(of: urn, in: db) {
          try closeRecognition(
            pending.id, to: .closed,
            reason: "the level 2 rule no longer holds (elements at the national standard: \(still))", at: time,
            school: school, actor: actor, in: db)
        }
      }
      try settle(urn, at: time, cause: cause, actor: actor, in: db)
    case .elementReachedStandard(let reached):
      try Self.adjustElements(urn, adding: reached.elementId, at: time, in: db)
    case .elementFellBelowStandard(let fell):
      try Self.adjustElements(urn, removing: fell.elementId, at: time, in: db)
    default:
      return
    }
  }

  static func recordSignal(
    _ urn: String, holds: Bool, elements: [String], commentaryComplete: Bool, at time: UTCTime, in db: Connection
  ) throws {
    try db.execute(
      sql: """
        INSERT INTO review_signal (urn, level2_rule_holds, elements_at_standard, commentary_complete, changed_at)
        VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (urn) DO UPDATE SET level2_rule_holds = excluded.level2_rule_holds,
          elements_at_standard = excluded.elements_at_standard, commentary_complete = excluded.commentary_complete,
          changed_at = excluded.changed_at
        """,
      arguments: [urn, holds, elements.joined(separator: ","), commentaryComplete, time.millisecondsSince1970])
  }

  static func adjustElements(
    _ urn: String, adding: String? = nil, removing: String? = nil, at time: UTCTime, in db: Connection
  )
    throws
  {
    let signal = try ReviewSignalRecord.load(urn, in: db)
    var elements = signal?.elementsAtStandard ?? []
    if let adding, !elements.contains(adding) { elements.append(adding) }
    if let removing { elements.removeAll { $0 == removing } }
    try recordSignal(
      urn, holds: signal?.holds ?? false, elements: elements, commentaryComplete: signal?.commentaryComplete ?? false,
      at: time, in: db)
  }

  // MARK: evaluation

  /// An evaluation event: a Mark awarded (level 3; a pending recognition closes, one in force
  /// is superseded), due for renewal, or expired.
  public func applyEvaluation(_ event: Evaluation.EvaluationEvent, in db: Connection) throws {
    guard let payload = event.payload else { return }
    let time = eventTime(event.occurredAt)
    let actor = event.actor ?? .service("charter-evaluation")
    func cause(_ subject: String) -> LevelChangeCause {
      LevelChangeCause(
        source: .evaluation, eventType: Evaluation.EvaluationEvent.eventType(of: payload), sequence: event.sequence,
        subjectID: subject)
    }
    switch payload {
    case .markAwarded(let awarded):
      guard SchoolURN(awarded.schoolUrn) != nil, let award = awarded.award, !award.awardId.isEmpty,
        let awardedAt = award.awardedAt?.utcTime, let expiresAt = award.expiresAt?.utcTime
      else { return }
      let urn = awarded.schoolUrn
      try db.execute(
        sql: """
          INSERT INTO mark (award_id, urn, application_id, awarded_at, expires_at, included_visit)
          VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (award_id) DO UPDATE SET awarded_at = excluded.awarded_at, expires_at = excluded.expires_at,
            included_visit = excluded.included_visit
          """,
        arguments: [
          award.awardId, urn, awarded.applicationId, awardedAt.millisecondsSince1970, expiresAt.millisecondsSince1970,
          award.includedVisit,
        ])
      if let school = try RegistrySchoolsReplica.school(SchoolURN(urn)!, in: db) {
        let open = try db.fetchAll(
          RecognitionRecord.self, sql: "SELECT * FROM recognition WHERE urn = ? AND state IN (1, 2, 3)",
          arguments: [urn])
        for record in open {
          let stage = record.stage.afterMarkAwarded
          try closeRecognition(
            record.id, to: stage,
            reason: stage == .superseded
              ? "ended by the ICT Mark: the school moved up to level 3" : "closed: the school reached the ICT Mark",
            at: min(time, max(awardedAt, UTCTime(millisecondsSince1970: record.requestedAt))), school: school,
            actor: actor, in: db)
        }
      }
      try settle(urn, at: time, cause: cause(award.awardId), actor: actor, in: db)
    case .markRenewalDue(let due):
      try db.execute(
        sql: "UPDATE mark SET renewal_due_at = ? WHERE award_id = ?",
        arguments: [time.millisecondsSince1970, due.awardId])
    case .markExpired(let expired):
      let at = expired.expiredAt?.utcTime ?? time
      try db.execute(
        sql: "UPDATE mark SET expired_at = ? WHERE award_id = ?",
        arguments: [at.millisecondsSince1970, expired.awardId])
      try settle(expired.schoolUrn, at: time, cause: cause(expired.awardId), actor: actor, in: db)
    default:
      return
    }
  }
}
