import CharterValues
import Contracts
import RPCCore
import RegistryReplica
import ServiceKit
import Storage

/// Applications: reading, listing, and changing one inside a transaction with its steps and
/// its event.
extension EvaluationStore {
  /// The stored application (without history).
  static func application(id: String, in db: Connection) throws -> Evaluation.Application? {
    guard let row = try db.fetchOne(sql: "SELECT record FROM application WHERE id = ?", arguments: [id]) else {
      return nil
    }
    return try Evaluation.Application(serializedBytes: try row["record"] as [UInt8])
  }

  /// An application with its history, the timeline GetApplication returns.
  func applicationWithHistory(id: String) async throws -> Evaluation.Application? {
    try await database.read { db in
      guard var application = try Self.application(id: id, in: db) else { return nil }
      application.history = try db.fetchAll(
        sql: "SELECT entry FROM application_step WHERE application_id = ? ORDER BY position", arguments: [id]
      ).map { try Evaluation.ApplicationHistoryEntry(serializedBytes: try $0["entry"] as [UInt8]) }
      return application
    }
  }

  /// Inserts or replaces an application's row: its columns come from the message.
  static func save(_ application: Evaluation.Application, in db: Connection) throws {
    let allocation = application.allocation
    func nonEmpty(_ text: String?) -> String? { text.flatMap { $0.isEmpty ? nil : $0 } }
    try db.execute(
      sql: """
        INSERT INTO application (id, urn, la_code, state, route, assessor_id, assessor_person_id, moderator_id,
          moderator_person_id, award_id, previous_award_id, renewal_due_at, expires_at, created_at, updated_at, record)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET state = excluded.state, assessor_id = excluded.assessor_id,
          assessor_person_id = excluded.assessor_person_id, moderator_id = excluded.moderator_id,
          moderator_person_id = excluded.moderator_person_id, award_id = excluded.award_id,
          renewal_due_at = excluded.renewal_due_at, expires_at = excluded.expires_at,
          updated_at = excluded.updated_at, record = excluded.record
        """,
      arguments: [
        application.applicationId, application.schoolUrn, application.localAuthorityCode,
        Int(application.state.rawValue), Int(application.route.rawValue), nonEmpty(allocation?.assessorId),
        nonEmpty(allocation?.assessorPersonId), nonEmpty(allocation?.moderatorAssessorId),
        nonEmpty(allocation?.moderatorPersonId), nonEmpty(application.award?.awardId),
        nonEmpty(application.previousAwardId), application.award?.renewalDueAt?.utcTime.millisecondsSince1970,
        application.award?.expiresAt?.utcTime.millisecondsSince1970,
        (application.createTime?.utcTime ?? UTCTime(secondsSince1970: 0)).millisecondsSince1970,
        (application.updateTime?.utcTime ?? UTCTime(secondsSince1970: 0)).millisecondsSince1970,
        try application.serializedBytes(),
      ])
  }

  /// Appends history entries after the application's last one.
  static func appendSteps(_ entries: [Evaluation.ApplicationHistoryEntry], to id: String, in db: Connection) throws {
    guard !entries.isEmpty else { return }
    let last = try db.fetchOne(
      sql: "SELECT COALESCE(MAX(position), 0) AS last FROM application_step WHERE application_id = ?",
      arguments: [id])
    var position: Int = try last?["last"] ?? 0
    for entry in entries {
      position += 1
      try db.execute(
        sql: "INSERT INTO application_step (application_id, position, entry) VALUES (?, ?, ?)",
        arguments: [id, position, try entry.serializedBytes()])
    }
  }

  /// Changes one application inside `db`'s transaction: loads it, lets `authorize` refuse,
  /// runs `body` (which takes the process's steps on the draft and returns the event), then
  /// stores it with its new steps and appends the event. Nothing is written if anything throws.
  ///
  /// - Returns: The application after the change, without history.
  /// - Throws: `notFound` for an unknown id, or what `authorize` and `body` throw.
  func change(
    _ id: String, actor: Common.Actor, now: UTCTime, in db: Connection,
    authorize: (Evaluation.Application) throws -> Void,
    _ body: (inout ApplicationDraft) throws -> Evaluation.EvaluationEvent.Payload
  ) throws -> Evaluation.Application {
    guard let application = try Self.application(id: id, in: db) else {
      throw EvaluationError.applicationNotFound(id: id)
    }
    try authorize(application)
    var draft = ApplicationDraft(application: application, actor: actor, now: now)
    let payload = try body(&draft)
    try Self.save(draft.application, in: db)
    try Self.appendSteps(draft.entries, to: id, in: db)
    try append(payload, school: draft.application.schoolUrn, actor: actor, at: now, in: db)
    return draft.application
  }

  /// Stores a new application with its first step and event.
  func insert(
    _ application: Evaluation.Application, step: Evaluation.ApplicationHistoryEntry, actor: Common.Actor,
    now: UTCTime, in db: Connection
  ) throws {
    try Self.save(application, in: db)
    try Self.appendSteps([step], to: application.applicationId, in: db)
    try append(
      .applicationSubmitted(Evaluation.ApplicationSubmitted(application: application)),
      school: application.schoolUrn, actor: actor, at: now, in: db)
  }

  /// The school's application in progress, if any.
  static func applicationInProgress(urn: String, in db: Connection) throws -> String? {
    try db.fetchOne(
      sql: "SELECT id FROM application WHERE urn = ? AND state NOT IN (12, 14, 15, 16, 17, 20) LIMIT 1",
      arguments: [urn]
    ).map { try $0["id"] }
  }

  /// The school's application holding a current Mark, if any.
  static func applicationHoldingMark(urn: String, in db: Connection) throws -> Evaluation.Application? {
    guard
      let row = try db.fetchOne(
        sql: "SELECT record FROM application WHERE urn = ? AND state IN (14, 15) ORDER BY created_at DESC LIMIT 1",
        arguments: [urn])
    else { return nil }
    return try Evaluation.Application(serializedBytes: try row["record"] as [UInt8])
  }

  /// The application that won an award.
  static func application(awardID: String, in db: Connection) throws -> Evaluation.Application? {
    guard let row = try db.fetchOne(sql: "SELECT record FROM application WHERE award_id = ?", arguments: [awardID])
    else { return nil }
    return try Evaluation.Application(serializedBytes: try row["record"] as [UInt8])
  }

  /// When the school's latest NOT_MET outcome was reached, if it had one.
  static func lastNotMet(urn: String, in db: Connection) throws -> UTCTime? {
    let row = try db.fetchOne(
      sql: "SELECT MAX(updated_at) AS at FROM application WHERE urn = ? AND state = 12", arguments: [urn])
    return (try row?["at"] as Int64?).map(UTCTime.init(millisecondsSince1970:))
  }

  /// What a listing asks for.
  struct ApplicationQuery: Sendable {
    var scope: ApplicationScope
    var schoolURN: String?
    var states: [ApplicationState] = []
    var assessorID: String?
    var moderatorID: String?
    var localAuthorityCode: String?
    /// The (create time in ms, id) of the last application of the previous page.
    var after: (createdAt: Int64, id: String)?
    var limit: Int
  }

  /// Applications matching a query, newest first (without history).
  func applications(_ query: ApplicationQuery) async throws -> [Evaluation.Application] {
    try await database.read { db in try Self.applications(query, in: db) }
  }

  static func applications(_ query: ApplicationQuery, in db: Connection) throws -> [Evaluation.Application] {
    var conditions: [String] = []
    var arguments: [any SQLValueConvertible] = []
    func placeholders(_ values: [String]) -> String {
      Array(repeating: "?", count: values.count).joined(separator: ", ")
    }
    switch query.scope {
    case .everything:
      break
    case .only(let schools, let authorities, let assessor, let moderator):
      var visible: [String] = []
      if !schools.isEmpty {
        let sorted = schools.sorted()
        visible.append("urn IN (\(placeholders(sorted)))")
        arguments += sorted
      }
      if !authorities.isEmpty {
        let sorted = authorities.sorted()
        visible.append("la_code IN (\(placeholders(sorted)))")
        arguments += sorted
      }
      if let assessor {
        visible.append("assessor_person_id = ?")
        arguments.append(assessor)
      }
      if let moderator {
        visible.append("moderator_person_id = ?")
        arguments.append(moderator)
      }
      guard !visible.isEmpty else { return [] }
      conditions.append("(" + visible.joined(separator: " OR ") + ")")
    }
    if let urn = query.schoolURN {
      conditions.append("urn = ?")
      arguments.append(urn)
    }
    if !query.states.isEmpty {
      conditions.append("state IN (" + query.states.map { String($0.rawValue) }.joined(separator: ", ") + ")")
    }
    if let assessor = query.assessorID {
      conditions.append("assessor_id = ?")
      arguments.append(assessor)
    }
    if let moderator = query.moderatorID {
      conditions.append("moderator_id = ?")
      arguments.append(moderator)
    }
    if let code = query.localAuthorityCode {
      conditions.append("la_code = ?")
      arguments.append(code)
    }
    if let after = query.after {
      conditions.append("(created_at < ? OR (created_at = ? AND id < ?))")
      arguments += [after.createdAt, after.createdAt, after.id]
    }
    var sql = "SELECT record FROM application"
    if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
    sql += " ORDER BY created_at DESC, id DESC LIMIT ?"
    arguments.append(query.limit)
    return try db.fetchAll(sql: sql, arguments: arguments).map {
      try Evaluation.Application(serializedBytes: try $0["record"] as [UInt8])
    }
  }
}
