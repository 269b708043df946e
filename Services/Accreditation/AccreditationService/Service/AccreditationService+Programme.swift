import CharterValues
public import Contracts
import FoundationEssentials
import Identity
public import RPCCore
import ServiceKit
import Storage

/// The three-year commitments, an adviser's view, the programme switch and the event feed.
extension AccreditationService {
  public func listOverdueCommitments(request: Accreditation.ListOverdueCommitmentsRequest, context: ServerContext)
    async throws -> Accreditation.ListOverdueCommitmentsResponse
  {
    let caller = try context.requireCaller()
    let page = try PageRequest(size: request.pageSize, token: request.pageToken)
    let asked =
      request.localAuthorityCode.isEmpty
      ? nil : try LocalAuthorityCode(parsing: request.localAuthorityCode, field: "local_authority_code").rawValue
    let authorities: [String]?
    if AccreditationPolicy.mayReadEverything(caller: caller) {
      authorities = asked.map { [$0] }
    } else if let asked {
      guard caller.advises(localAuthority: asked) else {
        throw AccreditationError.permissionDenied("you do not advise local authority \(asked)")
      }
      authorities = [asked]
    } else if !caller.advisedAuthorities.isEmpty {
      authorities = caller.advisedAuthorities.sorted()
    } else {
      throw AccreditationError.permissionDenied("overdue commitments are for the programme office and LA advisers")
    }
    let after = try page.afterKey.map { key -> (Int64, String) in
      let parts = key.split(separator: ":")
      guard parts.count == 2, let deadline = Int64(parts[0]) else {
        throw InvalidField(field: "page_token", reason: "is not a token from a previous page")
      }
      return (deadline, String(parts[1]))
    }
    let (commitments, total) = try await keeper.overdueCommitments(
      localAuthorities: authorities, after: after.map { (deadline: $0.0, urn: $0.1) }, limit: page.size)
    var response = Accreditation.ListOverdueCommitmentsResponse(commitments: commitments, totalSize: Int32(total))
    response.nextPageToken = page.nextToken(after: commitments) {
      "\($0.commitDeadline?.utcTime.millisecondsSince1970 ?? 0):\($0.schoolUrn)"
    }
    return response
  }

  public func getLocalAuthorityView(request: Accreditation.GetLocalAuthorityViewRequest, context: ServerContext)
    async throws -> Accreditation.LocalAuthorityView
  {
    let caller = try context.requireCaller()
    let code: String
    if request.localAuthorityCode.isEmpty {
      guard caller.advisedAuthorities.count == 1, let only = caller.advisedAuthorities.first else {
        throw InvalidField(field: "local_authority_code", reason: "is required unless you advise exactly one authority")
      }
      code = only
    } else {
      code = try LocalAuthorityCode(parsing: request.localAuthorityCode, field: "local_authority_code").rawValue
    }
    guard AccreditationPolicy.mayReadAuthority(code, caller: caller) else {
      throw AccreditationError.permissionDenied("you do not advise local authority \(code)")
    }
    return try await keeper.authorityView(code: code)
  }

  public func getProgrammeStatus(request: Accreditation.GetProgrammeStatusRequest, context: ServerContext)
    async throws -> Accreditation.ProgrammeStatus
  {
    let caller = try context.requireCaller()
    guard AccreditationPolicy.mayReadProgramme(caller: caller) else {
      throw AccreditationError.permissionDenied("you may not see the programme's status")
    }
    return try await keeper.store.database.read { db in try StandingKeeper.programmeStatus(in: db) }
  }

  public func setProgrammeStatus(request: Accreditation.SetProgrammeStatusRequest, context: ServerContext)
    async throws -> Accreditation.ProgrammeStatus
  {
    let caller = try Self.programmeAdmin(context, doing: "open or close the programme")
    let reason =
      request.open
      ? try TextField.optional(request.reason, field: "reason", max: 2000, lines: .many)
      : try TextField.required(request.reason, field: "reason", max: 2000, lines: .many)
    return try await keeper.setProgramme(open: request.open, reason: reason, caller: caller)
  }

  public func streamEvents(
    request: Accreditation.StreamEventsRequest, response: RPCResponseWriter<Accreditation.AccreditationEvent>,
    context: ServerContext
  ) async throws {
    let caller = try context.requireCaller()
    let school = request.schoolUrn.isEmpty ? nil : try Self.urn(request.schoolUrn)
    if let school {
      guard let found = try await keeper.school(school) else { throw AccreditationError.schoolNotFound(urn: school) }
      try Self.authorizeRead(found, caller)
    } else if !AccreditationPolicy.mayReadEverything(caller: caller) {
      throw AccreditationError.permissionDenied(
        "only services and programme admins read every school's events; ask for one school (school_urn)")
    }
    var including: (@Sendable (Accreditation.AccreditationEvent) -> Bool)?
    if let school { including = { $0.schoolUrn == school } }
    try await keeper.store.streamEvents(request, to: response, including: including)
  }
}
