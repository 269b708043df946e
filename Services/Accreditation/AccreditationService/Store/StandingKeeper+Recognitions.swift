import CharterValues
public import Contracts
import Crypto
import FoundationEssentials
public import Identity
public import RegistryReplica
import ServiceKit
import Storage

/// Recognised for ICT (level 2): the request naming a referee, the referee's answer (by
/// invitation code or signed in), the programme's decision and the spot-check audit. Each is
/// one transaction: the request's new state, its event, and the school's settled standing.
extension StandingKeeper {
  /// The school a request concerns, as the replica has it.
  static func school(_ urn: String, in db: Connection) throws -> RegistrySchool? {
    guard let parsed = SchoolURN(urn) else { return nil }
    return try RegistrySchoolsReplica.school(parsed, in: db)
  }

  func recognitionMessage(_ record: RecognitionRecord, in db: Connection) throws -> Accreditation.Recognition {
    let school = try Self.school(record.urn, in: db)
    return try record.message(schoolName: school?.name ?? "", localAuthority: school?.localAuthorityCode ?? "")
  }

  /// Asks for recognition for a school (see the contract's RequestRecognition).
  /// - Parameter authorize: the caller's right to ask for this school, checked against the
  ///   school as stored.
  public func requestRecognition(
    urn: String, referee: Referee, note: String, caller: Caller,
    authorize: @escaping @Sendable (RegistrySchool) throws -> Void
  ) async throws -> Accreditation.Recognition {
    let now = self.now
    let actor = caller.actor
    return try await store.database.write { db in
      guard let school = try Self.school(urn, in: db) else { throw AccreditationError.schoolNotFound(urn: urn) }
      try authorize(school)
      guard !school.isWithdrawn else { throw AccreditationRuleError.schoolWithdrawn(urn: urn) }
      let facts = try self.facts(of: school, in: db)
      guard facts.commitmentCounts(at: now) else { throw AccreditationRuleError.notCommitted(urn: urn) }
      guard try Self.programme(in: db).open else { throw AccreditationRuleError.programmeClosed("new recognitions") }
      let level = CharterLevelRule.decide(facts, at: now, rules: rules).level
      guard level < .recognised else { throw AccreditationRuleError.alreadyAtLevel(urn: urn, level: level) }
      if let pending = try RecognitionRecord.pending(of: urn, in: db).first {
        throw AccreditationError.recognitionPending(urn: urn, id: pending.id)
      }
      guard let signal = try ReviewSignalRecord.load(urn, in: db), signal.holds else {
        throw AccreditationRuleError.level2RuleDoesNotHold(urn: urn)
      }
      let people = Set(
        try db.fetchAll(sql: "SELECT person_id FROM school_member WHERE urn = ?", arguments: [urn]).map {
          try $0["person_id"] as String
        })
      let digests = Set(
        try db.fetchAll(
          sql: """
            SELECT e.email_digest FROM person_email e JOIN school_member m ON m.person_id = e.person_id
            WHERE m.urn = ?
            """, arguments: [urn]
        ).map { try $0["email_digest"] as String })
      try referee.checkIndependent(schoolPeople: people, schoolEmailDigests: digests, requester: caller.personID)

      let id = RecordID.random(prefix: "rec")
      try db.execute(
        sql: """
          INSERT INTO recognition (id, urn, state, referee_name, referee_email, referee_organisation, referee_kind,
            referee_person_id, note, elements_at_standard, commentary_complete, requested_at, requested_by)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          id, urn, RecognitionStage.awaitingReferee.rawValue, referee.name, referee.email, referee.organisation,
          referee.kind.rawValue, referee.personID, note, signal.elementsAtStandard.joined(separator: ","),
          signal.commentaryComplete, now.millisecondsSince1970, try actor.serializedBytes(),
        ])
      let record = try RecognitionRecord.load(id: id, in: db)!
      let message = try record.message(schoolName: school.name, localAuthority: school.localAuthorityCode)
      try store.append(
        .recognitionRequested(Accreditation.RecognitionRequested(recognition: message)), school: urn, actor: actor,
        at: now, in: db)
      try settle(
        urn, at: now,
        cause: LevelChangeCause(source: .accreditation, eventType: "recognition_requested", subjectID: id),
        actor: actor, in: db)
      return message
    }
  }

  /// A new one-time code for the referee; the previous one stops working.
  public func issueRefereeInvitation(id: String, caller: Caller) async throws -> Accreditation.RefereeInvitation {
    let now = self.now
    let code = Self.newInvitationCode()
    let expires = now.adding(rules.refereeInvitationLifetime)
    return try await store.database.write { db in
      guard let record = try RecognitionRecord.load(id: id, in: db) else {
        throw AccreditationError.recognitionNotFound(id: id)
      }
      guard record.stage == .awaitingReferee else {
        throw AccreditationRuleError.recognitionNotAt(record.stage, expected: .awaitingReferee)
      }
      try db.execute(
        sql: "UPDATE recognition SET invitation_digest = ?, invitation_expires_at = ?, invited_at = ? WHERE id = ?",
        arguments: [Self.digest(code), expires.millisecondsSince1970, now.millisecondsSince1970, id])
      let school = try Self.school(record.urn, in: db)
      var invitation = Accreditation.RefereeInvitation()
      invitation.recognitionId = id
      invitation.invitationCode = code
      invitation.expiresAt = Protobuf.Timestamp(expires)
      invitation.referee = record.referee.message
      invitation.schoolUrn = record.urn
      invitation.schoolName = school?.name ?? ""
      return invitation
    }
  }

  /// The referee's answer. With `invitationCode` the code is the credential (and is used up);
  /// otherwise `authorize` checks the caller against the request's referee.
  func answerAsReferee(
    recognitionID: String?, invitationCode: String?, confirmed: Bool, comment: String, actor: Common.Actor,
    authorize: @escaping @Sendable (RecognitionRecord) throws -> Void = { _ in }
  ) async throws -> Accreditation.Recognition {
    let now = self.now
    return try await store.database.write { db in
      let record: RecognitionRecord
      var actor = actor
      if let invitationCode {
        guard
          let found = try db.fetchOne(
            RecognitionRecord.self, sql: "SELECT * FROM recognition WHERE invitation_digest = ?",
            arguments: [Self.digest(invitationCode)]),
          let expires: Int64 = try db.fetchOne(
            sql: "SELECT invitation_expires_at FROM recognition WHERE id = ?", arguments: [found.id])?[
              "invitation_expires_at"],
          expires > now.millisecondsSince1970
        else { throw AccreditationError.invitationNotFound }
        record = found
        actor = Common.Actor.service("charter-accreditation")
        actor.displayName = "\(found.referee.name) (referee, by invitation code)"
      } else {
        guard let id = recognitionID, let found = try RecognitionRecord.load(id: id, in: db) else {
          throw AccreditationError.recognitionNotFound(id: recognitionID ?? "")
        }
        try authorize(found)
        record = found
      }
      let stage = try record.stage.answeredByReferee(confirmed: confirmed)
      try db.execute(
        sql: """
          UPDATE recognition SET state = ?, referee_confirmed = ?, referee_comment = ?, referee_responded_at = ?,
            invitation_digest = NULL, invitation_expires_at = NULL,
            closed_reason = ?, closed_at = ?
          WHERE id = ?
          """,
        arguments: [
          stage.rawValue, confirmed, comment, now.millisecondsSince1970,
          confirmed ? "" : "the referee declined", confirmed ? nil : now.millisecondsSince1970, record.id,
        ])
      let updated = try RecognitionRecord.load(id: record.id, in: db)!
      let message = try recognitionMessage(updated, in: db)
      if !confirmed {
        try store.append(
          .recognitionDecided(Accreditation.RecognitionDecided(recognition: message)), school: record.urn,
          actor: actor, at: now, in: db)
        try settle(
          record.urn, at: now,
          cause: LevelChangeCause(source: .accreditation, eventType: "recognition_decided", subjectID: record.id),
          actor: actor, in: db)
      }
      return message
    }
  }

  /// The programme admin's decision: approval makes the school Recognised for three years
  /// (and may select it for audit); rejection ends the request.
  public func decideRecognition(id: String, approve: Bool, reason: String, caller: Caller) async throws
    -> Accreditation.Recognition
  {
    let now = self.now
    let actor = caller.actor
    let rules = self.rules
    return try await store.database.write { db in
      guard let record = try RecognitionRecord.load(id: id, in: db) else {
        throw AccreditationError.recognitionNotFound(id: id)
      }
      let stage = try record.stage.decided(approve: approve)
      if approve {
        guard try Self.programme(in: db).open else { throw AccreditationRuleError.programmeClosed("new recognitions") }
        guard let school = try Self.school(record.urn, in: db), !school.isWithdrawn else {
          throw AccreditationRuleError.schoolWithdrawn(urn: record.urn)
        }
      }
      let expires = approve ? now.adding(years: rules.recognitionYears).millisecondsSince1970 : nil
      let selected = approve && SpotCheckSelection.isSelected(recognitionID: id, share: rules.spotCheckShare)
      try db.execute(
        sql: """
          UPDATE recognition SET state = ?, approved = ?, decision_reason = ?, decided_at = ?, decided_by = ?,
            expires_at = ?, spot_check_selected = ?, closed_reason = ?, closed_at = ?
          WHERE id = ?
          """,
        arguments: [
          stage.rawValue, approve, reason, now.millisecondsSince1970, try actor.serializedBytes(), expires, selected,
          approve ? "" : "rejected: \(reason)", approve ? nil : now.millisecondsSince1970, id,
        ])
      let updated = try RecognitionRecord.load(id: id, in: db)!
      let message = try recognitionMessage(updated, in: db)
      let sequence = try store.append(
        .recognitionDecided(Accreditation.RecognitionDecided(recognition: message)), school: record.urn, actor: actor,
        at: now, in: db)
      try settle(
        record.urn, at: now,
        cause: LevelChangeCause(
          source: .accreditation, eventType: "recognition_decided", sequence: sequence, subjectID: id),
        actor: actor, in: db)
      return message
    }
  }

  /// A spot-check audit's outcome; one not upheld revokes the recognition and its certificate.
  public func recordSpotCheck(id: String, upheld: Bool, note: String, caller: Caller) async throws
    -> Accreditation.Recognition
  {
    let now = self.now
    let actor = caller.actor
    return try await store.database.write { db in
      guard let record = try RecognitionRecord.load(id: id, in: db) else {
        throw AccreditationError.recognitionNotFound(id: id)
      }
      guard record.approved == true else { throw AccreditationRuleError.recognitionNeverApproved(recognitionID: id) }
      guard record.spotCheckSelected else { throw AccreditationRuleError.spotCheckNotSelected(recognitionID: id) }
      guard !record.spotCheckCompleted else { throw AccreditationRuleError.spotCheckAlreadyRecorded(recognitionID: id) }
      let stage = record.stage.audited(upheld: upheld)
      try db.execute(
        sql: """
          UPDATE recognition SET state = ?, spot_check_completed = 1, spot_check_upheld = ?, spot_check_note = ?,
            spot_check_at = ?, spot_check_by = ?, closed_reason = CASE WHEN ? THEN ? ELSE closed_reason END,
            closed_at = CASE WHEN ? THEN ? ELSE closed_at END
          WHERE id = ?
          """,
        arguments: [
          stage.rawValue, upheld, note, now.millisecondsSince1970, try actor.serializedBytes(), stage == .revoked,
          "revoked after a spot-check audit: \(note)", stage == .revoked, now.millisecondsSince1970, id,
        ])
      let updated = try RecognitionRecord.load(id: id, in: db)!
      let message = try recognitionMessage(updated, in: db)
      let sequence = try store.append(
        .spotCheckRecorded(Accreditation.SpotCheckRecorded(recognition: message)), school: record.urn, actor: actor,
        at: now, in: db)
      if stage == .revoked {
        try revokeCertificates(
          of: record.urn, subject: "recognition:\(id)", reason: "the recognition was revoked after a spot-check audit",
          at: now, actor: actor, in: db)
        try settle(
          record.urn, at: now,
          cause: LevelChangeCause(
            source: .accreditation, eventType: "spot_check_recorded", sequence: sequence, subjectID: id),
          actor: actor, in: db)
      }
      return message
    }
  }

  /// Invitation codes: 192 random bits, shown once; only their SHA-256 is stored.
  static func newInvitationCode() -> String {
    var generator = SystemRandomNumberGenerator()
    return Base64URL.encode((0..<24).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
  }

  static func digest(_ code: String) -> String {
    SHA256.hash(data: Array(code.utf8)).map { byte in
      let hex = String(byte, radix: 16)
      return hex.count == 1 ? "0" + hex : hex
    }.joined()
  }
}
