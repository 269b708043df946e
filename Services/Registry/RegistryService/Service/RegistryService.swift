public import CharterValues
public import Contracts
import Crypto
import Dispatch
public import FoundationEssentials
public import Identity
public import RPCCore
public import ServiceKit
import Storage

/// `charter.registry.v1.Registry`: schools and their Level 1 choices, people and their roles,
/// sign-in, and the registry's event feed. Every call is authorised here with
/// ``RegistryPolicy`` against the caller its token names; every change commits with its events.
public struct RegistryService: Registry.ServiceProtocol {
  /// Lifetimes and limits.
  public struct Configuration: Sendable {
    /// How long a person's sign-in token lasts. Default 15 minutes.
    public var personTokenLifetime: Duration = .seconds(15 * 60)
    /// Default and longest lifetime of a service credential. Default 30 days / 1 year: a
    /// service credential is handed to a service by its operator when it is deployed (a
    /// Kubernetes Secret, `--service-token-file`) and must outlive the process, unlike a
    /// person's sign-in token, which a person renews by signing in again.
    public var serviceTokenLifetime: Duration = .seconds(30 * 86_400)
    public var maxServiceTokenLifetime: Duration = .seconds(365 * 86_400)
    /// How long an invitation can be accepted. Default 7 days.
    public var invitationLifetime: Duration = .seconds(7 * 86_400)
    /// scrypt cost (log2 of rounds); lower only in tests.
    public var passwordLogRounds: Int = PasswordHash.defaultLogRounds

    public init() {}
  }

  /// Methods callable without credentials.
  public static let publicMethods: [MethodDescriptor] = [
    Registry.Method.signIn, Registry.Method.acceptInvitation, Registry.Method.getVerificationKeys,
  ]

  let store: RegistryStore
  let signer: TokenSigner
  let configuration: Configuration

  public init(store: RegistryStore, signer: TokenSigner, configuration: Configuration = .init()) {
    self.store = store
    self.signer = signer
    self.configuration = configuration
  }

  // MARK: schools

  public func registerSchool(request: Registry.RegisterSchoolRequest, context: ServerContext) async throws
    -> Registry.School
  {
    let caller = try context.requireCaller()
    let details = try SchoolDetails(request)
    guard RegistryPolicy.mayRegister(schoolIn: details.localAuthorityCode, caller: caller) else {
      throw RegistryError.permissionDenied(
        "only programme admins and the school's local-authority advisers register schools")
    }
    if request.publiclyListed && !request.commitToCharter {
      throw InvalidField(
        field: "publicly_listed", reason: "a school lists publicly only when it commits (commit_to_charter)")
    }
    let time = store.now
    var commitment: UTCTime?
    if request.commitToCharter {
      commitment = time
      if caller.isProgrammeAdmin, let at = request.committedAt {
        guard at.isValid, at.utcTime <= time else {
          throw InvalidField(field: "committed_at", reason: "must be a valid time in the past")
        }
        commitment = at.utcTime
      }
    }
    return try await store.register(
      details, commitment: commitment, publiclyListed: request.publiclyListed, actor: caller.actor, now: time)
  }

  public func getSchool(request: Registry.GetSchoolRequest, context: ServerContext) async throws -> Registry.School {
    let caller = try context.requireCaller()
    let urn = try SchoolURN(parsing: request.urn)
    guard let (school, access) = try await store.school(urn: urn) else {
      throw RegistryError.schoolNotFound(urn: urn.rawValue)
    }
    switch RegistryPolicy.view(of: access, by: caller) {
    case .full: return school
    case .redacted: return school.redacted
    case .none: throw RegistryError.permissionDenied("you may not see school \(urn)")
    }
  }

  public func listSchools(request: Registry.ListSchoolsRequest, context: ServerContext) async throws
    -> Registry.ListSchoolsResponse
  {
    let caller = try context.requireCaller()
    var query = SchoolQuery(page: try PageRequest(size: request.pageSize, token: request.pageToken))
    query.includeWithdrawn = request.includeWithdrawn
    // Case-insensitive words that must all occur in the name, in any order.
    query.nameWords = request.nameQuery.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
    if !request.urn.isEmpty { query.urn = try SchoolURN(parsing: request.urn) }
    let prefix = request.postcodePrefix.uppercased().filter { !$0.isWhitespace }
    if !prefix.isEmpty {
      guard prefix.count <= 7, prefix.allSatisfy({ ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") }) else {
        throw InvalidField(field: "postcode_prefix", reason: "must be the start of a UK postcode")
      }
      query.postcodePrefix = prefix
    }
    if !request.localAuthorityCode.isEmpty {
      query.localAuthorityCode = try LocalAuthorityCode(
        parsing: request.localAuthorityCode, field: "local_authority_code")
    }
    if request.phase != .unspecified { query.phase = try SchoolDetails.phase(request.phase) }
    if !(caller.isProgrammeAdmin || caller.isService || caller.isAssessor) {
      query.visibleTo = (caller.schools, caller.advisedAuthorities)
    }
    let (schools, total) = try await store.listSchools(query)
    var response = Registry.ListSchoolsResponse()
    response.schools = schools.map { school in
      RegistryPolicy.view(of: RegistryStore.access(school), by: caller) == .full ? school : school.redacted
    }
    response.totalSize = Int32(clamping: total)
    response.nextPageToken = query.page.nextToken(after: schools) { $0.urn }
    return response
  }

  public func updateSchoolDetails(request: Registry.UpdateSchoolDetailsRequest, context: ServerContext) async throws
    -> Registry.School
  {
    let caller = try context.requireCaller()
    let urn = try SchoolURN(parsing: request.urn)
    let update = try SchoolUpdate(request)
    return try await store.changeSchool(
      urn: urn, actor: caller.actor, now: store.now,
      authorize: { school in try Self.authorizeChange(of: school, by: caller) },
      change: { school, db, millis in try update.apply(to: school, in: db, at: millis) },
      events: { school in
        let changed = update.changedPaths
        return changed.isEmpty
          ? [] : [.schoolDetailsChanged(Registry.SchoolDetailsChanged(school: school, changedPaths: changed))]
      })
  }

  public func commitSchool(request: Registry.CommitSchoolRequest, context: ServerContext) async throws
    -> Registry.School
  {
    let caller = try context.requireCaller()
    let urn = try SchoolURN(parsing: request.urn)
    guard request.acceptCharter else {
      throw InvalidField(field: "accept_charter", reason: "the school commits by accepting the charter")
    }
    let actorBytes = try caller.actor.serializedBytes()
    return try await store.changeSchool(
      urn: urn, actor: caller.actor, now: store.now,
      authorize: { school in try Self.authorizeChange(of: school, by: caller) },
      change: { school, db, millis in
        guard school.commitment?.committed != true else { return false }
        try db.execute(
          sql: "UPDATE school SET committed_at = ?, committed_by = ?, updated_at = ? WHERE urn = ?",
          arguments: [millis, actorBytes, millis, urn.rawValue])
        return true
      },
      events: { school in [.schoolCommitted(Registry.SchoolCommitted(school: school))] })
  }

  public func setPublicListing(request: Registry.SetPublicListingRequest, context: ServerContext) async throws
    -> Registry.School
  {
    let caller = try context.requireCaller()
    let urn = try SchoolURN(parsing: request.urn)
    let listed = request.publiclyListed
    let actorBytes = try caller.actor.serializedBytes()
    return try await store.changeSchool(
      urn: urn, actor: caller.actor, now: store.now,
      authorize: { school in
        try Self.authorizeChange(of: school, by: caller)
        if listed, school.commitment?.committed != true {
          throw RegistryError.failedPrecondition("school \(urn) must commit before it can be listed publicly")
        }
      },
      change: { school, db, millis in
        guard (school.publicListing?.publiclyListed ?? false) != listed else { return false }
        try db.execute(
          sql:
            "UPDATE school SET publicly_listed = ?, listing_changed_at = ?, listing_changed_by = ?, updated_at = ? WHERE urn = ?",
          arguments: [listed, millis, actorBytes, millis, urn.rawValue])
        return true
      },
      events: { school in [.publicListingChanged(Registry.PublicListingChanged(school: school))] })
  }

  public func withdrawSchool(request: Registry.WithdrawSchoolRequest, context: ServerContext) async throws
    -> Registry.School
  {
    let caller = try context.requireCaller()
    let urn = try SchoolURN(parsing: request.urn)
    let reason = try TextField.required(request.reason, field: "reason", max: 500)
    let actorBytes = try caller.actor.serializedBytes()
    let wasListed = Mutexed(false)
    return try await store.changeSchool(
      urn: urn, actor: caller.actor, now: store.now,
      authorize: { school in
        guard RegistryPolicy.mayChange(school: urn.rawValue, caller: caller) else {
          throw RegistryError.permissionDenied("only programme admins and the school's admins change school \(urn)")
        }
      },
      change: { school, db, millis in
        guard school.withdrawal == nil else { return false }
        wasListed.set(school.publicListing?.publiclyListed ?? false)
        try db.execute(
          sql: """
            UPDATE school SET withdrawn_at = ?, withdrawn_by = ?, withdrawal_reason = ?, publicly_listed = 0,
              listing_changed_at = CASE WHEN publicly_listed = 1 THEN ? ELSE listing_changed_at END,
              listing_changed_by = CASE WHEN publicly_listed = 1 THEN ? ELSE listing_changed_by END,
              updated_at = ? WHERE urn = ?
            """,
          arguments: [millis, actorBytes, reason, millis, actorBytes, millis, urn.rawValue])
        return true
      },
      events: { school in
        var events: [Registry.RegistryEvent.Payload] = [.schoolWithdrawn(Registry.SchoolWithdrawn(school: school))]
        if wasListed.get() { events.append(.publicListingChanged(Registry.PublicListingChanged(school: school))) }
        return events
      })
  }

  static func authorizeChange(of school: Registry.School, by caller: Caller) throws {
    guard RegistryPolicy.mayChange(school: school.urn, caller: caller) else {
      throw RegistryError.permissionDenied("only programme admins and the school's admins change school \(school.urn)")
    }
    if school.withdrawal != nil {
      throw RegistryError.failedPrecondition("school \(school.urn) has withdrawn from the charter")
    }
  }

  // MARK: people

  public func invitePerson(request: Registry.InvitePersonRequest, context: ServerContext) async throws
    -> Registry.InvitePersonResponse
  {
    let caller = try context.requireCaller()
    let email = try Email.normalise(request.email)
    let name = try TextField.required(request.displayName, field: "display_name", max: 100)
    guard !request.roles.isEmpty else {
      throw InvalidField(field: "roles", reason: "invite someone to at least one role")
    }
    var grants: [RoleGrant] = []
    for (i, message) in request.roles.enumerated() {
      let grant: RoleGrant
      do { grant = try RoleGrant(message) } catch {
        throw InvalidField(field: "roles[\(i)]", reason: error.rpcErrorMessage)
      }
      guard RegistryPolicy.mayManage(grant, caller: caller) else {
        throw RegistryError.permissionDenied("you may not grant \(grant)")
      }
      grants.append(grant)
    }
    let code = Invitation.newCode()
    let time = store.now
    let expires = time.adding(configuration.invitationLifetime)
    let person = try await store.invite(
      email: email, displayName: name, grants: grants, codeHash: Invitation.hash(code), expiresAt: expires,
      actor: caller.actor, now: time)
    return Registry.InvitePersonResponse(
      person: person, invitationCode: code,
      expiresAt: Protobuf.Timestamp(expires))
  }

  public func acceptInvitation(request: Registry.AcceptInvitationRequest, context: ServerContext) async throws
    -> Registry.Person
  {
    guard !request.invitationCode.isEmpty else {
      throw InvalidField(field: "invitation_code", reason: "is required")
    }
    let password = request.password
    let rounds = configuration.passwordLogRounds
    let hash = try await offload { try PasswordHash.make(password: password, logRounds: rounds) }
    return try await store.acceptInvitation(
      codeHash: Invitation.hash(request.invitationCode), passwordHash: hash.encoded, now: store.now)
  }

  public func getPerson(request: Registry.GetPersonRequest, context: ServerContext) async throws -> Registry.Person {
    let caller = try context.requireCaller()
    guard let person = try await store.person(id: request.personID), person.state != .removed || caller.isProgrammeAdmin
    else {
      throw RegistryError.personNotFound(id: request.personID)
    }
    guard RegistryPolicy.maySee(person: try person.access, caller: caller) else {
      throw RegistryError.permissionDenied("you may not see person \(request.personID)")
    }
    return person
  }

  public func listPeople(request: Registry.ListPeopleRequest, context: ServerContext) async throws
    -> Registry.ListPeopleResponse
  {
    let caller = try context.requireCaller()
    let school = request.schoolUrn.isEmpty ? nil : try SchoolURN(parsing: request.schoolUrn, field: "school_urn")
    let authority =
      request.localAuthorityCode.isEmpty
      ? nil : try LocalAuthorityCode(parsing: request.localAuthorityCode, field: "local_authority_code")
    if !(caller.isProgrammeAdmin || caller.isService) {
      guard let school, caller.administers(school: school.rawValue) else {
        throw RegistryError.permissionDenied(
          "school admins list the people of a school they administer (school_urn); programme admins list anyone")
      }
    }
    var role: RoleGrant.Role?
    if request.role != .unspecified {
      guard let known = RoleGrant.Role.allCases.first(where: { $0.contractRole == request.role }) else {
        throw InvalidField(field: "role", reason: "unknown role \(request.role.rawValue)")
      }
      role = known
    }
    let page = try PageRequest(size: request.pageSize, token: request.pageToken)
    let (people, total) = try await store.listPeople(
      schoolURN: school, localAuthorityCode: authority, role: role, page: page)
    var response = Registry.ListPeopleResponse()
    response.people = people
    response.totalSize = Int32(clamping: total)
    response.nextPageToken = page.nextToken(after: people) { $0.personID }
    return response
  }

  public func grantRole(request: Registry.GrantRoleRequest, context: ServerContext) async throws -> Registry.Person {
    try await changeRole(personID: request.personID, message: request.grant, add: true, context: context)
  }

  public func revokeRole(request: Registry.RevokeRoleRequest, context: ServerContext) async throws -> Registry.Person {
    try await changeRole(personID: request.personID, message: request.grant, add: false, context: context)
  }

  private func changeRole(personID: String, message: Registry.RoleGrant?, add: Bool, context: ServerContext)
    async throws -> Registry.Person
  {
    let caller = try context.requireCaller()
    guard let message else { throw InvalidField(field: "grant", reason: "is required") }
    let grant: RoleGrant
    do { grant = try RoleGrant(message) } catch {
      throw InvalidField(field: "grant", reason: error.rpcErrorMessage)
    }
    guard RegistryPolicy.mayManage(grant, caller: caller) else {
      throw RegistryError.permissionDenied("you may not \(add ? "grant" : "revoke") \(grant)")
    }
    return try await store.changeGrant(personID: personID, grant: grant, add: add, actor: caller.actor, now: store.now)
    {
      _, _ in
    }
  }

  public func removePerson(request: Registry.RemovePersonRequest, context: ServerContext) async throws
    -> Registry.RemovePersonResponse
  {
    let caller = try context.requireCaller()
    let reason = try TextField.required(request.reason, field: "reason", max: 500)
    let person = try await store.remove(personID: request.personID, reason: reason, actor: caller.actor, now: store.now)
    {
      person in
      guard RegistryPolicy.mayRemove(person: try person.access, caller: caller) else {
        throw RegistryError.permissionDenied("you may not remove person \(request.personID)")
      }
    }
    return Registry.RemovePersonResponse(person: person)
  }

  // MARK: sign-in and credentials

  public func signIn(request: Registry.SignInRequest, context: ServerContext) async throws -> Registry.SignInResponse {
    let email = (try? Email.normalise(request.email)) ?? ""
    let password = request.password
    let found = email.isEmpty ? nil : try await store.credentials(email: email)
    // Check a password even when there is no such person, so timing does not tell.
    let stored = found?.passwordHash ?? Self.unusableHash
    let matches = try await offload { PasswordHash(encoded: stored).verify(password) }
    guard let found, matches else { throw RegistryError.signInFailed }
    let grants = try found.person.roles.map { try RoleGrant($0) }
    let caller = Caller(kind: .person(id: found.person.personID), displayName: found.person.displayName, grants: grants)
    let (token, expires) = try await signer.issue(
      for: caller, lifetime: configuration.personTokenLifetime, now: Date(store.now))
    return Registry.SignInResponse(
      token: token, expiresAt: Protobuf.Timestamp(secondsSince1970: expires.timeIntervalSince1970), person: found.person
    )
  }

  public func getVerificationKeys(request: Registry.GetVerificationKeysRequest, context: ServerContext) async throws
    -> Registry.GetVerificationKeysResponse
  {
    let key = signer.publicKey
    return Registry.GetVerificationKeysResponse(keys: [
      Registry.VerificationKey(keyId: key.keyID, algorithm: key.algorithm, publicKeyPem: key.pem, jwkJson: key.jwkJSON)
    ])
  }

  public func issueServiceToken(request: Registry.IssueServiceTokenRequest, context: ServerContext) async throws
    -> Registry.IssueServiceTokenResponse
  {
    let caller = try context.requireCaller()
    guard RegistryPolicy.mayIssueServiceTokens(caller: caller) else {
      throw RegistryError.permissionDenied("only programme admins issue service credentials")
    }
    let name = request.serviceName
    guard (2...40).contains(name.count), name.first!.isLetter,
      name.allSatisfy({ ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" })
    else {
      throw InvalidField(
        field: "service_name", reason: "lower-case letters, digits and -, 2 to 40 characters")
    }
    var lifetime = configuration.serviceTokenLifetime
    if request.lifetimeSeconds != 0 {
      guard request.lifetimeSeconds >= 60,
        Duration.seconds(request.lifetimeSeconds) <= configuration.maxServiceTokenLifetime
      else {
        throw InvalidField(
          field: "lifetime_seconds",
          reason: "between 60 and \(configuration.maxServiceTokenLifetime.components.seconds)")
      }
      lifetime = .seconds(request.lifetimeSeconds)
    }
    let service = Caller(kind: .service(name: name), displayName: name, grants: [try RoleGrant(.service)])
    let (token, expires) = try await signer.issue(for: service, lifetime: lifetime, now: Date(store.now))
    return Registry.IssueServiceTokenResponse(
      token: token, expiresAt: Protobuf.Timestamp(secondsSince1970: expires.timeIntervalSince1970))
  }

  // MARK: events

  public func streamEvents(
    request: Registry.StreamEventsRequest, response: RPCResponseWriter<Registry.RegistryEvent>, context: ServerContext
  ) async throws {
    let caller = try context.requireCaller()
    guard RegistryPolicy.mayReadEvents(caller: caller) else {
      throw RegistryError.permissionDenied("only services and programme admins read the registry's events")
    }
    try await store.streamEvents(request, to: response, context: context)
  }

  // MARK: helpers

  /// A hash no password matches, checked when the email is unknown.
  static let unusableHash =
    "$scrypt$ln=15,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="

  /// Runs CPU-heavy work (password hashing) off the event loop.
  private func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global(qos: .userInitiated).async { continuation.resume(with: Result { try work() }) }
    }
  }
}

extension Registry.School {
  /// The school without who did what (personal data), for callers who may see the school but
  /// not its people.
  var redacted: Registry.School {
    var school = self
    school.commitment?.committedBy = nil
    school.publicListing?.listingChangedBy = nil
    school.withdrawal?.withdrawnBy = nil
    return school
  }
}

extension Registry.Person {
  var access: PersonAccess {
    get throws { PersonAccess(id: personID, grants: try roles.map { try RoleGrant($0) }) }
  }

  var personID: String { personId }
}

extension Registry.GetPersonRequest {
  var personID: String { personId }
}

extension Registry.RemovePersonRequest {
  var personID: String { personId }
}

extension Registry.GrantRoleRequest {
  var personID: String { personId }
}

extension Registry.RevokeRoleRequest {
  var personID: String { personId }
}

extension Date {
  /// The same instant, for the token library, which keeps time as `Date`.
  init(_ time: UTCTime) {
    self.init(timeIntervalSince1970: Double(time.secondsSince1970) + Double(time.nanoseconds) / 1e9)
  }
}
