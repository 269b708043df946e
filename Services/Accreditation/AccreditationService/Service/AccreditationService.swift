public import CharterValues
public import Contracts
import FoundationEssentials
public import Identity
public import RPCCore
public import RegistryReplica
import ServiceKit
import Storage

/// `charter.accreditation.v1.Accreditation`: every school's Charter standing and how it got
/// there, recognition with a referee, the three-year commitment, the Excellence Award cycles,
/// the programme switch, an adviser's view of their authority, and certificates anyone can
/// verify.
///
/// Each handler authenticates (but for the public methods), reads the request with the
/// CharterValues validators, authorises with ``AccreditationPolicy`` and lets the
/// ``StandingKeeper`` change facts and settle standings in one transaction.
public struct AccreditationService: Accreditation.ServiceProtocol {
  /// What may be called without a token: verification is for the public (the gateway exposes
  /// it), the signing keys are public keys, and a referee's invitation code is their
  /// credential.
  public static let publicMethods: [MethodDescriptor] = [
    Accreditation.Method.verifyCertificate, Accreditation.Method.getCertificateSigningKeys,
    Accreditation.Method.answerRefereeInvitation,
  ]

  let keeper: StandingKeeper

  public init(keeper: StandingKeeper) {
    self.keeper = keeper
  }

  // MARK: standing

  public func getCharterStanding(request: Accreditation.GetCharterStandingRequest, context: ServerContext)
    async throws -> Accreditation.CharterStanding
  {
    let caller = try context.requireCaller()
    let urn = try Self.urn(request.schoolUrn)
    return try await keeper.standing(urn: urn) { school in try Self.authorizeRead(school, caller) }
  }

  // MARK: recognition

  public func requestRecognition(request: Accreditation.RequestRecognitionRequest, context: ServerContext)
    async throws -> Accreditation.Recognition
  {
    let caller = try context.requireCaller()
    let urn = try Self.urn(request.schoolUrn)
    let given = request.referee ?? Accreditation.Referee()
    let referee = try Referee.validated(
      name: given.name, email: given.email, organisation: given.organisation, kind: given.kind.rawValue,
      personID: given.personId)
    let note = try TextField.optional(request.note, field: "note", max: 2000, lines: .many)
    return try await keeper.requestRecognition(urn: urn, referee: referee, note: note, caller: caller) { school in
      guard AccreditationPolicy.mayRequestRecognition(school: school.urn.rawValue, caller: caller) else {
        throw AccreditationError.permissionDenied(
          "only the school's admins ask for recognition of school \(school.urn)")
      }
    }
  }

  public func issueRefereeInvitation(request: Accreditation.IssueRefereeInvitationRequest, context: ServerContext)
    async throws -> Accreditation.RefereeInvitation
  {
    let caller = try Self.programmeAdmin(context, doing: "invite referees")
    return try await keeper.issueRefereeInvitation(
      id: try Self.id(request.recognitionId, "recognition_id"), caller: caller)
  }

  public func answerRefereeInvitation(request: Accreditation.AnswerRefereeInvitationRequest, context: ServerContext)
    async throws -> Accreditation.Recognition
  {
    let code = try TextField.required(request.invitationCode, field: "invitation_code", max: 100)
    let comment = try TextField.optional(request.comment, field: "comment", max: 2000, lines: .many)
    return try await keeper.answerAsReferee(
      recognitionID: nil, invitationCode: code, confirmed: request.confirmed, comment: comment,
      actor: .service("charter-accreditation"))
  }

  public func recordRefereeResponse(request: Accreditation.RecordRefereeResponseRequest, context: ServerContext)
    async throws -> Accreditation.Recognition
  {
    let caller = try context.requireCaller()
    let id = try Self.id(request.recognitionId, "recognition_id")
    let comment = try TextField.optional(request.comment, field: "comment", max: 2000, lines: .many)
    return try await keeper.answerAsReferee(
      recognitionID: id, invitationCode: nil, confirmed: request.confirmed, comment: comment, actor: caller.actor
    ) { record in
      guard AccreditationPolicy.mayAnswerAsReferee(refereePersonID: record.referee.personID, caller: caller) else {
        throw AccreditationError.permissionDenied("only the referee the request names answers it")
      }
    }
  }

  public func decideRecognition(request: Accreditation.DecideRecognitionRequest, context: ServerContext)
    async throws -> Accreditation.Recognition
  {
    let caller = try Self.programmeAdmin(context, doing: "decide recognitions")
    let id = try Self.id(request.recognitionId, "recognition_id")
    let reason =
      request.approve
      ? try TextField.optional(request.reason, field: "reason", max: 2000, lines: .many)
      : try TextField.required(request.reason, field: "reason", max: 2000, lines: .many)
    return try await keeper.decideRecognition(id: id, approve: request.approve, reason: reason, caller: caller)
  }

  public func recordSpotCheck(request: Accreditation.RecordSpotCheckRequest, context: ServerContext)
    async throws -> Accreditation.Recognition
  {
    let caller = try Self.programmeAdmin(context, doing: "record spot-check audits")
    let id = try Self.id(request.recognitionId, "recognition_id")
    let note =
      request.upheld
      ? try TextField.optional(request.note, field: "note", max: 2000, lines: .many)
      : try TextField.required(request.note, field: "note", max: 2000, lines: .many)
    return try await keeper.recordSpotCheck(id: id, upheld: request.upheld, note: note, caller: caller)
  }

  public func listRecognitions(request: Accreditation.ListRecognitionsRequest, context: ServerContext)
    async throws -> Accreditation.ListRecognitionsResponse
  {
    let caller = try context.requireCaller()
    let page = try PageRequest(size: request.pageSize, token: request.pageToken)
    var filter = StandingKeeper.RecognitionFilter()
    for (i, state) in request.states.enumerated() {
      guard let stage = RecognitionStage(state) else {
        throw InvalidField(field: "states[\(i)]", reason: "is not a recognition state")
      }
      filter.states.append(stage)
    }
    if !request.schoolUrn.isEmpty { filter.school = try Self.urn(request.schoolUrn) }
    if !request.localAuthorityCode.isEmpty {
      filter.localAuthorities = [
        try LocalAuthorityCode(parsing: request.localAuthorityCode, field: "local_authority_code").rawValue
      ]
    }
    if request.namingMe {
      guard let person = caller.personID else {
        throw InvalidField(field: "naming_me", reason: "only a person is named as a referee")
      }
      filter.refereePersonID = person
    }
    if !AccreditationPolicy.mayReadEverything(caller: caller), filter.refereePersonID == nil {
      if let school = filter.school {
        guard let found = try await keeper.school(school) else { throw AccreditationError.schoolNotFound(urn: school) }
        try Self.authorizeRead(found, caller)
      } else if let authorities = filter.localAuthorities {
        guard authorities.allSatisfy({ caller.advises(localAuthority: $0) }) else {
          throw AccreditationError.permissionDenied("you do not advise local authority \(authorities[0])")
        }
      } else if !caller.advisedAuthorities.isEmpty {
        filter.localAuthorities = caller.advisedAuthorities.sorted()
      } else {
        throw AccreditationError.permissionDenied(
          "ask for one school you may read (school_urn), an authority you advise, or the requests naming you")
      }
    }
    let before = try page.afterKey.map { key -> Int64 in
      guard let n = Int64(key) else {
        throw InvalidField(field: "page_token", reason: "is not a token from a previous page")
      }
      return n
    }
    let rows = try await keeper.recognitions(filter, before: before, limit: page.size)
    var response = Accreditation.ListRecognitionsResponse(recognitions: rows.map(\.recognition))
    response.nextPageToken = page.nextToken(after: rows) { String($0.n) }
    return response
  }

  // MARK: helpers

  /// The URN a request names.
  static func urn(_ text: String, field: String = "school_urn") throws(InvalidField) -> String {
    try SchoolURN(parsing: text, field: field).rawValue
  }

  /// A required opaque id.
  static func id(_ text: String, _ field: String) throws(InvalidField) -> String {
    try TextField.required(text, field: field, max: 100)
  }

  /// The caller, who must be a programme admin.
  static func programmeAdmin(_ context: ServerContext, doing what: String) throws -> Caller {
    let caller = try context.requireCaller()
    guard AccreditationPolicy.mayRunProgramme(caller: caller) else {
      throw AccreditationError.permissionDenied("only programme admins \(what)")
    }
    return caller
  }

  static func authorizeRead(_ school: RegistrySchool, _ caller: Caller) throws {
    guard
      AccreditationPolicy.mayReadStanding(
        school: school.urn.rawValue, localAuthority: school.localAuthorityCode, caller: caller)
    else { throw AccreditationError.permissionDenied("you may not see the standing of school \(school.urn)") }
  }
}

extension StandingKeeper {
  /// A school as the replica has it.
  public func school(_ urn: String) async throws -> RegistrySchool? {
    try await store.database.read { db in try Self.school(urn, in: db) }
  }
}
