public import CharterValues
public import Contracts
import FoundationEssentials
import RegistryReplica
public import ServiceKit
public import Storage

/// Keeps every school's standing in step with its facts, inside the transaction that changed
/// them: applies the level rule, records each level change in the history with its cause,
/// issues and revokes certificates, sends the commitment notices, tells a school when it may
/// ask for recognition, and works out when to look at the school again.
///
/// Feed followers, the scheduler and the handlers all change facts and then call
/// ``settle(_:at:cause:actor:in:)``; nothing else writes a standing, so the level always is
/// what ``CharterLevelRule`` says of the facts.
public struct StandingKeeper: Sendable {
  public let store: AccreditationStore
  public let rules: AccreditationRules
  public let signer: CertificateSigner
  /// How many dated boundaries (lapses, notices) one settle works through at most; far more
  /// than a school's real history holds, it only guards against a fault looping.
  static let boundaryLimit = 256

  public init(store: AccreditationStore, rules: AccreditationRules, signer: CertificateSigner) {
    self.store = store
    self.rules = rules
    self.signer = signer
  }

  var now: UTCTime { store.now }

  // MARK: facts

  /// The programme switch.
  struct Programme: Sendable {
    var open: Bool
    var closedAt: UTCTime?
  }

  static func programme(in db: Connection) throws -> Programme {
    let row = try db.fetchOne(sql: "SELECT open, closed_at FROM programme WHERE id = 1")
    return Programme(
      open: try row?["open"] ?? true, closedAt: UTCTime(milliseconds: try row?["closed_at"] as Int64?))
  }

  /// Everything the level rule needs about a school, from the store.
  func facts(of school: RegistrySchool, in db: Connection) throws -> CharterFacts {
    let urn = school.urn.rawValue
    let recognition = try RecognitionRecord.inForce(of: urn, in: db).flatMap { record -> CharterFacts.Recognition? in
      guard let decidedAt = record.decidedAt, let expiresAt = record.expiresAt else { return nil }
      return CharterFacts.Recognition(
        id: record.id, recognisedAt: UTCTime(millisecondsSince1970: decidedAt),
        expiresAt: UTCTime(millisecondsSince1970: expiresAt))
    }
    let badges = try EntryRecord.all(of: urn, in: db).map { $0.badge(categoryTitle: "") }
    return CharterFacts(
      committedAt: school.committedAt, withdrawnAt: school.withdrawnAt,
      programmeClosedAt: try Self.programme(in: db).closedAt, recognition: recognition,
      marks: try MarkRecord.all(of: urn, in: db).map(\.fact), badges: badges)
  }

  // MARK: settling a school

  /// Brings a school's standing up to date after its facts changed: first every dated
  /// boundary before `time` (so a history rebuilt from old events keeps its order), then the
  /// rule at `time` for `cause`, then every boundary up to now. A school the registry has not
  /// announced yet has no standing; it is settled when it is announced.
  ///
  /// - Parameters:
  ///   - time: when the change happened (a feed event's time, at most now); never dated before
  ///     the school's last assessment.
  ///   - cause: what changed, for the history.
  ///   - actor: who changed it.
  public func settle(
    _ urn: String, at time: UTCTime, cause: LevelChangeCause, actor: Common.Actor, in db: Connection
  ) throws {
    guard let parsed = SchoolURN(urn), let school = try RegistrySchoolsReplica.school(parsed, in: db) else { return }
    let now = self.now.millisecondsSince1970
    var standing =
      try StandingRecord.load(urn, in: db) ?? StandingRecord(urn: urn, at: min(time.millisecondsSince1970, now))
    let at = max(min(time.millisecondsSince1970, now), standing.assessedAt)
    try passBoundaries(school, &standing, upTo: at, in: db)
    try evaluate(school, &standing, at: at, cause: cause, actor: actor, in: db)
    try passBoundaries(school, &standing, upTo: now, in: db)
    try standing.save(in: db)
  }

  /// Works through the school's dated boundaries up to `time` (lapses, expiries, notices),
  /// each at its own instant. Returns whether the standing changed.
  @discardableResult
  public func catchUp(_ urn: String, to time: UTCTime, in db: Connection) throws -> Bool {
    guard let parsed = SchoolURN(urn), let school = try RegistrySchoolsReplica.school(parsed, in: db),
      var standing = try StandingRecord.load(urn, in: db)
    else { return false }
    guard let next = standing.nextCheckAt, next <= time.millisecondsSince1970 else { return false }
    try passBoundaries(school, &standing, upTo: time.millisecondsSince1970, in: db)
    try standing.save(in: db)
    return true
  }

  private func passBoundaries(
    _ school: RegistrySchool, _ standing: inout StandingRecord, upTo time: Int64, in db: Connection
  ) throws {
    var passed = 0
    while let next = standing.nextCheckAt, next <= time, passed < Self.boundaryLimit {
      try evaluate(
        school, &standing, at: max(next, standing.assessedAt), cause: LevelChangeCause(source: .clock, eventType: ""),
        actor: .accreditation, in: db)
      passed += 1
    }
  }

  /// Applies the rule at `at` (milliseconds) and everything that follows from its answer.
  private func evaluate(
    _ school: RegistrySchool, _ standing: inout StandingRecord, at: Int64, cause: LevelChangeCause,
    actor: Common.Actor, in db: Connection
  ) throws {
    let urn = school.urn.rawValue
    let time = UTCTime(millisecondsSince1970: at)
    let facts = try self.facts(of: school, in: db)
    let programme = try Self.programme(in: db)

    // A recognition past its three years has lapsed.
    if let recognition = facts.recognition, time >= recognition.expiresAt {
      try closeRecognition(
        recognition.id, to: .lapsed, reason: "Recognised status lapsed after three years",
        at: recognition.expiresAt, school: school, actor: .accreditation, in: db)
    }

    let decision = CharterLevelRule.decide(facts, at: time, rules: rules)
    let old = standing.decision
    if decision.level != old.level {
      let effective =
        cause.source == .clock ? LevelChangeCause.clock(endingOf: old.basis, facts: facts, at: time) : cause
      let reason = LevelChange.reason(from: old, to: decision, cause: effective)
      try db.execute(
        sql: """
          INSERT INTO level_history (urn, from_level, to_level, changed_at, actor, reason, cause_source,
            cause_event_type, cause_sequence, cause_subject) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          urn, old.level.rawValue, decision.level.rawValue, at, try actor.serializedBytes(), reason,
          effective.source.rawValue, effective.eventType, effective.sequence, effective.subjectID,
        ])
      var changed = Accreditation.LevelChanged()
      changed.previousLevel = old.level.contract
      changed.level = decision.level.contract
      changed.reason = reason
      changed.expiresAt = decision.expiresAt.map(Protobuf.Timestamp.init)
      changed.cause = effective.message
      changed.schoolName = school.name
      changed.localAuthorityCode = school.localAuthorityCode
      try store.append(.levelChanged(changed), school: urn, actor: actor, at: time, in: db)
      standing.level = decision.level
      standing.since = at
    }
    standing.basis = decision.basis
    standing.expiresAt = decision.expiresAt?.millisecondsSince1970

    if decision.level == .withdrawn {
      try withdraw(school, at: time, actor: actor, in: db)
    } else {
      try issueCertificates(school, facts: facts, decision: decision, at: time, actor: actor, in: db)
    }

    // The three-year commitment and its notices.
    var schedule: CommitmentSchedule?
    if decision.level != .withdrawn, let committedAt = facts.committedAt, facts.commitmentCounts(at: time) {
      let commitment = CommitmentSchedule(committedAt: committedAt, rules: rules)
      schedule = commitment
      let firstMark = facts.firstMarkAwarded(by: time)
      standing.commitDeadline = commitment.deadline.millisecondsSince1970
      standing.markFirstAwardedAt = firstMark?.millisecondsSince1970
      for notice in commitment.notices(at: time, sent: standing.noticesSent, fulfilled: firstMark != nil) {
        let due = commitment.dueAt(notice)
        switch notice {
        case .reminder:
          var reminder = Accreditation.CommitmentDue()
          reminder.schoolUrn = urn
          reminder.schoolName = school.name
          reminder.localAuthorityCode = school.localAuthorityCode
          reminder.commitDeadline = Protobuf.Timestamp(commitment.deadline)
          reminder.level = decision.level.contract
          try store.append(.commitmentDue(reminder), school: urn, actor: .accreditation, at: due, in: db)
          standing.reminderSentAt = due.millisecondsSince1970
        case .overdue:
          let overdue = Self.overdueMessage(school, deadline: commitment.deadline, level: decision.level, at: due)
          try store.append(
            .commitmentOverdue(Accreditation.CommitmentOverdue(commitment: overdue)), school: urn,
            actor: .accreditation, at: due, in: db)
          standing.overdueFlaggedAt = due.millisecondsSince1970
        }
      }
    } else {
      standing.commitDeadline = nil
    }

    // Whether the school may ask for recognition now; it is told when that becomes true.
    let signal = try ReviewSignalRecord.load(urn, in: db)
    let nothingPending = try RecognitionRecord.pending(of: urn, in: db).isEmpty
    let available = decision.level == .committed && (signal?.holds ?? false) && programme.open && nothingPending
    if available && !standing.recognitionAvailable, let signal {
      try store.append(
        .recognitionAvailable(
          Accreditation.RecognitionAvailable(
            elementsAtStandard: signal.elementsAtStandard, commentaryComplete: signal.commentaryComplete)),
        school: urn, actor: actor, at: time, in: db)
    }
    standing.recognitionAvailable = available

    let next = [
      CharterLevelRule.nextChange(facts, after: time, rules: rules),
      schedule?.nextNotice(
        after: time, sent: standing.noticesSent, fulfilled: standing.markFirstAwardedAt != nil),
    ].compactMap { $0 }.min()
    standing.nextCheckAt = next?.millisecondsSince1970
    standing.assessedAt = at
  }

  static func overdueMessage(_ school: RegistrySchool, deadline: UTCTime, level: CharterLevel, at time: UTCTime)
    -> Accreditation.OverdueCommitment
  {
    var overdue = Accreditation.OverdueCommitment()
    overdue.schoolUrn = school.urn.rawValue
    overdue.schoolName = school.name
    overdue.localAuthorityCode = school.localAuthorityCode
    overdue.committedAt = school.committedAt.map(Protobuf.Timestamp.init)
    overdue.commitDeadline = Protobuf.Timestamp(deadline)
    overdue.level = level.contract
    overdue.daysOverdue = Int32(max(0, time.date.dayNumber - deadline.date.dayNumber))
    return overdue
  }

  // MARK: recognitions

  /// Ends a recognition request (`stage`: closed, lapsed, superseded, revoked) and announces it.
  func closeRecognition(
    _ id: String, to stage: RecognitionStage, reason: String, at time: UTCTime, school: RegistrySchool,
    actor: Common.Actor, in db: Connection
  ) throws {
    guard let record = try RecognitionRecord.load(id: id, in: db), record.stage != stage else { return }
    try RecognitionRecord.close(id, to: stage, reason: reason, at: time.millisecondsSince1970, in: db)
    guard let closed = try RecognitionRecord.load(id: id, in: db) else { return }
    var event = Accreditation.RecognitionClosed()
    event.recognition = try closed.message(schoolName: school.name, localAuthority: school.localAuthorityCode)
    event.previousState = record.stage.contract
    try store.append(.recognitionClosed(event), school: record.urn, actor: actor, at: time, in: db)
  }

  // MARK: certificates

  /// Issues a certificate for each level the school reached and holds at `time` that has none
  /// yet: the commitment, the recognition in force, the valid Mark, the award result that
  /// gives level 4.
  private func issueCertificates(
    _ school: RegistrySchool, facts: CharterFacts, decision: LevelDecision, at time: UTCTime, actor: Common.Actor,
    in db: Connection
  ) throws {
    let urn = school.urn.rawValue
    var wanted: [(subject: String, make: (String, String, String, UTCTime) -> CertificateFacts)] = []
    let issued = UTCTime(secondsSince1970: time.secondsSince1970)
    func certificate(
      kind: CertificateKind, title: String, from: UTCTime, until: UTCTime?, year: Int, result: AwardResult? = nil,
      category: String = "", mark: String = ""
    ) -> (String, String, String, UTCTime) -> CertificateFacts {
      { id, number, code, issued in
        CertificateFacts(
          certificateID: id, number: number, verificationCode: code, schoolURN: urn, schoolName: school.name,
          kind: kind, title: title, issuedAt: issued, validFrom: UTCTime(secondsSince1970: from.secondsSince1970),
          validUntil: until.map { UTCTime(secondsSince1970: $0.secondsSince1970) }, year: year, awardResult: result,
          awardCategory: category, markAwardID: mark)
      }
    }
    if let committedAt = facts.committedAt, facts.commitmentCounts(at: time) {
      wanted.append(
        (
          "committed",
          certificate(
            kind: .committed, title: "Committed to ICT", from: committedAt, until: nil, year: committedAt.date.year)
        ))
    }
    if let recognition = facts.recognition, CharterLevelRule.recognitionInForce(recognition, facts, at: time) {
      let year = recognition.recognisedAt.date.year
      wanted.append(
        (
          "recognition:\(recognition.id)",
          certificate(
            kind: .recognised, title: "Recognised for ICT \(year)", from: recognition.recognisedAt,
            until: recognition.expiresAt, year: year)
        ))
    }
    if let mark = facts.validMark(at: time) {
      wanted.append(
        (
          "mark:\(mark.awardID)",
          certificate(
            kind: .ictMark, title: "ICT Mark Accredited", from: mark.awardedAt, until: mark.expiresAt,
            year: mark.awardedAt.date.year, mark: mark.awardID)
        ))
    }
    if case .excellence(let entryID, let year, let result) = decision.basis,
      let entry = try EntryRecord.load(id: entryID, in: db), let cycle = try CycleRecord.load(id: entry.cycleID, in: db)
    {
      let category = cycle.categories.first { $0.id == entry.categoryID }
      wanted.append(
        (
          "award:\(entryID):\(result.rawValue)",
          certificate(
            kind: .excellence, title: "ICT Excellence Award \(year)",
            from: UTCTime(millisecondsSince1970: entry.resultAt ?? entry.enteredAt), until: nil, year: year,
            result: result, category: category?.entryTitle(subCategoryID: entry.subCategoryID) ?? entry.categoryID)
        ))
    }
    for (subject, make) in wanted {
      let exists = try db.fetchOne(
        sql: "SELECT 1 AS found FROM certificate WHERE urn = ? AND subject = ?", arguments: [urn, subject])
      if exists != nil { continue }
      try issue(subject: subject, school: school, issuedAt: issued, actor: actor, in: db, make: make)
    }
  }

  private func issue(
    subject: String, school: RegistrySchool, issuedAt: UTCTime, actor: Common.Actor, in db: Connection,
    make: (String, String, String, UTCTime) -> CertificateFacts
  ) throws {
    let sequence: Int64 = try db.fetchOne(sql: "SELECT COALESCE(MAX(n), 0) + 1 AS next FROM certificate")?["next"] ?? 1
    // 60 random bits: a code drawn twice is all but impossible, but costs only a draw again.
    var code = VerificationCode.random()
    while try db.fetchOne(sql: "SELECT 1 AS taken FROM certificate WHERE code = ?", arguments: [code]) != nil {
      code = VerificationCode.random()
    }
    let id = "cert-" + code.lowercased()
    var facts = make(id, "", code, issuedAt)
    facts.number = Self.number(year: issuedAt.date.year, level: facts.level, sequence: sequence)
    let signature = try signer.sign(facts)
    try db.execute(
      sql: """
        INSERT INTO certificate (n, id, urn, subject, number, code, school_name, kind, title, issued_at, valid_from,
          valid_until, year, award_result, award_category, mark_award_id, signature, key_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        sequence, id, facts.schoolURN, subject, facts.number, code, facts.schoolName, facts.kind.rawValue, facts.title,
        facts.issuedAt.millisecondsSince1970, facts.validFrom.millisecondsSince1970,
        facts.validUntil?.millisecondsSince1970, facts.year, facts.awardResult?.rawValue, facts.awardCategory,
        facts.markAwardID, signature, signer.current.keyID,
      ])
    guard let record = try CertificateRecord.load(id: id, in: db) else { return }
    try store.append(
      .certificateIssued(Accreditation.CertificateIssued(certificate: record.message(at: issuedAt))),
      school: facts.schoolURN, actor: actor, at: issuedAt, in: db)
  }

  /// `NGL-2009-L3-000042`: the programme, the year of issue, the level, and a serial number.
  static func number(year: Int, level: CharterLevel, sequence: Int64) -> String {
    let digits = String(sequence)
    return "NGL-\(year)-L\(level.rawValue)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
  }

  /// Revokes the school's certificates still standing (all, or those for `subject`).
  func revokeCertificates(
    of urn: String, subject: String? = nil, reason: String, at time: UTCTime, actor: Common.Actor, in db: Connection
  ) throws {
    var sql = "SELECT * FROM certificate WHERE urn = ? AND revoked_at IS NULL"
    var arguments: [any SQLValueConvertible] = [urn]
    if let subject {
      sql += " AND subject = ?"
      arguments.append(subject)
    }
    for record in try db.fetchAll(CertificateRecord.self, sql: sql, arguments: arguments) {
      try db.execute(
        sql: "UPDATE certificate SET revoked_at = ?, revocation_reason = ? WHERE n = ?",
        arguments: [time.millisecondsSince1970, reason, record.n])
      var revoked = record
      revoked.revokedAt = time.millisecondsSince1970
      revoked.revocationReason = reason
      try store.append(
        .certificateRevoked(Accreditation.CertificateRevoked(certificate: revoked.message(at: time))), school: urn,
        actor: actor, at: time, in: db)
    }
  }

  /// A withdrawn school: its certificates are revoked and its recognition requests end.
  private func withdraw(_ school: RegistrySchool, at time: UTCTime, actor: Common.Actor, in db: Connection) throws {
    let urn = school.urn.rawValue
    try revokeCertificates(of: urn, reason: "the school withdrew from the Charter", at: time, actor: actor, in: db)
    let open = try db.fetchAll(
      RecognitionRecord.self, sql: "SELECT * FROM recognition WHERE urn = ? AND state IN (1, 2, 3)", arguments: [urn])
    for record in open {
      try closeRecognition(
        record.id, to: record.stage.closed(schoolWithdrew: true), reason: "the school withdrew from the Charter",
        at: time, school: school, actor: actor, in: db)
    }
  }
}
