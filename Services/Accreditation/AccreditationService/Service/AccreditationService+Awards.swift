import CharterValues
public import Contracts
import FoundationEssentials
import Identity
public import RPCCore
import RegistryReplica
import ServiceKit

/// The Excellence Award cycles.
extension AccreditationService {
  public func openAwardCycle(request: Accreditation.OpenAwardCycleRequest, context: ServerContext)
    async throws -> Accreditation.AwardCycle
  {
    let caller = try Self.programmeAdmin(context, doing: "open award cycles")
    guard (1990...2100).contains(request.year) else {
      throw InvalidField(field: "year", reason: "must be a year between 1990 and 2100")
    }
    guard let deadline = request.entryDeadline?.calendarDate else {
      throw InvalidField(field: "entry_deadline", reason: "is required and must be a real day")
    }
    let categories = try AwardCategory.validated(
      request.categories.map { category in
        AwardCategory(
          id: category.categoryId, title: category.title, description: category.description,
          subCategories: category.subCategories.map { AwardCategory.SubCategory(id: $0.subCategoryId, title: $0.title) }
        )
      })
    let threshold: AwardResult
    if request.level4MinimumResult == .unspecified {
      threshold = .defaultLevel4Threshold
    } else {
      guard let given = AwardResult(request.level4MinimumResult), AwardResult.level4Thresholds.contains(given) else {
        throw InvalidField(
          field: "level4_minimum_result", reason: "must be entrant, shortlisted, highly commended, runner-up or winner")
      }
      threshold = given
    }
    return try await keeper.openCycle(
      year: Int(request.year), deadline: deadline, categories: categories, requiresMark: request.requiresIctMark,
      threshold: threshold, caller: caller)
  }

  public func listAwardCycles(request: Accreditation.ListAwardCyclesRequest, context: ServerContext)
    async throws -> Accreditation.ListAwardCyclesResponse
  {
    let caller = try context.requireCaller()
    guard AccreditationPolicy.mayReadProgramme(caller: caller) else {
      throw AccreditationError.permissionDenied("you may not see the award cycles")
    }
    let page = try PageRequest(size: request.pageSize, token: request.pageToken)
    let stage: AwardStage?
    if request.state == .unspecified {
      stage = nil
    } else {
      guard let given = AwardStage(request.state) else { throw InvalidField(field: "state", reason: "is not a stage") }
      stage = given
    }
    let before = try page.afterKey.map { key -> Int in
      guard let year = Int(key) else {
        throw InvalidField(field: "page_token", reason: "is not a token from a previous page")
      }
      return year
    }
    let cycles = try await keeper.cycles(stage: stage, beforeYear: before, limit: page.size)
    var response = Accreditation.ListAwardCyclesResponse(cycles: cycles)
    response.nextPageToken = page.nextToken(after: cycles) { String($0.year) }
    return response
  }

  public func enterAward(request: Accreditation.EnterAwardRequest, context: ServerContext)
    async throws -> Accreditation.AwardEntry
  {
    let caller = try context.requireCaller()
    let cycle = try Self.id(request.cycleId, "cycle_id")
    let urn = try Self.urn(request.schoolUrn)
    let category = try TextField.required(request.categoryId, field: "category_id", max: 64)
    let sub = try TextField.optional(request.subCategoryId, field: "sub_category_id", max: 64)
    let statement = try TextField.optional(request.statement, field: "statement", max: 4000, lines: .many)
    return try await keeper.enterAward(
      cycleID: cycle, urn: urn, categoryID: category, subCategoryID: sub, statement: statement, caller: caller
    ) { school in
      guard AccreditationPolicy.mayEnterAward(school: school.urn.rawValue, caller: caller) else {
        throw AccreditationError.permissionDenied("only the school's admins enter school \(school.urn) for an award")
      }
    }
  }

  public func listAwardEntries(request: Accreditation.ListAwardEntriesRequest, context: ServerContext)
    async throws -> Accreditation.ListAwardEntriesResponse
  {
    let caller = try context.requireCaller()
    let cycle = try Self.id(request.cycleId, "cycle_id")
    let page = try PageRequest(size: request.pageSize, token: request.pageToken)
    let school = request.schoolUrn.isEmpty ? nil : try Self.urn(request.schoolUrn)
    let category = request.categoryId.isEmpty ? nil : request.categoryId
    let after = try page.afterKey.map { key -> (String, String, String) in
      let parts = key.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard parts.count == 3 else {
        throw InvalidField(field: "page_token", reason: "is not a token from a previous page")
      }
      return (parts[0], parts[1], parts[2])
    }
    let everything = AccreditationPolicy.mayReadEverything(caller: caller)
    let entries = try await keeper.entries(
      cycleID: cycle, school: school, category: category, after: after, limit: page.size
    ) { school in
      everything
        || AccreditationPolicy.mayReadStanding(
          school: school.urn.rawValue, localAuthority: school.localAuthorityCode, caller: caller)
    }
    var response = Accreditation.ListAwardEntriesResponse(entries: entries)
    response.nextPageToken = page.nextToken(after: entries) { "\($0.categoryId)\t\($0.subCategoryId)\t\($0.schoolUrn)" }
    return response
  }

  public func advanceAwardCycle(request: Accreditation.AdvanceAwardCycleRequest, context: ServerContext)
    async throws -> Accreditation.AwardCycle
  {
    let caller = try Self.programmeAdmin(context, doing: "move award cycles on")
    let id = try Self.id(request.cycleId, "cycle_id")
    guard let stage = AwardStage(request.toState) else {
      throw InvalidField(field: "to_state", reason: "must be a stage of the cycle")
    }
    return try await keeper.advanceCycle(id: id, to: stage, caller: caller)
  }

  public func recordAwardResult(request: Accreditation.RecordAwardResultRequest, context: ServerContext)
    async throws -> Accreditation.AwardEntry
  {
    let caller = try Self.programmeAdmin(context, doing: "record award results")
    let id = try Self.id(request.entryId, "entry_id")
    guard let result = AwardResult(request.result), result != .entrant else {
      throw InvalidField(
        field: "result", reason: "must be shortlisted, not shortlisted, highly commended, runner-up or winner")
    }
    return try await keeper.recordResult(entryID: id, result: result, caller: caller)
  }
}
