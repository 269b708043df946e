public import CharterValues
public import Contracts
import Identity
import RPCCore
import RegistryReplica
public import ServiceKit
public import Storage

/// What evaluation learns from its peers' feeds, each applied inside the transaction that
/// records the feed's position: the registry's schools and assessors, and each school's
/// self-review standing.
extension EvaluationStore {
  /// The self-review feed's name in this database.
  static let selfReviewFeed = "self-review"

  // MARK: the registry

  /// Applies one registry event: schools to the replica, and the assessor roles of people to
  /// `registry_person`; an assessor whose roles change is updated (lead, active) and announced.
  public func applyRegistryEvent(_ event: Registry.RegistryEvent, in db: Connection) throws {
    try RegistrySchoolsReplica.apply(event, in: db)
    let time = event.occurredAt?.utcTime ?? now
    switch event.payload {
    case .personInvited(let invited)?:
      if let person = invited.person { try rememberPerson(person, in: db) }
    case .personJoined(let joined)?:
      if let person = joined.person { try rememberPerson(person, in: db) }
    case .roleGranted(let granted)?:
      try changeRoles(personID: granted.personId, role: granted.grant?.role, holds: true, at: time, in: db)
    case .roleRevoked(let revoked)?:
      try changeRoles(personID: revoked.personId, role: revoked.grant?.role, holds: false, at: time, in: db)
    case .personRemoved(let removed)?:
      try db.execute(sql: "UPDATE registry_person SET removed = 1 WHERE person_id = ?", arguments: [removed.personId])
      try syncAssessor(personID: removed.personId, at: time, in: db)
    default:
      break
    }
  }

  /// A person's assessor roles as the registry last described them.
  struct RegistryPerson: Sendable, FetchableRecord {
    var personID: String
    var displayName: String
    var isAssessor: Bool
    var isLeadAssessor: Bool
    var isRemoved: Bool

    init(row: Row) throws {
      personID = try row["person_id"]
      displayName = try row["display_name"]
      isAssessor = try row["assessor"]
      isLeadAssessor = try row["lead_assessor"]
      isRemoved = try row["removed"]
    }

    /// Whether they may assess at all.
    var mayAssess: Bool { (isAssessor || isLeadAssessor) && !isRemoved }
  }

  static func registryPerson(_ id: String, in db: Connection) throws -> RegistryPerson? {
    try db.fetchOne(
      RegistryPerson.self,
      sql: "SELECT person_id, display_name, assessor, lead_assessor, removed FROM registry_person WHERE person_id = ?",
      arguments: [id])
  }

  private func rememberPerson(_ person: Registry.Person, in db: Connection) throws {
    let roles = Set(person.roles.map(\.role))
    try db.execute(
      sql: """
        INSERT INTO registry_person (person_id, display_name, assessor, lead_assessor, removed) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (person_id) DO UPDATE SET display_name = excluded.display_name, assessor = excluded.assessor,
          lead_assessor = excluded.lead_assessor, removed = excluded.removed
        """,
      arguments: [
        person.personId, person.displayName, roles.contains(.assessor), roles.contains(.leadAssessor),
        person.state == .removed,
      ])
  }

  private func changeRoles(personID: String, role: Common.Role?, holds: Bool, at time: UTCTime, in db: Connection)
    throws
  {
    let column: String
    switch role {
    case .assessor?: column = "assessor"
    case .leadAssessor?: column = "lead_assessor"
    default: return
    }
    try db.execute(
      sql: """
        INSERT INTO registry_person (person_id, display_name, assessor, lead_assessor, removed) VALUES (?, '', 0, 0, 0)
        ON CONFLICT (person_id) DO NOTHING
        """, arguments: [personID])
    try db.execute(sql: "UPDATE registry_person SET \(column) = ? WHERE person_id = ?", arguments: [holds, personID])
    try syncAssessor(personID: personID, at: time, in: db)
  }

  /// Brings an assessor's lead and active flags into line with their registry roles.
  private func syncAssessor(personID: String, at time: UTCTime, in db: Connection) throws {
    guard let person = try Self.registryPerson(personID, in: db),
      let assessor = try Self.assessor(personID: personID, in: db)
    else { return }
    try updateAssessor(
      id: assessor.profile.id,
      set: [("lead", person.isLeadAssessor && !person.isRemoved), ("active", person.mayAssess)],
      actor: .evaluationService, now: time, in: db)
  }

  // MARK: the self-review

  /// Applies one self-review event to the school's standing: the framework it reviews on,
  /// each aspect's level and commentary, and whether the framework is at the national
  /// standard.
  public func applySelfReviewEvent(_ event: SelfReview.SelfReviewEvent, in db: Connection) throws {
    let urn = event.schoolUrn
    guard !urn.isEmpty else { return }
    let time = (event.occurredAt?.utcTime ?? now).millisecondsSince1970
    switch event.payload {
    case .reviewStarted(let started)?:
      try db.execute(
        sql: """
          INSERT INTO review_standing (urn, framework_id, at_standard, updated_at) VALUES (?, ?, 0, ?)
          ON CONFLICT (urn) DO UPDATE SET framework_id = excluded.framework_id, updated_at = excluded.updated_at
          """, arguments: [urn, started.frameworkId, time])
    case .aspectRated(let rated)?:
      guard let rating = rated.rating else { return }
      try db.execute(
        sql: """
          INSERT INTO review_aspect (urn, aspect_id, level, has_commentary) VALUES (?, ?, ?, ?)
          ON CONFLICT (urn, aspect_id) DO UPDATE SET level = excluded.level, has_commentary = excluded.has_commentary
          """,
        arguments: [urn, rating.aspectId, Int(rating.level), !rating.commentary.trimmingWhiteSpace.isEmpty])
      try touchStanding(urn, at: time, in: db)
    case .frameworkReachedStandard?:
      try touchStanding(urn, at: time, in: db, atStandard: true)
    case .frameworkFellBelowStandard?:
      try touchStanding(urn, at: time, in: db, atStandard: false)
    default:
      break
    }
  }

  private func touchStanding(_ urn: String, at time: Int64, in db: Connection, atStandard: Bool? = nil) throws {
    // A review's first event is review_started; a standing row exists from then on.
    try db.execute(
      sql: """
        INSERT INTO review_standing (urn, framework_id, at_standard, updated_at) VALUES (?, '', 0, ?)
        ON CONFLICT (urn) DO UPDATE SET updated_at = excluded.updated_at
        """, arguments: [urn, time])
    if let atStandard {
      try db.execute(sql: "UPDATE review_standing SET at_standard = ? WHERE urn = ?", arguments: [atStandard, urn])
    }
  }

  /// A school's self-review as learnt from the feed; `nil` when it has not started one.
  static func standing(urn: String, in db: Connection) throws -> SelfReviewStanding? {
    guard
      let row = try db.fetchOne(
        sql: "SELECT framework_id, at_standard, updated_at FROM review_standing WHERE urn = ?", arguments: [urn])
    else { return nil }
    let aspects = try db.fetchAll(
      sql: "SELECT aspect_id, level, has_commentary FROM review_aspect WHERE urn = ? ORDER BY aspect_id",
      arguments: [urn]
    ).map {
      SelfReviewStanding.Aspect(
        aspectID: try $0["aspect_id"], level: try $0["level"], hasCommentary: try $0["has_commentary"])
    }
    return SelfReviewStanding(
      frameworkID: try row["framework_id"], aspects: aspects, atNationalStandard: try row["at_standard"],
      updatedAt: UTCTime(millisecondsSince1970: try row["updated_at"]))
  }
}
