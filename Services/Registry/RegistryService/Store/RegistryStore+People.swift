import Contracts
import FoundationEssentials
import Identity
import RPCCore
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
    email: String, displayName: String, grants: [RoleGrant], codeHash: String, expiresAt: Date,
    actor: Common.Actor, now: Date
  ) async throws -> Registry.Person {
    let nowMS = Self.millis(now)
    let expiresMS = Self.millis(expiresAt)
    return try await database.write { db in
      try Self.requireSchools(for: grants, in: db)
      let personID: String
      if let existing = try db.fetchOne(sql: "SELECT person_id, state FROM person WHERE email = ?", arguments: [email])
      {
        guard try existing.value(Int.self, at: 1) == PersonState.removed.rawValue else {
          throw RegistryError.emailTaken(email: email)
        }
        personID = try existing.value(at: 0)
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
      try Self.append(.personInvited(Registry.PersonInvited(person: person)), actor: actor, at: now, in: db)
      return person
    }
  }

  /// Turns an invitation into an active account with a password.
  func acceptInvitation(codeHash: String, passwordHash: String, now: Date) async throws -> Registry.Person {
    let nowMS = Self.millis(now)
    return try await database.write { db in
      guard
        let invitation = try db.fetchOne(
          sql: """
            SELECT i.person_id, i.expires_at, i.accepted_at, p.state FROM invitation i
            JOIN person p ON p.person_id = i.person_id WHERE i.code_hash = ?
            """,
          arguments: [codeHash])
      else { throw RegistryError.invitationNotFound }
      let personID: String = try invitation.value(at: 0)
      guard try invitation.value(Int64?.self, at: 2) == nil,
        try invitation.value(Int.self, at: 3) == PersonState.invited.rawValue
      else { throw RegistryError.invitationNotFound }
      guard try invitation.value(Int64.self, at: 1) > nowMS else { throw RegistryError.invitationExpired }
      try db.execute(sql: "UPDATE invitation SET accepted_at = ? WHERE code_hash = ?", arguments: [nowMS, codeHash])
      try db.execute(
        sql: "UPDATE person SET state = ?, password_hash = ?, joined_at = ?, updated_at = ? WHERE person_id = ?",
        arguments: [PersonState.active.rawValue, passwordHash, nowMS, nowMS, personID])
      let person = try Self.person(id: personID, in: db)!
      var actor = Common.Actor()
      actor.principal = .personId(personID)
      actor.displayName = person.displayName
      try Self.append(.personJoined(Registry.PersonJoined(person: person)), actor: actor, at: now, in: db)
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
        let hash: String = try row.value(at: 1)
      else { return nil }
      return (try Self.person(id: try row.value(at: 0), in: db)!, hash)
    }
  }

  /// Adds or removes a grant, after `authorize` saw the person as they are now.
  func changeGrant(
    personID: String, grant: RoleGrant, add: Bool, actor: Common.Actor, now: Date,
    authorize: @escaping @Sendable (Registry.Person, Connection) throws -> Void
  ) async throws -> Registry.Person {
    let nowMS = Self.millis(now)
    return try await database.write { db in
      guard let person = try Self.person(id: personID, in: db), person.state != .removed else {
        throw RegistryError.personNotFound(id: personID)
      }
      try authorize(person, db)
      if add {
        try Self.requireSchools(for: [grant], in: db)
        guard try Self.insert(grant, for: personID, at: nowMS, in: db) else { return person }
        try Self.append(
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
        try Self.append(
          .roleRevoked(Registry.RoleRevoked(personId: personID, grant: grant.message)), actor: actor, at: now, in: db)
      }
      try db.execute(sql: "UPDATE person SET updated_at = ? WHERE person_id = ?", arguments: [nowMS, personID])
      return try Self.person(id: personID, in: db)!
    }
  }

  /// Removes a person: no roles, no sign-in; the record stays for history.
  func remove(
    personID: String, reason: String, actor: Common.Actor, now: Date,
    authorize: @escaping @Sendable (Registry.Person) throws -> Void
  ) async throws -> Registry.Person {
    let nowMS = Self.millis(now)
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
      try Self.append(
        .personRemoved(Registry.PersonRemoved(personId: personID, reason: reason)), actor: actor, at: now, in: db)
      return try Self.person(id: personID, in: db)!
    }
  }

  /// People, filtered by where their roles are, ordered by id.
  func listPeople(
    schoolURN: String?, localAuthorityCode: String?, role: RoleGrant.Role?, afterID: String?, pageSize: Int
  ) async throws -> (people: [Registry.Person], total: Int) {
    try await database.read { db in
      var conditions = ["p.state != ?"]
      var arguments: [any SQLValueConvertible] = [PersonState.removed.rawValue]
      var grantConditions: [String] = []
      var grantArguments: [any SQLValueConvertible] = []
      if let schoolURN {
        grantConditions.append("g.scope = ? AND g.role IN ('school-admin', 'school-contributor')")
        grantArguments.append(schoolURN)
      }
      if let localAuthorityCode {
        grantConditions.append("g.scope = ? AND g.role = 'local-authority-adviser'")
        grantArguments.append(localAuthorityCode)
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
      let total = try db.fetchOne(sql: "SELECT COUNT(*) FROM person p WHERE \(filter)", arguments: arguments)!.value(
        Int.self, at: 0)
      var pageArguments = arguments
      var pageFilter = filter
      if let afterID {
        pageFilter += " AND p.person_id > ?"
        pageArguments.append(afterID)
      }
      pageArguments.append(pageSize)
      let ids = try db.fetchAll(
        sql: "SELECT p.person_id FROM person p WHERE \(pageFilter) ORDER BY p.person_id LIMIT ?",
        arguments: pageArguments)
      return (try ids.map { try Self.person(id: $0.value(at: 0), in: db)! }, total)
    }
  }

  /// Creates the first programme admin when there is none (first start of a new registry).
  /// - Returns: whether an admin was created.
  func ensureProgrammeAdmin(email: String, displayName: String, passwordHash: String, now: Date) async throws -> Bool {
    let nowMS = Self.millis(now)
    return try await database.write { db in
      guard try Self.programmeAdminCount(in: db) == 0 else { return false }
      let personID: String
      if let row = try db.fetchOne(sql: "SELECT person_id FROM person WHERE email = ?", arguments: [email]) {
        personID = try row.value(at: 0)
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
      try Self.append(.personJoined(Registry.PersonJoined(person: person)), actor: actor, at: now, in: db)
      return true
    }
  }

  // MARK: rows

  static func person(id: String, in db: Connection) throws -> Registry.Person? {
    guard
      let row = try db.fetchOne(
        sql:
          "SELECT person_id, email, display_name, state, created_at, joined_at, updated_at FROM person WHERE person_id = ?",
        arguments: [id])
    else { return nil }
    var person = Registry.Person()
    person.personId = try row.value(at: 0)
    person.email = try row.value(at: 1)
    person.displayName = try row.value(at: 2)
    person.state = Registry.PersonState(rawValue: Int32(try row.value(Int.self, at: 3)))
    person.createTime = timestamp(try row.value(at: 4))
    if let joined: Int64 = try row.value(at: 5) { person.joinedAt = timestamp(joined) }
    person.updateTime = timestamp(try row.value(at: 6))
    person.roles = try grants(personID: id, in: db).map(\.message)
    return person
  }

  static func grants(personID: String, in db: Connection) throws -> [RoleGrant] {
    try db.fetchAll(
      sql: "SELECT role, scope FROM role_grant WHERE person_id = ? ORDER BY role, scope", arguments: [personID]
    ).map { row in
      let role = RoleGrant.Role(rawValue: try row.value(at: 0))!
      let scope: String = try row.value(at: 1)
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
        SELECT COUNT(*) FROM role_grant g JOIN person p ON p.person_id = g.person_id
        WHERE g.role = 'programme-admin' AND p.state != 3
        """)!.value(Int.self, at: 0)
  }

  static func newPersonID() -> String {
    var rng = SystemRandomNumberGenerator()
    let value = rng.next() as UInt64
    let hex = String(value, radix: 16)
    return "p-" + String(repeating: "0", count: 16 - hex.count) + hex
  }
}
