public import CharterValues
public import Contracts
public import FoundationEssentials
import Identity
public import RPCCore
import RegistryReplica
public import ServiceKit
import Storage

/// `charter.selfreview.v1.SelfReview`: the ICT framework versions, each committed school's
/// self-review (ratings with commentary and evidence, their history, the action plan), where
/// it stands against the national standard, and how it compares with other schools.
public struct SelfReviewService: SelfReview.ServiceProtocol {
  /// The framework a review uses unless the school asks for another: the eight-element
  /// framework the Charter's levels are defined on (Level 2 is three elements with
  /// Leadership and management, Level 3 all eight), even though the six-element srf-2010
  /// is newer. The contract (StartReview) says so.
  public static let charterFrameworkID = "srf-2008"

  /// The smallest group of schools whose average a benchmark shows (see `BenchmarkValue`).
  public static let minimumBenchmarkGroup = 5

  let store: SelfReviewStore
  let frameworks: FrameworkCatalog
  let defaultFramework: FrameworkVersion

  /// - Throws: ``SelfReviewError/frameworkNotFound(id:)`` when the default is not in the catalog.
  public init(
    store: SelfReviewStore, frameworks: FrameworkCatalog, defaultFrameworkID: String = charterFrameworkID
  ) throws {
    guard let framework = frameworks.version(id: defaultFrameworkID) else {
      throw SelfReviewError.frameworkNotFound(id: defaultFrameworkID)
    }
    self.store = store
    self.frameworks = frameworks
    self.defaultFramework = framework
  }

  // MARK: frameworks

  public func listFrameworks(request: SelfReview.ListFrameworksRequest, context: ServerContext) async throws
    -> SelfReview.ListFrameworksResponse
  {
    _ = try context.requireCaller()
    let versions = frameworks.versions.filter { request.includeDrafts || $0.status != .draft }
    return SelfReview.ListFrameworksResponse(frameworks: versions.map(\.summary))
  }

  public func getFramework(request: SelfReview.GetFrameworkRequest, context: ServerContext) async throws
    -> SelfReview.Framework
  {
    _ = try context.requireCaller()
    guard let version = request.frameworkId.isEmpty ? defaultFramework : frameworks.version(id: request.frameworkId)
    else {
      throw SelfReviewError.frameworkNotFound(id: request.frameworkId)
    }
    return version.message
  }

  public func getFrameworkMapping(request: SelfReview.GetFrameworkMappingRequest, context: ServerContext) async throws
    -> SelfReview.FrameworkMapping
  {
    _ = try context.requireCaller()
    guard let mapping = frameworks.mapping(from: request.fromFrameworkId, to: request.toFrameworkId) else {
      throw SelfReviewError.mappingNotFound(from: request.fromFrameworkId, to: request.toFrameworkId)
    }
    return mapping.message
  }

  // MARK: reviews

  public func startReview(request: SelfReview.StartReviewRequest, context: ServerContext) async throws
    -> SelfReview.Review
  {
    let caller = try context.requireCaller()
    let urn = try Self.urn(request.schoolUrn)
    guard let framework = request.frameworkId.isEmpty ? defaultFramework : frameworks.version(id: request.frameworkId),
      framework.status == .published
    else { throw SelfReviewError.frameworkNotFound(id: request.frameworkId) }
    _ = try await store.startReview(urn: urn, framework: framework, actor: caller.actor, now: store.now) { school in
      try Self.authorizeWrite(school, caller)
    }
    return try await review(urn: urn, caller: caller)
  }

  public func getReview(request: SelfReview.GetReviewRequest, context: ServerContext) async throws -> SelfReview.Review
  {
    try await review(urn: try Self.urn(request.schoolUrn), caller: try context.requireCaller())
  }

  public func rateAspect(request: SelfReview.RateAspectRequest, context: ServerContext) async throws
    -> SelfReview.AspectRating
  {
    let caller = try context.requireCaller()
    let urn = try Self.urn(request.schoolUrn)
    let stored = try await store.rate(
      urn: urn, ratings: [(request.aspectId, Self.rating(request))], frameworks: frameworks, actor: caller.actor,
      now: store.now
    ) { school in try Self.authorizeWrite(school, caller) }
    return stored[0].message
  }

  public func rateAspects(request: SelfReview.RateAspectsRequest, context: ServerContext) async throws
    -> SelfReview.RateAspectsResponse
  {
    let caller = try context.requireCaller()
    let urn = try Self.urn(request.schoolUrn)
    guard !request.ratings.isEmpty, request.ratings.count <= 200 else {
      throw InvalidField(field: "ratings", reason: "give between 1 and 200 ratings")
    }
    var ratings: [(aspectID: String, rating: AspectRating)] = []
    var seen: Set<String> = []
    for (i, item) in request.ratings.enumerated() {
      guard item.schoolUrn.isEmpty || item.schoolUrn == urn else {
        throw InvalidField(field: "ratings[\(i)].school_urn", reason: "must be empty or \(urn)")
      }
      guard seen.insert(item.aspectId).inserted else {
        throw InvalidField(
          field: "ratings[\(i)].aspect_id", reason: "aspect \(item.aspectId) is rated twice")
      }
      ratings.append((item.aspectId, Self.rating(item)))
    }
    let stored = try await store.rate(
      urn: urn, ratings: ratings, frameworks: frameworks, actor: caller.actor, now: store.now
    ) { school in
      try Self.authorizeWrite(school, caller)
    }
    return SelfReview.RateAspectsResponse(ratings: stored.map(\.message))
  }

  public func getRatingHistory(request: SelfReview.GetRatingHistoryRequest, context: ServerContext) async throws
    -> SelfReview.GetRatingHistoryResponse
  {
    let caller = try context.requireCaller()
    let urn = try Self.urn(request.schoolUrn)
    try await authorizeRead(urn, caller)
    guard try await store.review(urn: urn) != nil else { throw SelfReviewError.reviewNotStarted(urn: urn) }
    let page = try PageRequest(size: request.pageSize, token: request.pageToken)
    let before = try page.afterKey.map { key -> Int64 in
      guard let id = Int64(key) else {
        throw InvalidField(field: "page_token", reason: "is not a token from a previous page")
      }
      return id
    }
    let rows = try await store.history(
      urn: urn, aspectID: request.aspectId.isEmpty ? nil : request.aspectId, beforeID: before, limit: page.size)
    var response = SelfReview.GetRatingHistoryResponse(entries: rows.map(\.entry))
    response.nextPageToken = page.nextToken(after: rows) { String($0.id) }
    return response
  }

  public func getReviewStatus(request: SelfReview.GetReviewStatusRequest, context: ServerContext) async throws
    -> SelfReview.ReviewStatus
  {
    let caller = try context.requireCaller()
    let urn = try Self.urn(request.schoolUrn)
    let (framework, ratings) = try await reviewed(urn, caller)
    return ReviewStanding(framework: framework, ratings: ratings).message(school: urn)
  }

  public func getNextSteps(request: SelfReview.GetNextStepsRequest, context: ServerContext) async throws
    -> SelfReview.GetNextStepsResponse
  {
    let caller = try context.requireCaller()
    let urn = try Self.urn(request.schoolUrn)
    let (framework, ratings) = try await reviewed(urn, caller)
    let steps = try framework.nextSteps(for: ratings, inElement: request.elementId.isEmpty ? nil : request.elementId)
    return SelfReview.GetNextStepsResponse(
      steps: steps.map { step in
        SelfReview.NextStep(
          aspectId: step.aspectId, aspectTitle: step.aspectTitle, currentLevel: Int32(step.currentLevel ?? 0),
          nextLevel: Int32(step.nextLevel ?? 0), nextLevelDescriptor: step.nextLevelDescriptor ?? "",
          meetsThreshold: step.meetsThreshold)
      })
  }

  // MARK: action plans

  public func addActionItem(request: SelfReview.AddActionItemRequest, context: ServerContext) async throws
    -> SelfReview.ActionItem
  {
    let caller = try context.requireCaller()
    let urn = try Self.urn(request.schoolUrn)
    let text = try TextField.required(request.text, field: "text", max: 2000, lines: .many)
    let owner = try TextField.optional(request.owner, field: "owner", max: 200)
    let due = try request.dueDate.map { date -> CalendarDate in
      guard let day = date.calendarDate else { throw InvalidField(field: "due_date", reason: "is not a date") }
      return day
    }
    let aspect = request.aspectId
    let framework = try await reviewFramework(urn)
    // An empty aspect is a whole-school item.
    guard aspect.isEmpty || framework.aspect(id: aspect) != nil else {
      throw InvalidField(field: "aspect_id", reason: "\(aspect) is not an aspect of \(framework.id)")
    }
    return try await store.addActionItem(
      urn: urn, aspectID: aspect, text: text, owner: owner, dueDate: due, actor: caller.actor, now: store.now
    ) { school in try Self.authorizeWrite(school, caller) }
  }

  public func updateActionItem(request: SelfReview.UpdateActionItemRequest, context: ServerContext) async throws
    -> SelfReview.ActionItem
  {
    let caller = try context.requireCaller()
    guard let existing = try await store.actionItem(id: request.actionItemId) else {
      throw SelfReviewError.actionItemNotFound(id: request.actionItemId)
    }
    let framework = try await reviewFramework(existing.schoolUrn)
    var paths = request.updatePaths
    if paths.isEmpty {
      if !request.text.isEmpty { paths.append("text") }
      if !request.owner.isEmpty { paths.append("owner") }
      if request.dueDate != nil { paths.append("due_date") }
      if request.state != .unspecified { paths.append("state") }
      if !request.aspectId.isEmpty { paths.append("aspect_id") }
    }
    guard !paths.isEmpty else { throw InvalidField(field: "update_paths", reason: "nothing to change") }
    var changes: [@Sendable (inout SelfReview.ActionItem) -> Void] = []
    for path in paths {
      switch path {
      case "text":
        let text = try TextField.required(request.text, field: "text", max: 2000, lines: .many)
        changes.append { $0.text = text }
      case "owner":
        let owner = try TextField.optional(request.owner, field: "owner", max: 200)
        changes.append { $0.owner = owner }
      case "due_date":
        if let date = request.dueDate, date.calendarDate == nil {
          throw InvalidField(field: "due_date", reason: "is not a date")
        }
        let date = request.dueDate
        changes.append { $0.dueDate = date }
      case "state":
        guard (1...4).contains(request.state.rawValue) else {
          throw InvalidField(field: "state", reason: "must be open, in progress, done or dropped")
        }
        let state = request.state
        changes.append { $0.state = state }
      case "aspect_id":
        guard request.aspectId.isEmpty || framework.aspect(id: request.aspectId) != nil else {
          throw InvalidField(
            field: "aspect_id", reason: "\(request.aspectId) is not an aspect of \(framework.id)")
        }
        let aspect = request.aspectId
        changes.append { $0.aspectId = aspect }
      default:
        throw InvalidField(field: "update_paths", reason: "unknown field \"\(path)\"")
      }
    }
    let apply = changes
    return try await store.updateActionItem(
      id: request.actionItemId, now: store.now,
      authorize: { school in try Self.authorizeWrite(school, caller) },
      change: { item in
        var item = item
        for change in apply { change(&item) }
        return item
      })
  }

  public func listActionItems(request: SelfReview.ListActionItemsRequest, context: ServerContext) async throws
    -> SelfReview.ListActionItemsResponse
  {
    let caller = try context.requireCaller()
    let urn = try Self.urn(request.schoolUrn)
    try await authorizeRead(urn, caller)
    let page = try PageRequest(size: request.pageSize, token: request.pageToken)
    let items = try await store.actionItems(
      urn: urn, aspectID: request.aspectId.isEmpty ? nil : request.aspectId,
      states: request.states.map { Int($0.rawValue) }, afterID: page.afterKey, limit: page.size)
    var response = SelfReview.ListActionItemsResponse(items: items)
    response.nextPageToken = page.nextToken(after: items) { $0.actionItemId }
    return response
  }

  // MARK: benchmarks

  public func getBenchmarks(request: SelfReview.GetBenchmarksRequest, context: ServerContext) async throws
    -> SelfReview.GetBenchmarksResponse
  {
    let caller = try context.requireCaller()
    let urn = try Self.urn(request.schoolUrn)
    guard let school = try await store.school(urn: urn) else { throw SelfReviewError.schoolNotFound(urn: urn) }
    let (framework, ratings) = try await reviewed(urn, caller)
    let totals = try await store.totals(
      framework: framework.id, localAuthority: school.localAuthorityCode, phase: Int(school.phase.rawValue))
    func value(_ scope: SelfReviewStore.ScopeTotals, _ aspects: [String]) -> SelfReview.BenchmarkValue {
      var sum = 0
      var count = 0
      var schools = 0
      for aspect in aspects {
        if let t = scope.byAspect[aspect] {
          sum += t.sum
          count += t.count
          schools = max(schools, t.count)
        }
      }
      // Fewer than `minimumBenchmarkGroup` schools would let a reader work out one school's levels.
      let shown = schools >= Self.minimumBenchmarkGroup && count > 0
      return SelfReview.BenchmarkValue(
        averageLevel: shown ? Double(sum) / Double(count) : 0, schoolCount: Int32(schools))
    }
    var response = SelfReview.GetBenchmarksResponse()
    response.schoolUrn = urn
    response.frameworkId = framework.id
    response.computedAt = Protobuf.Timestamp(store.now)
    for element in framework.elements {
      let ids = element.aspects.map(\.id)
      for id in ids {
        response.aspects.append(
          SelfReview.AspectBenchmark(
            aspectId: id, schoolLevel: Int32(ratings[id]?.level ?? 0), national: value(totals.national, [id]),
            localAuthority: value(totals.authority, [id]), similarSchools: value(totals.phase, [id])))
      }
      let own = ids.compactMap { ratings[$0]?.level }
      response.elements.append(
        SelfReview.ElementBenchmark(
          elementId: element.id, schoolAverageLevel: own.isEmpty ? 0 : Double(own.reduce(0, +)) / Double(own.count),
          national: value(totals.national, ids), localAuthority: value(totals.authority, ids),
          similarSchools: value(totals.phase, ids)))
    }
    return response
  }

  // MARK: events

  public func streamEvents(
    request: SelfReview.StreamEventsRequest, response: RPCResponseWriter<SelfReview.SelfReviewEvent>,
    context: ServerContext
  ) async throws {
    let caller = try context.requireCaller()
    let school = request.schoolUrn.isEmpty ? nil : try Self.urn(request.schoolUrn)
    if let school {
      try await authorizeRead(school, caller)
    } else if !SelfReviewPolicy.mayReadEvents(caller: caller) {
      throw SelfReviewError.permissionDenied(
        "only services and programme admins read every school's events; ask for one school (school_urn)")
    }
    var including: (@Sendable (SelfReview.SelfReviewEvent) -> Bool)?
    if let school { including = { $0.schoolUrn == school } }
    try await store.streamEvents(request, to: response, context: context, including: including)
  }

  // MARK: helpers

  private func review(urn: String, caller: Caller) async throws -> SelfReview.Review {
    try await authorizeRead(urn, caller)
    guard let (review, ratings) = try await store.review(urn: urn) else {
      throw SelfReviewError.reviewNotStarted(urn: urn)
    }
    return SelfReview.Review(
      schoolUrn: urn, frameworkId: review.frameworkID,
      ratings: ratings.values.sorted { $0.aspectID < $1.aspectID }.map(\.message),
      createTime: Protobuf.Timestamp(milliseconds: review.createdAt),
      updateTime: Protobuf.Timestamp(milliseconds: review.updatedAt))
  }

  /// A school's framework and current ratings, after the read check.
  private func reviewed(_ urn: String, _ caller: Caller) async throws -> (FrameworkVersion, [String: AspectRating]) {
    try await authorizeRead(urn, caller)
    guard let (review, ratings) = try await store.review(urn: urn) else {
      throw SelfReviewError.reviewNotStarted(urn: urn)
    }
    guard let framework = frameworks.version(id: review.frameworkID) else {
      throw SelfReviewError.frameworkNotFound(id: review.frameworkID)
    }
    return (framework, ratings.mapValues(\.rating))
  }

  private func reviewFramework(_ urn: String) async throws -> FrameworkVersion {
    guard let (review, _) = try await store.review(urn: urn) else { throw SelfReviewError.reviewNotStarted(urn: urn) }
    guard let framework = frameworks.version(id: review.frameworkID) else {
      throw SelfReviewError.frameworkNotFound(id: review.frameworkID)
    }
    return framework
  }

  private func authorizeRead(_ urn: String, _ caller: Caller) async throws {
    guard let school = try await store.school(urn: urn) else { throw SelfReviewError.schoolNotFound(urn: urn) }
    if SelfReviewPolicy.mayRead(school: urn, localAuthority: school.localAuthorityCode, caller: caller) { return }
    // An assessor reads only while an assessment of the school is allocated to them.
    if caller.isAssessor, let person = caller.personID, try await store.isAllocated(personID: person, to: urn),
      SelfReviewPolicy.mayRead(
        school: urn, localAuthority: school.localAuthorityCode, caller: caller, allocatedAssessor: true)
    {
      return
    }
    throw SelfReviewError.permissionDenied("you may not see the self-review of school \(urn)")
  }

  static func authorizeWrite(_ school: RegistrySchool, _ caller: Caller) throws {
    guard SelfReviewPolicy.mayWrite(school: school.urn.rawValue, caller: caller) else {
      throw SelfReviewError.permissionDenied("only the school's people change the self-review of school \(school.urn)")
    }
  }

  static func rating(_ request: SelfReview.RateAspectRequest) -> AspectRating {
    AspectRating(
      level: request.level == 0 ? nil : Int(request.level), commentary: request.commentary,
      evidence: request.evidence.map(EvidenceReference.init))
  }

  /// The URN a request names, as the store keys it.
  static func urn(_ text: String) throws(InvalidField) -> String {
    try SchoolURN(parsing: text, field: "school_urn").rawValue
  }
}
