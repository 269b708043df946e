import CharterValues
import Contracts
import RPCCore
import ServiceKit
import Storage

/// Assessors: their records, workloads, and the changes to them (each with its event).
extension EvaluationStore {
  /// An assessor's row.
  struct AssessorRecord: Sendable, FetchableRecord {
    var profile: AssessorProfile
    /// The pen portrait as the assessor gave it (normalised), in the contract's form.
    var penPortrait: Evaluation.PenPortrait
    var createdAt: Int64
    var updatedAt: Int64

    init(row: Row) throws {
      let portrait = try Evaluation.PenPortrait(serializedBytes: try row["pen_portrait"] as [UInt8])
      let supported: String = try row["supported_urns"]
      let signed: Int64? = try row["code_signed_at"]
      let conference: String? = try row["last_conference_on"]
      penPortrait = portrait
      profile = AssessorProfile(
        id: try row["id"], personID: try row["person_id"], displayName: try row["display_name"],
        penPortrait: PenPortrait(portrait), supportedSchools: Set(supported.split(separator: " ").map(String.init)),
        isLeadAssessor: try row["lead"], isActive: try row["active"],
        codeOfPracticeSignedAt: signed.map(UTCTime.init(millisecondsSince1970:)),
        lastConferenceOn: conference.flatMap { CalendarDate($0) }, completedAssessments: try row["completed"])
      createdAt = try row["created_at"]
      updatedAt = try row["updated_at"]
    }

    /// The contract's view, with the assessor's current workload.
    func message(openAllocations: Int) -> Evaluation.Assessor {
      Evaluation.Assessor(
        assessorId: profile.id, personId: profile.personID, displayName: profile.displayName,
        penPortrait: penPortrait, leadAssessor: profile.isLeadAssessor,
        supportedSchoolUrns: profile.supportedSchools.sorted(),
        completedAssessments: Int32(profile.completedAssessments),
        active: profile.isActive, createTime: Protobuf.Timestamp(milliseconds: createdAt),
        codeOfPracticeSignedAt: profile.codeOfPracticeSignedAt.map { Protobuf.Timestamp($0) },
        lastConferenceOn: profile.lastConferenceOn.map { Common.Date($0) }, openAllocations: Int32(openAllocations),
        updateTime: Protobuf.Timestamp(milliseconds: updatedAt))
    }
  }

  static let assessorColumns =
    "id, person_id, display_name, pen_portrait, supported_urns, lead, active, code_signed_at, last_conference_on, "
    + "completed, created_at, updated_at"

  static func assessor(id: String, in db: Connection) throws -> AssessorRecord? {
    try db.fetchOne(AssessorRecord.self, sql: "SELECT \(assessorColumns) FROM assessor WHERE id = ?", arguments: [id])
  }

  static func assessor(personID: String, in db: Connection) throws -> AssessorRecord? {
    try db.fetchOne(
      AssessorRecord.self, sql: "SELECT \(assessorColumns) FROM assessor WHERE person_id = ?", arguments: [personID])
  }

  static func allAssessors(in db: Connection) throws -> [AssessorRecord] {
    try db.fetchAll(AssessorRecord.self, sql: "SELECT \(assessorColumns) FROM assessor ORDER BY display_name, id")
  }

  /// The lead assessors, who alone may moderate: the few a moderator is chosen from, without
  /// reading every assessor's pen portrait.
  static func leadAssessors(in db: Connection) throws -> [AssessorRecord] {
    try db.fetchAll(
      AssessorRecord.self, sql: "SELECT \(assessorColumns) FROM assessor WHERE lead = 1 ORDER BY display_name, id")
  }

  /// Assessments in hand (allocated and not yet decided), by assessor id.
  static func workloads(in db: Connection, excluding applicationID: String? = nil) throws -> [String: Int] {
    let states = ApplicationState.assessorWorkload.map { String($0.rawValue) }.joined(separator: ", ")
    var result: [String: Int] = [:]
    for row in try db.fetchAll(
      sql: """
        SELECT assessor_id, COUNT(*) AS open FROM application
        WHERE assessor_id IS NOT NULL AND state IN (\(states)) AND id != ? GROUP BY assessor_id
        """, arguments: [applicationID ?? ""])
    {
      result[try row["assessor_id"]] = try row["open"] as Int
    }
    return result
  }

  /// One assessor's assessments in hand, counted on their own applications (the
  /// `application_by_assessor` index) rather than over every application.
  static func workload(of assessorID: String, in db: Connection, excluding applicationID: String? = nil) throws -> Int {
    let states = ApplicationState.assessorWorkload.map { String($0.rawValue) }.joined(separator: ", ")
    let row = try db.fetchOne(
      sql: "SELECT COUNT(*) AS open FROM application WHERE assessor_id = ? AND state IN (\(states)) AND id != ?",
      arguments: [assessorID, applicationID ?? ""])
    return try row.map { try $0["open"] as Int } ?? 0
  }

  /// One assessor's message with their workload.
  static func assessorMessage(_ record: AssessorRecord, in db: Connection) throws -> Evaluation.Assessor {
    record.message(openAllocations: try workload(of: record.profile.id, in: db))
  }

  /// Stores a new assessor and announces it.
  func insertAssessor(
    id: String, personID: String, displayName: String, penPortrait: Evaluation.PenPortrait,
    supportedSchools: [String], isLead: Bool, actor: Common.Actor, now: UTCTime, in db: Connection
  ) throws -> Evaluation.Assessor {
    let ms = now.millisecondsSince1970
    try db.execute(
      sql: """
        INSERT INTO assessor (id, person_id, display_name, pen_portrait, supported_urns, lead, active, code_signed_at,
          last_conference_on, completed, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, 1, NULL, NULL, 0, ?, ?)
        """,
      arguments: [
        id, personID, displayName, try penPortrait.serializedBytes(), supportedSchools.sorted().joined(separator: " "),
        isLead, ms, ms,
      ])
    let message = try Self.assessorMessage(Self.assessor(id: id, in: db)!, in: db)
    try append(.assessorRegistered(Evaluation.AssessorRegistered(assessor: message)), actor: actor, at: now, in: db)
    return message
  }

  /// Changes columns of an assessor and announces the change (`assessor_changed`), unless
  /// nothing changed.
  @discardableResult
  func updateAssessor(
    id: String, set assignments: [(column: String, value: any SQLValueConvertible)], actor: Common.Actor,
    now: UTCTime, in db: Connection
  ) throws -> Evaluation.Assessor? {
    guard let before = try Self.assessor(id: id, in: db) else { return nil }
    let sql =
      "UPDATE assessor SET " + assignments.map { "\($0.column) = ?" }.joined(separator: ", ")
      + ", updated_at = ? WHERE id = ?"
    try db.execute(sql: sql, arguments: assignments.map(\.value) + [now.millisecondsSince1970, id])
    let after = try Self.assessor(id: id, in: db)!
    guard after.profile != before.profile else {
      // Only the time moved: put it back, so an idempotent call changes nothing.
      try db.execute(sql: "UPDATE assessor SET updated_at = ? WHERE id = ?", arguments: [before.updatedAt, id])
      return try Self.assessorMessage(before, in: db)
    }
    let message = try Self.assessorMessage(after, in: db)
    try append(.assessorChanged(Evaluation.AssessorChanged(assessor: message)), actor: actor, at: now, in: db)
    return message
  }
}

extension EvaluationStore {
  /// Counts one more completed assessment for an assessor. The feed already says so (the
  /// outcome recorded names the assessor), so no assessor-changed event repeats it: that event
  /// is for changes to the assessor's own record (pen portrait, code, conference, roles).
  func countCompletedAssessment(assessorID: String, now: UTCTime, in db: Connection) throws {
    try db.execute(
      sql: "UPDATE assessor SET completed = completed + 1, updated_at = ? WHERE id = ?",
      arguments: [now.millisecondsSince1970, assessorID])
  }
}

extension PenPortrait {
  /// The domain's reading of a (normalised) pen portrait.
  init(_ message: Evaluation.PenPortrait) {
    self.init(
      localAuthorityCodes: Set(message.localAuthorityCodes),
      regions: Set(message.regions.compactMap(EnglishRegion.init(name:))),
      phases: Set(message.phases), biography: message.biography,
      baseLocation: message.baseLocation.map { GeoLocation(latitude: $0.latitude, longitude: $0.longitude) },
      worksInLocalAuthority: message.worksInLocalAuthorityCode.isEmpty ? nil : message.worksInLocalAuthorityCode)
  }
}
