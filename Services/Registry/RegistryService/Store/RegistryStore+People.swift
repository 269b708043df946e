import CharterValues
import Contracts
import FoundationEssentials
import Identity
import RPCCore
import ServiceKit
import Storage

/// People: invitations, joining, role grants, removal, sign-in credentials.
extension RegistryStore {
  enum PersonState: Int {
    case invited = 1
    case active = 2
    case removed = 3
  }

  /// Invites someone (or re-invites a removed person) with role grants, storing only the
  /// hash of the invitation code.
  func invite(
    email: String, displayName: String, grants: [RoleGrant], codeHash: String, expiresAt: UTCTime,
    actor: Common.Actor, now: UTCTime
  ) async throws -> Registry.Person {
    let nowMS = now.millisecondsSince1970
    let expiresMS = expiresAt.millisecondsSince1970
    return try await database.write { db in
      try Self.requireSchools(for: grants, in: db)
      let personID: String
      if let existing = try db.fetchOne(sql: "SELECT person_id, state FROM person WHERE email = ?", arguments: [email])
      {
        guard try existing["state"] as Int == PersonState.removed.rawValue else {
          throw RegistryError.emailTaken(email: email)
        }
        personID = try existing["person_id"]
        try db.execute(
          sql: """
            UPDATE person SET display_name = ?, state = ?, password_hash = NULL, joined_at = NULL,
              removed_at = NULL, removal_reason = NULL, updated_at = ? WHERE person_id = ?
            """,
          arguments: [displayName, PersonState.invited.rawValue, nowMS, personID])
      } else {
        personID = Self.newPersonID()
        try db.execute(
          sql:
            "INSERT INTO person (person_id, email, display_name, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
          arguments: [personID, email, displayName, PersonState.invited.rawValue, nowMS, nowMS])
      }
      for grant in grants { try Self.insert(grant, for: personID, at: nowMS, in: db) }
      try db.execute(
        sql: "INSERT INTO invitation (code_hash, person_id, expires_at) VALUES (?, ?, ?)",
        arguments: [codeHash, personID, expiresMS])
      let person = try Self.person(id: personID, in: db)!
      try self.append(.personInvited(Registry.PersonInvited(person: person)), actor: actor, at: now, in: db)
      return person
    }
  }

  /// Turns an invitation into an active account with a password.
  /// - Throws: NOT_FOUND for an unknown code; FAILED_PRECONDITION for a code already used, or
  ///   expired.
  func acceptInvitation(codeHash: String, passwordHash: String, now: UTCTime) async throws -> Registry.Person {
    let nowMS = now.millisecondsSince1970
    return try await database.write { db in
      guard
        let invitation = try db.fetchOne(
          sql: """
            SELECT i.person_id, i.expires_at, i.accepted_at, p.state FROM invitation i
            JOIN person p ON p.person_id = i.person_id WHERE i.code_hash = ?
            """,
          arguments: [codeHash])
      else { throw RegistryError.invitationNotFound }
      let personID: String = try invitation["person_id"]
      guard try invitation["accepted_at"] as Int64? == nil,
        try invitation["state"] as Int == PersonState.invited.rawValue
      else { throw RegistryError.invitationUsed }
      guard try invitation["expires_at"] as Int64 > nowMS else { throw RegistryError.invitationExpired }
      try db.execute(sql: "UPDATE invitation SET accepted_at = ? WHERE code_hash = ?", arguments: [nowMS, codeHash])
      try db.execute(
        sql: "UPDATE person SET state = ?, password_hash = ?, joined_at = ?, updated_at = ? WHERE person_id = ?",
        arguments: [PersonState.active.rawValue, passwordHash, nowMS, nowMS, personID])
      let person = try Self.person(id: personID, in: db)!
      var actor = Common.Actor()
      actor.principal = .personId(personID)
      actor.displayName = person.displayName
      try self.append(.personJoined(Registry.PersonJoined(person: person)), actor: actor, at: now, in: db)
      return person
    }
  }

  func person(id: String) async throws -> Registry.Person? {
    try await database.read { db in try Self.person(id: id, in: db) }
  }

  /// An active person's stored password hash, by email.
  func credentials(email: String) async throws -> (person: Registry.Person, passwordHash: String)? {
    try await database.read { db in
      guard
        let row = try db.fetchOne(
          sql: "SELECT person_id, password_hash FROM person WHERE email = ? AND state = ?",
          arguments: [email, PersonState.active.rawValue]),
        let hash: String = try row["password_hash"]
      else { return nil }
      return (try Self.person(id: try row["person_id"], in: db)!, hash)
    }
  }

  /// Adds or removes a grant, after `authorize` saw the person as they are now.
  func changeGrant(
    personID: String, grant: RoleGrant, add: Bool, actor: Common.Actor, now: UTCTime,
    authorize: @escaping @Sendable (Registry.Person, Connection) throws -> Void
  ) async throws -> Registry.Person {
    let nowMS = now.millisecondsSince1970
    return try await database.write { db in
      guard let person = try Self.person(id: personID, in: db), person.state != .removed else {
        throw RegistryError.personNotFound(id: personID)
      }
      try authorize(person, db)
      if add {
        try Self.requireSchools(for: [grant], in: db)
        guard try Self.insert(grant, for: personID, at: nowMS, in: db) else { return person }
        try self.append(
          .roleGranted(Registry.RoleGranted(personId: personID, grant: grant.message)), actor: actor, at: now, in: db)
      } else {
        if grant.role == .programmeAdmin, try Self.programmeAdminCount(in: db) <= 1,
          person.roles.contains(grant.message)
        {
          throw RegistryError.failedPrecondition("cannot revoke the last programme admin")
        }
        try db.execute(
          sql: "DELETE FROM role_grant WHERE person_id = ? AND role = ? AND scope = ?",
          arguments: [personID, grant.role.rawValue, Self.scopeKey(grant.scope)])
        guard db.changedRowCount > 0 else { return person }
        try self.append(
          .roleRevoked(Registry.RoleRevoked(personId: personID, grant: grant.message)), actor: actor, at: now, in: db)
      }
      try db.execute(sql: "UPDATE person SET updated_at = ? WHERE person_id = ?", arguments: [nowMS, personID])
      return try Self.person(id: personID, in: db)!
    }
  }

  /// Removes a person: no roles, no sign-in; the record stays for history.
  func remove(
    personID: String, reason: String, actor: Common.Actor, now: UTCTime,
    authorize: @escaping @Sendable (Registry.Person) throws -> Void
  ) async throws -> Registry.Person {
    let nowMS = now.millisecondsSince1970
    return try await database.write { db in
      guard let person = try Self.person(id: personID, in: db) else { throw RegistryError.personNotFound(id: personID) }
      try authorize(person)
      guard person.state != .removed else { return person }
      if person.roles.contains(where: { $0.role == .programmeAdmin }), try Self.programmeAdminCount(in: db) <= 1 {
        throw RegistryError.failedPrecondition("cannot remove the last programme admin")
      }
      try db.execute(sql: "DELETE FROM role_grant WHERE person_id = ?", arguments: [personID])
      try db.execute(sql: "DELETE FROM invitation WHERE person_id = ? AND accepted_at IS NULL", arguments: [personID])
      try db.execute(
        sql:
          "UPDATE person SET state = ?, password_hash = NULL, removed_at = ?, removal_reason = ?, updated_at = ? WHERE person_id = ?",
        arguments: [PersonState.removed.rawValue, nowMS, reason, nowMS, personID])
      try self.append(
        .personRemoved(Registry.PersonRemoved(personId: personID, reason: reason)), actor: actor, at: now, in: db)
      return try Self.person(id: personID, in: db)!
    }
  }

  /// People, filtered by where their roles are, ordered by id.
  func listPeople(
    schoolURN: SchoolURN?, localAuthorityCode: LocalAuthorityCode?, role: RoleGrant.Role?, page: PageRequest
  ) async throws -> (people: [Registry.Person], total: Int) {
    try await database.read { db in
      var conditions = ["p.state != ?"]
      var arguments: [any SQLValueConvertible] = [PersonState.removed.rawValue]
      var grantConditions: [String] = []
      var grantArguments: [any SQLValueConvertible] = []
      if let schoolURN {
        grantConditions.append("g.scope = ? AND g.role IN ('school-admin', 'school-contributor')")
        grantArguments.append(schoolURN.rawValue)
      }
      if let localAuthorityCode {
        grantConditions.append("g.scope = ? AND g.role = 'local-authority-adviser'")
        grantArguments.append(localAuthorityCode.rawValue)
      }
      if let role {
        grantConditions.append("g.role = ?")
        grantArguments.append(role.rawValue)
      }
      if !grantConditions.isEmpty {
        conditions.append(
          "EXISTS (SELECT 1 FROM role_grant g WHERE g.person_id = p.person_id AND \(grantConditions.joined(separator: " AND ")))"
        )
        arguments += grantArguments
      }
      let filter = conditions.joined(separator: " AND ")
      let total: Int = try db.fetchOne(
        sql: "SELECT COUNT(*) AS total FROM person p WHERE \(filter)", arguments: arguments)!["total"]
      var pageArguments = arguments
      var pageFilter = filter
      if let afterID = page.afterKey {
        pageFilter += " AND p.person_id > ?"
        pageArguments.append(afterID)
      }
      pageArguments.append(page.size)
      let ids = try db.fetchAll(
        sql: "SELECT p.person_id FROM person p WHERE \(pageFilter) ORDER BY p.person_id LIMIT ?",
        arguments: pageArguments)
      return (try ids.map { try Self.person(id: $0["person_id"], in: db)! }, total)
    }
  }

  /// Creates the first programme admin when there is none (first start of a new registry).
  /// - Returns: whether an admin was created.
  func ensureProgrammeAdmin(email: String, displayName: String, passwordHash: String) async throws -> Bool {
    let now = now
    let nowMS = now.millisecondsSince1970
    return try await database.write { db in
      guard try Self.programmeAdminCount(in: db) == 0 else { return false }
      let personID: String
      if let row = try db.fetchOne(sql: "SELECT person_id FROM person WHERE email = ?", arguments: [email]) {
        personID = try row["person_id"]
        try db.execute(
          sql: "UPDATE person SET state = ?, password_hash = ?, joined_at = ?, updated_at = ? WHERE person_id = ?",
          arguments: [PersonState.active.rawValue, passwordHash, nowMS, nowMS, personID])
      } else {
        personID = Self.newPersonID()
        try db.execute(
          sql: """
            INSERT INTO person (person_id, email, display_name, state, password_hash, created_at, joined_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [personID, email, displayName, PersonState.active.rawValue, passwordHash, nowMS, nowMS, nowMS])
      }
      let grant = try RoleGrant(.programmeAdmin)
      try Self.insert(grant, for: personID, at: nowMS, in: db)
      var actor = Common.Actor()
      actor.principal = .serviceName("registry")
      actor.displayName = "registry start-up"
      let person = try Self.person(id: personID, in: db)!
      try self.append(.personJoined(Registry.PersonJoined(person: person)), actor: actor, at: now, in: db)
      return true
    }
  }

  // MARK: rows

  static func person(id: String, in db: Connection) throws -> Registry.Person? {
    guard
      var person = try db.fetchOne(
        PersonRecord.self,
        sql: """
          SELECT person_id, email, display_name, state, created_at, joined_at, updated_at FROM person
          WHERE person_id = ?
          """,
        arguments: [id])?.message
    else { return nil }
    person.roles = try grants(personID: id, in: db).map(\.message)
    return person
  }

  static func grants(personID: String, in db: Connection) throws -> [RoleGrant] {
    try db.fetchAll(
      sql: "SELECT role, scope FROM role_grant WHERE person_id = ? ORDER BY role, scope", arguments: [personID]
    ).map { row in
      let role = RoleGrant.Role(rawValue: try row["role"])!
      let scope: String = try row["scope"]
      switch role.scopeKind {
      case .global: return try RoleGrant(role)
      case .school: return try RoleGrant(role, .school(urn: scope))
      case .localAuthority: return try RoleGrant(role, .localAuthority(code: scope))
      }
    }
  }

  /// - Returns: whether the grant is new.
  @discardableResult
  static func insert(_ grant: RoleGrant, for personID: String, at millis: Int64, in db: Connection) throws -> Bool {
    try db.execute(
      sql: "INSERT OR IGNORE INTO role_grant (person_id, role, scope, granted_at) VALUES (?, ?, ?, ?)",
      arguments: [personID, grant.role.rawValue, scopeKey(grant.scope), millis])
    return db.changedRowCount > 0
  }

  static func scopeKey(_ scope: RoleGrant.Scope) -> String {
    switch scope {
    case .global: ""
    case .school(let urn): urn
    case .localAuthority(let code): code
    }
  }

  static func requireSchools(for grants: [RoleGrant], in db: Connection) throws {
    for grant in grants {
      if case .school(let urn) = grant.scope,
        try db.fetchOne(sql: "SELECT 1 FROM school WHERE urn = ?", arguments: [urn]) == nil
      {
        throw RegistryError.schoolNotFound(urn: urn)
      }
    }
  }

  static func programmeAdminCount(in db: Connection) throws -> Int {
    try db.fetchOne(
      sql: """
        SELECT COUNT(*) AS admins FROM role_grant g JOIN person p ON p.person_id = g.person_id
        WHERE g.role = 'programme-admin' AND p.state != 3
        """)!["admins"]
  }

  static func newPersonID() -> String { RecordID.random(prefix: "p") }
}

/// A `person` row (without grants), read by column name.
struct PersonRecord: FetchableRecord {
  let message: Registry.Person

  init(row: Row) throws {
    var person = Registry.Person()
    person.personId = try row["person_id"]
    person.email = try row["email"]
    person.displayName = try row["display_name"]
    person.state = Registry.PersonState(rawValue: try row["state"])
    person.createTime = Protobuf.Timestamp(milliseconds: try row["created_at"])
    if let joined: Int64 = try row["joined_at"] { person.joinedAt = Protobuf.Timestamp(milliseconds: joined) }
    person.updateTime = Protobuf.Timestamp(milliseconds: try row["updated_at"])
    message = person
  }
}
