import CharterValues
public import Contracts
import FoundationEssentials
public import Identity
import RPCCore
public import RegistryReplica
import ServiceKit
import Storage

/// What the handlers read: a school's standing, recognitions, overdue commitments, an
/// authority's view, award cycles and entries, certificates. Each is one read transaction; the
/// caller's right to see it is checked inside, against the school as stored.
extension StandingKeeper {
  /// A school's standing. When a validity date or notice has passed since the school was last
  /// assessed, the standing is first brought up to now (the scheduler may not have run yet),
  /// so a read never shows a level that has already lapsed.
  public func standing(
    urn: String, authorize: @escaping @Sendable (RegistrySchool) throws -> Void
  ) async throws -> Accreditation.CharterStanding {
    let now = self.now
    let due = try await store.database.read { db -> Bool in
      guard let school = try Self.school(urn, in: db) else { throw AccreditationError.schoolNotFound(urn: urn) }
      try authorize(school)
      guard let next = try StandingRecord.load(urn, in: db)?.nextCheckAt else { return false }
      return next <= now.millisecondsSince1970
    }
    if due { try await store.database.write { db in _ = try self.catchUp(urn, to: now, in: db) } }
    return try await store.database.read { db in
      guard let school = try Self.school(urn, in: db) else { throw AccreditationError.schoolNotFound(urn: urn) }
      return try self.standingMessage(school, at: now, in: db)
    }
  }

  func standingMessage(_ school: RegistrySchool, at now: UTCTime, in db: Connection) throws
    -> Accreditation.CharterStanding
  {
    let urn = school.urn.rawValue
    let stored = try StandingRecord.load(urn, in: db) ?? StandingRecord(urn: urn, at: now.millisecondsSince1970)
    let programme = try Self.programme(in: db)
    var standing = Accreditation.CharterStanding()
    standing.schoolUrn = urn
    standing.schoolName = school.name
    standing.localAuthorityCode = school.localAuthorityCode
    standing.level = stored.level.contract
    standing.since = Protobuf.Timestamp(milliseconds: stored.since)
    standing.expiresAt = stored.expiresAt.map(Protobuf.Timestamp.init(milliseconds:))
    standing.commitDeadline = stored.commitDeadline.map(Protobuf.Timestamp.init(milliseconds:))
    standing.commitmentOverdue = Self.isOverdue(stored, at: now)
    standing.commitmentReminderSentAt = stored.reminderSentAt.map(Protobuf.Timestamp.init(milliseconds:))
    if let mark = try MarkRecord.all(of: urn, in: db).last {
      standing.mark = Accreditation.MarkValidity(
        awardId: mark.awardID, awardedAt: Protobuf.Timestamp(milliseconds: mark.awardedAt),
        expiresAt: Protobuf.Timestamp(milliseconds: mark.expiresAt), status: markStatus(mark, at: now))
    }
    if let recognition = try RecognitionRecord.latest(of: urn, in: db) {
      standing.recognition = try recognition.message(schoolName: school.name, localAuthority: school.localAuthorityCode)
    }
    let counting: String? = if case .excellence(let entry, _, _) = stored.basis { entry } else { nil }
    for entry in try EntryRecord.all(of: urn, in: db) {
      guard let cycle = try CycleRecord.load(id: entry.cycleID, in: db) else { continue }
      let category = cycle.categories.first { $0.id == entry.categoryID }
      standing.badges.append(
        Accreditation.ExcellenceBadge(
          year: Int32(entry.year), categoryTitle: category?.title ?? entry.categoryID, result: entry.result.contract,
          subCategoryTitle: category?.subCategories.first { $0.id == entry.subCategoryID }?.title ?? "",
          entryId: entry.id, countsForLevel4: entry.id == counting))
    }
    for row in try db.fetchAll(
      HistoryRecord.self, sql: "SELECT * FROM level_history WHERE urn = ? ORDER BY id", arguments: [urn])
    {
      standing.history.append(
        Accreditation.LevelHistoryEntry(
          fromLevel: row.from.contract, toLevel: row.to.contract,
          changedAt: Protobuf.Timestamp(milliseconds: row.changedAt),
          actor: try Common.Actor(serializedBytes: row.actor),
          reason: row.reason, cause: row.cause.message))
    }
    let signal = try ReviewSignalRecord.load(urn, in: db)
    standing.level2RuleHolds = signal?.holds ?? false
    standing.elementsAtStandard = signal?.elementsAtStandard ?? []
    standing.mayRequestRecognition = stored.recognitionAvailable && programme.open
    standing.programmeClosed = !programme.open
    return standing
  }

  static func isOverdue(_ standing: StandingRecord, at now: UTCTime) -> Bool {
    guard standing.level != .withdrawn, standing.markFirstAwardedAt == nil, let deadline = standing.commitDeadline
    else { return false }
    return deadline <= now.millisecondsSince1970
  }

  /// A Mark's status at `now`: expired at its end, due for renewal once evaluation says so or
  /// within the renewal months before expiry.
  func markStatus(_ mark: MarkRecord, at now: UTCTime) -> Accreditation.MarkStatus {
    let fact = mark.fact
    if now >= fact.end { return .expired }
    if mark.renewalDueAt != nil || now >= fact.expiresAt.adding(months: -rules.markRenewalMonths) {
      return .renewalDue
    }
    return .valid
  }

  // MARK: recognitions

  /// Which recognitions a listing asks for.
  public struct RecognitionFilter: Sendable {
    public var states: [RecognitionStage] = []
    public var school: String?
    public var localAuthorities: [String]?
    public var refereePersonID: String?
    public init() {}
  }

  public func recognitions(_ filter: RecognitionFilter, before: Int64?, limit: Int) async throws -> [(
    n: Int64, recognition: Accreditation.Recognition
  )] {
    try await store.database.read { db in
      var sql =
        "SELECT r.*, s.name AS school_name, s.la_code FROM recognition r JOIN registry_school s ON s.urn = r.urn WHERE 1 = 1"
      var arguments: [any SQLValueConvertible] = []
      if !filter.states.isEmpty {
        sql += " AND r.state IN (\(filter.states.map { _ in "?" }.joined(separator: ", ")))"
        arguments += filter.states.map(\.rawValue)
      }
      if let school = filter.school {
        sql += " AND r.urn = ?"
        arguments.append(school)
      }
      if let authorities = filter.localAuthorities {
        sql += " AND s.la_code IN (\(authorities.map { _ in "?" }.joined(separator: ", ")))"
        arguments += authorities
      }
      if let person = filter.refereePersonID {
        sql += " AND r.referee_person_id = ?"
        arguments.append(person)
      }
      if let before {
        sql += " AND r.n < ?"
        arguments.append(before)
      }
      sql += " ORDER BY r.n DESC LIMIT ?"
      arguments.append(limit)
      return try db.fetchAll(sql: sql, arguments: arguments).map { row in
        let record = try RecognitionRecord(row: row)
        return (
          record.n,
          try record.message(schoolName: try row["school_name"], localAuthority: try row["la_code"])
        )
      }
    }
  }

  /// One recognition, after `authorize` sees it and its school.
  func recognition(
    id: String, authorize: @escaping @Sendable (RecognitionRecord, RegistrySchool?) throws -> Void
  ) async throws -> Accreditation.Recognition {
    try await store.database.read { db in
      guard let record = try RecognitionRecord.load(id: id, in: db) else {
        throw AccreditationError.recognitionNotFound(id: id)
      }
      try authorize(record, try Self.school(record.urn, in: db))
      return try self.recognitionMessage(record, in: db)
    }
  }

  // MARK: commitments and authorities

  /// Committed schools past their deadline without an ICT Mark, most overdue first, with the
  /// total; `after` is the last (deadline, URN) of the previous page.
  public func overdueCommitments(
    localAuthorities: [String]?, after: (deadline: Int64, urn: String)?, limit: Int
  ) async throws -> (commitments: [Accreditation.OverdueCommitment], total: Int) {
    let now = self.now
    return try await store.database.read { db in
      var filter = """
        FROM standing t JOIN registry_school s ON s.urn = t.urn
        WHERE t.commit_deadline IS NOT NULL AND t.mark_first_awarded_at IS NULL AND t.commit_deadline <= ?
          AND t.level >= 0
        """
      var arguments: [any SQLValueConvertible] = [now.millisecondsSince1970]
      if let authorities = localAuthorities {
        filter += " AND s.la_code IN (\(authorities.map { _ in "?" }.joined(separator: ", ")))"
        arguments += authorities
      }
      let total: Int = try db.fetchOne(sql: "SELECT COUNT(*) AS n " + filter, arguments: arguments)?["n"] ?? 0
      var page = filter
      var pageArguments = arguments
      if let after {
        page += " AND (t.commit_deadline > ? OR (t.commit_deadline = ? AND t.urn > ?))"
        pageArguments += [after.deadline, after.deadline, after.urn]
      }
      page += " ORDER BY t.commit_deadline, t.urn LIMIT ?"
      pageArguments.append(limit)
      let rows = try db.fetchAll(sql: "SELECT t.urn " + page, arguments: pageArguments)
      var commitments: [Accreditation.OverdueCommitment] = []
      for row in rows {
        let urn: String = try row["urn"]
        guard let school = try Self.school(urn, in: db), let standing = try StandingRecord.load(urn, in: db),
          let deadline = standing.commitDeadline
        else { continue }
        commitments.append(
          Self.overdueMessage(
            school, deadline: UTCTime(millisecondsSince1970: deadline), level: standing.level, at: now))
      }
      return (commitments, total)
    }
  }

  /// An authority's schools by level, recognitions pending, overdue commitments and Marks due
  /// for renewal.
  public func authorityView(code: String) async throws -> Accreditation.LocalAuthorityView {
    let now = self.now
    return try await store.database.read { db in
      var view = Accreditation.LocalAuthorityView()
      view.localAuthorityCode = code
      view.computedAt = Protobuf.Timestamp(now)
      let schools = try db.fetchAll(
        RegistrySchool.self, sql: "SELECT * FROM registry_school WHERE la_code = ? ORDER BY name, urn",
        arguments: [code])
      view.localAuthorityName = schools.first?.localAuthorityName ?? ""
      var counts: [CharterLevel: Int] = [:]
      var summaries: [(CharterLevel, Accreditation.StandingSummary)] = []
      var renewals: [(Int64, Accreditation.StandingSummary)] = []
      for school in schools {
        let urn = school.urn.rawValue
        let standing = try StandingRecord.load(urn, in: db) ?? StandingRecord(urn: urn, at: now.millisecondsSince1970)
        counts[standing.level, default: 0] += 1
        var summary = Accreditation.StandingSummary()
        summary.schoolUrn = urn
        summary.schoolName = school.name
        summary.level = standing.level.contract
        summary.since = Protobuf.Timestamp(milliseconds: standing.since)
        summary.expiresAt = standing.expiresAt.map(Protobuf.Timestamp.init(milliseconds:))
        summary.commitmentOverdue = Self.isOverdue(standing, at: now)
        if let mark = try MarkRecord.all(of: urn, in: db).last {
          summary.markStatus = markStatus(mark, at: now)
          summary.markExpiresAt = Protobuf.Timestamp(milliseconds: mark.expiresAt)
          let lateLimit = mark.fact.end.adding(months: rules.lateRenewalMonths)
          if standing.level != .withdrawn, summary.markStatus != .valid, now < lateLimit {
            renewals.append((mark.expiresAt, summary))
          }
        }
        if summary.commitmentOverdue, let deadline = standing.commitDeadline {
          view.commitmentsOverdue.append(
            Self.overdueMessage(
              school, deadline: UTCTime(millisecondsSince1970: deadline), level: standing.level, at: now))
        }
        summaries.append((standing.level, summary))
      }
      view.levelCounts = CharterLevel.allCases.sorted { Self.viewOrder($0) < Self.viewOrder($1) }.compactMap { level in
        counts[level].map { Accreditation.LevelCount(level: level.contract, schoolCount: Int32($0)) }
      }
      view.schools = summaries.enumerated().sorted { a, b in
        (a.element.0 != b.element.0) ? a.element.0 > b.element.0 : a.offset < b.offset
      }.map(\.element.1)
      view.commitmentsOverdue.sort {
        ($0.commitDeadline?.utcTime ?? now, $0.schoolUrn) < ($1.commitDeadline?.utcTime ?? now, $1.schoolUrn)
      }
      view.marksDueForRenewal = renewals.sorted { $0.0 < $1.0 }.map(\.1)
      view.recognitionsPending = try db.fetchAll(
        sql: """
          SELECT r.*, s.name AS school_name FROM recognition r JOIN registry_school s ON s.urn = r.urn
          WHERE s.la_code = ? AND r.state IN (1, 2) ORDER BY r.n
          """, arguments: [code]
      ).map { row in try RecognitionRecord(row: row).message(schoolName: try row["school_name"], localAuthority: code) }
      return view
    }
  }

  /// Not committed, then levels 1 to 4, then withdrawn.
  static func viewOrder(_ level: CharterLevel) -> Int { level == .withdrawn ? 99 : level.rawValue }

  // MARK: awards

  public func cycles(stage: AwardStage?, beforeYear: Int?, limit: Int) async throws -> [Accreditation.AwardCycle] {
    try await store.database.read { db in
      var sql = "SELECT * FROM award_cycle WHERE 1 = 1"
      var arguments: [any SQLValueConvertible] = []
      if let stage {
        sql += " AND state = ?"
        arguments.append(stage.rawValue)
      }
      if let beforeYear {
        sql += " AND year < ?"
        arguments.append(beforeYear)
      }
      sql += " ORDER BY year DESC LIMIT ?"
      arguments.append(limit)
      return try db.fetchAll(CycleRecord.self, sql: sql, arguments: arguments).map {
        $0.message(entryCount: try Self.entryCount($0.id, in: db))
      }
    }
  }

  /// A cycle's entries in category, sub-category and school order; `after` is the previous
  /// page's last (category, sub-category, URN). `mayRead` filters the schools a caller sees.
  public func entries(
    cycleID: String, school: String?, category: String?, after: (String, String, String)?, limit: Int,
    mayRead: @escaping @Sendable (RegistrySchool) -> Bool
  ) async throws -> [Accreditation.AwardEntry] {
    try await store.database.read { db in
      guard let cycle = try CycleRecord.load(id: cycleID, in: db) else {
        throw AccreditationError.cycleNotFound(id: cycleID)
      }
      var sql = EntryRecord.select + " WHERE e.cycle_id = ?"
      var arguments: [any SQLValueConvertible] = [cycleID]
      if let school {
        sql += " AND e.urn = ?"
        arguments.append(school)
      }
      if let category {
        sql += " AND e.category_id = ?"
        arguments.append(category)
      }
      if let after {
        sql += " AND (e.category_id, e.sub_category_id, e.urn) > (?, ?, ?)"
        arguments += [after.0, after.1, after.2]
      }
      sql += " ORDER BY e.category_id, e.sub_category_id, e.urn"
      var result: [Accreditation.AwardEntry] = []
      for entry in try db.fetchAll(EntryRecord.self, sql: sql, arguments: arguments) {
        guard let school = try Self.school(entry.urn, in: db), mayRead(school) else { continue }
        result.append(entry.message(categories: cycle.categories, schoolName: school.name))
        if result.count == limit { break }
      }
      return result
    }
  }

  // MARK: certificates

  public func certificates(
    urn: String, before: Int64?, limit: Int, authorize: @escaping @Sendable (RegistrySchool) throws -> Void
  ) async throws -> [(n: Int64, certificate: Accreditation.Certificate)] {
    let now = self.now
    return try await store.database.read { db in
      guard let school = try Self.school(urn, in: db) else { throw AccreditationError.schoolNotFound(urn: urn) }
      try authorize(school)
      var sql = "SELECT * FROM certificate WHERE urn = ?"
      var arguments: [any SQLValueConvertible] = [urn]
      if let before {
        sql += " AND n < ?"
        arguments.append(before)
      }
      sql += " ORDER BY n DESC LIMIT ?"
      arguments.append(limit)
      return try db.fetchAll(CertificateRecord.self, sql: sql, arguments: arguments).map { ($0.n, $0.message(at: now)) }
    }
  }

  /// One certificate's record, after `authorize` sees its school.
  func certificate(id: String, authorize: @escaping @Sendable (RegistrySchool?) throws -> Void) async throws
    -> (record: CertificateRecord, message: Accreditation.Certificate)
  {
    let now = self.now
    return try await store.database.read { db in
      guard let record = try CertificateRecord.load(id: id, in: db) else {
        throw AccreditationError.certificateNotFound(id: id)
      }
      try authorize(try Self.school(record.facts.schoolURN, in: db))
      return (record, record.message(at: now))
    }
  }

  /// Checks a certificate by its (normalised) verification code: the stored facts against
  /// their signature, then validity and revocation.
  public func verify(code: String) async throws -> Accreditation.CertificateVerification {
    let now = self.now
    let record = try await store.database.read { db in try CertificateRecord.load(code: code, in: db) }
    var verification = Accreditation.CertificateVerification()
    verification.checkedAt = Protobuf.Timestamp(now)
    guard let record else {
      verification.status = .unknown
      verification.explanation = "No certificate has the code \(VerificationCode.formatted(code))."
      return verification
    }
    verification.facts = record.facts.message
    verification.signature = record.signature
    verification.signingKeyId = record.keyID
    guard signer.verify(record.facts, signature: record.signature, keyID: record.keyID) else {
      verification.status = .invalid
      verification.explanation =
        "The record for this code does not match its signature: do not trust this certificate."
      return verification
    }
    let facts = record.facts
    switch facts.status(at: now, revokedAt: UTCTime(milliseconds: record.revokedAt)) {
    case .valid:
      verification.status = .valid
      verification.explanation =
        "Genuine: \(facts.schoolName) (URN \(facts.schoolURN)) holds \(facts.title), certificate \(facts.number)."
    case .expired:
      verification.status = .expired
      verification.explanation =
        "Genuine, but expired: \(facts.title) for \(facts.schoolName) was valid until "
        + "\(facts.validUntil.map { $0.date.description } ?? "-")."
    case .revoked:
      verification.status = .revoked
      verification.revokedAt = record.revokedAt.map(Protobuf.Timestamp.init(milliseconds:))
      verification.revocationReason = record.revocationReason
      verification.explanation =
        "Revoked: the level this certificate stands for was withdrawn (\(record.revocationReason))."
    }
    return verification
  }
}
