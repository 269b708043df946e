public import CharterValues
public import Contracts
import Identity
public import RPCCore
import RegistryReplica
public import ServiceKit
import Storage

/// `charter.evaluation.v1.Evaluation`: ICT Mark assessors and their pen portraits, and each
/// school's application from registration to award, renewal and expiry. Every handler
/// authenticates the caller, validates the request, authorises with ``EvaluationPolicy``,
/// and changes an application only through ``AssessmentProcess``, in one transaction with its
/// steps and its event.
public struct EvaluationService: Evaluation.ServiceProtocol {
  let store: EvaluationStore
  let rules: EvaluationRules

  public init(store: EvaluationStore, rules: EvaluationRules = EvaluationRules()) {
    self.store = store
    self.rules = rules
  }

  // MARK: assessors

  public func registerAssessor(request: Evaluation.RegisterAssessorRequest, context: ServerContext) async throws
    -> Evaluation.Assessor
  {
    let caller = try context.requireCaller()
    let personID = request.personId.isEmpty ? (caller.personID ?? "") : request.personId.trimmingWhiteSpace
    guard !personID.isEmpty else { throw InvalidField(field: "person_id", reason: "is required for a service") }
    guard EvaluationPolicy.mayRegisterAssessor(personID: personID, caller: caller) else {
      throw EvaluationError.permissionDenied("assessors register themselves; programme admins register anyone")
    }
    let portrait = try Self.penPortrait(request.penPortrait)
    let supported = try Self.urns(request.supportedSchoolUrns, field: "supported_school_urns")
    let name = try TextField.optional(request.displayName, field: "display_name", max: 200)
    let now = try self.now(context)
    let store = self.store
    return try await store.database.write { db in
      if let existing = try EvaluationStore.assessor(personID: personID, in: db) {
        throw EvaluationRuleError.assessorExists(personID: personID, assessorID: existing.profile.id)
      }
      let known = try EvaluationStore.registryPerson(personID, in: db)
      let isLead: Bool
      let registryName: String
      if let known {
        guard known.mayAssess else { throw EvaluationRuleError.notAnAssessor(personID: personID) }
        isLead = known.isLeadAssessor
        registryName = known.displayName
      } else if caller.personID == personID {
        // The registry's feed has not brought the person yet; their token (signed by the
        // registry minutes ago at most) says what they are.
        guard caller.isAssessor else { throw EvaluationRuleError.notAnAssessor(personID: personID) }
        isLead = caller.isLeadAssessor
        registryName = caller.displayName
      } else {
        throw EvaluationError.personNotFound(id: personID)
      }
      let shown = name.isEmpty ? (registryName.isEmpty ? personID : registryName) : name
      return try store.insertAssessor(
        id: RecordID.random(prefix: "asr"), personID: personID, displayName: shown, penPortrait: portrait,
        supportedSchools: supported, isLead: isLead, actor: caller.actor, now: now, in: db)
    }
  }

  public func signCodeOfPractice(request: Evaluation.SignCodeOfPracticeRequest, context: ServerContext) async throws
    -> Evaluation.Assessor
  {
    let caller = try context.requireCaller()
    let requested = request.assessorId.trimmingWhiteSpace
    let now = try self.now(context)
    let store = self.store
    return try await store.database.write { db in
      let found =
        requested.isEmpty
        ? try caller.personID.flatMap { try EvaluationStore.assessor(personID: $0, in: db) }
        : try EvaluationStore.assessor(id: requested, in: db)
      guard let assessor = found else {
        throw EvaluationError.assessorNotFound(id: requested.isEmpty ? "for \(caller.subject)" : requested)
      }
      guard EvaluationPolicy.maySignCodeOfPractice(assessorPersonID: assessor.profile.personID, caller: caller) else {
        throw EvaluationError.permissionDenied("only the assessor signs their code of practice")
      }
      let signedAt = assessor.profile.codeOfPracticeSignedAt ?? now
      return try store.updateAssessor(
        id: assessor.profile.id, set: [("code_signed_at", signedAt.millisecondsSince1970)], actor: caller.actor,
        now: now, in: db)!
    }
  }

  public func recordAssessorConference(
    request: Evaluation.RecordAssessorConferenceRequest, context: ServerContext
  ) async throws -> Evaluation.Assessor {
    let caller = try context.requireCaller()
    guard EvaluationPolicy.mayRecordConference(caller: caller) else {
      throw EvaluationError.permissionDenied("the programme office records assessor conferences")
    }
    let id = try Self.identifier(request.assessorId, field: "assessor_id")
    let now = try self.now(context)
    guard let day = request.attendedOn?.calendarDate else {
      throw InvalidField(field: "attended_on", reason: "is required (a real day)")
    }
    guard day <= now.date else { throw InvalidField(field: "attended_on", reason: "\(day) is in the future") }
    let store = self.store
    return try await store.database.write { db in
      guard let assessor = try EvaluationStore.assessor(id: id, in: db) else {
        throw EvaluationError.assessorNotFound(id: id)
      }
      // The latest conference counts; recording an older one changes nothing.
      let latest = max(day, assessor.profile.lastConferenceOn ?? day)
      return try store.updateAssessor(
        id: id, set: [("last_conference_on", latest.description)], actor: caller.actor, now: now, in: db)!
    }
  }

  public func listAssessors(request: Evaluation.ListAssessorsRequest, context: ServerContext) async throws
    -> Evaluation.ListAssessorsResponse
  {
    _ = try context.requireCaller()
    let page = try PageRequest(size: request.pageSize, token: request.pageToken)
    let authority =
      request.localAuthorityCode.isEmpty
      ? nil : try LocalAuthorityCode(parsing: request.localAuthorityCode, field: "local_authority_code").rawValue
    let school =
      request.eligibleForSchoolUrn.isEmpty
      ? nil : try SchoolURN(parsing: request.eligibleForSchoolUrn, field: "eligible_for_school_urn")
    let phase = request.phase
    guard phase == .unspecified || phase.isRecognized else {
      throw InvalidField(field: "phase", reason: "is not a phase")
    }
    let after = page.afterKey.map { key -> (String, String) in
      let parts = key.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
      return (parts.first ?? "", parts.count > 1 ? parts[1] : "")
    }
    let leadOnly = request.leadOnly
    let (records, workloads, schoolRecord) = try await store.database.read { db in
      (
        try EvaluationStore.allAssessors(in: db), try EvaluationStore.workloads(in: db),
        try school.flatMap { try RegistrySchoolsReplica.school($0, in: db) }
      )
    }
    if let school, schoolRecord == nil { throw EvaluationError.schoolNotFound(urn: school.rawValue) }
    let matching = records.filter { record in
      let profile = record.profile
      if leadOnly && !profile.isLeadAssessor { return false }
      if phase != .unspecified && !profile.penPortrait.phases.contains(phase) { return false }
      if let authority, profile.penPortrait.coverage(of: authority) == .none { return false }
      if let schoolRecord {
        let conflicts =
          profile.supportedSchools.contains(schoolRecord.urn.rawValue)
          || profile.penPortrait.worksInLocalAuthority == schoolRecord.localAuthorityCode
        if conflicts { return false }
      }
      if let (name, id) = after, (profile.displayName, profile.id) <= (name, id) { return false }
      return true
    }
    let shown = Array(matching.prefix(page.size))
    var response = Evaluation.ListAssessorsResponse(
      assessors: shown.map { $0.message(openAllocations: workloads[$0.profile.id] ?? 0) })
    response.nextPageToken = page.nextToken(after: shown) { "\($0.profile.displayName)\n\($0.profile.id)" }
    return response
  }

  public func getAssessor(request: Evaluation.GetAssessorRequest, context: ServerContext) async throws
    -> Evaluation.Assessor
  {
    _ = try context.requireCaller()
    let id = try Self.identifier(request.assessorId, field: "assessor_id")
    return try await store.database.read { db in
      guard let record = try EvaluationStore.assessor(id: id, in: db) else {
        throw EvaluationError.assessorNotFound(id: id)
      }
      return try EvaluationStore.assessorMessage(record, in: db)
    }
  }

  // MARK: eligibility

  public func getEligibility(request: Evaluation.GetEligibilityRequest, context: ServerContext) async throws
    -> Evaluation.Eligibility
  {
    let caller = try context.requireCaller()
    let urn = try SchoolURN(parsing: request.schoolUrn, field: "school_urn")
    return try await store.database.read { db in
      guard let school = try RegistrySchoolsReplica.school(urn, in: db) else {
        throw EvaluationError.schoolNotFound(urn: urn.rawValue)
      }
      guard EvaluationPolicy.mayReadSchool(urn.rawValue, localAuthority: school.localAuthorityCode, caller: caller)
      else {
        throw EvaluationError.permissionDenied("you may not see school \(urn)'s standing with evaluation")
      }
      let standing = try EvaluationStore.standing(urn: urn.rawValue, in: db)
      var reasons = MarkEligibility.reasons(
        standing: standing, lastNotMetAt: try EvaluationStore.lastNotMet(urn: urn.rawValue, in: db))
      let open = try EvaluationStore.applicationInProgress(urn: urn.rawValue, in: db)
      if let open { reasons.append("application \(open) is in progress") }
      if school.isWithdrawn { reasons.append("the school has withdrawn from the register") }
      return Evaluation.Eligibility(
        schoolUrn: urn.rawValue, eligible: reasons.isEmpty, reasons: reasons, snapshot: standing?.snapshot,
        openApplicationId: open ?? "")
    }
  }

  // MARK: events

  public func streamEvents(
    request: Evaluation.StreamEventsRequest, response: RPCResponseWriter<Evaluation.EvaluationEvent>,
    context: ServerContext
  ) async throws {
    let caller = try context.requireCaller()
    let school = request.schoolUrn.isEmpty ? nil : try SchoolURN(parsing: request.schoolUrn, field: "school_urn")
    if let school {
      let known = try await store.database.read { db in try RegistrySchoolsReplica.school(school, in: db) }
      guard let known else { throw EvaluationError.schoolNotFound(urn: school.rawValue) }
      guard EvaluationPolicy.mayReadSchool(school.rawValue, localAuthority: known.localAuthorityCode, caller: caller)
      else {
        throw EvaluationError.permissionDenied("you may not read school \(school)'s evaluation events")
      }
    } else if !EvaluationPolicy.mayReadAllEvents(caller: caller) {
      throw EvaluationError.permissionDenied(
        "only services and programme admins read every school's events; ask for one school (school_urn)")
    }
    var including: (@Sendable (Evaluation.EvaluationEvent) -> Bool)?
    if let urn = school?.rawValue { including = { $0.schoolUrn == urn } }
    try await store.streamEvents(request, to: response, including: including)
  }

  // MARK: helpers

  /// The metadata key naming the instant a call is taken to happen in demo-load mode.
  public static let demoAsOfKey = "charter-demo-as-of"

  /// The instant a call happens at: the store's clock, or in demo-load mode
  /// (``EvaluationRules/demoBackdating``) the earlier instant the call names in
  /// `charter-demo-as-of` (RFC 3339). Outside that mode the key is ignored.
  func now(_ context: ServerContext) throws -> UTCTime {
    let clock = store.now
    guard rules.demoBackdating, let text = context.requestMetadata.firstString(forKey: Self.demoAsOfKey) else {
      return clock
    }
    guard let instant = UTCTime(rfc3339: text) else {
      throw InvalidField(field: Self.demoAsOfKey, reason: "\"\(text)\" is not an RFC 3339 instant")
    }
    guard instant <= clock else { throw InvalidField(field: Self.demoAsOfKey, reason: "\(text) is in the future") }
    return instant
  }

  /// Changes an application in one write transaction, after checking the caller may take
  /// `action` on it (see ``EvaluationStore/change(_:actor:now:in:authorize:_:)``).
  func mutate(
    _ id: String, caller: Caller, action: EvaluationPolicy.Action, context: ServerContext,
    _ body: @escaping @Sendable (inout ApplicationDraft, Connection) throws -> Evaluation.EvaluationEvent.Payload
  ) async throws -> Evaluation.Application {
    let now = try self.now(context)
    let store = self.store
    return try await store.database.write { db in
      try store.change(
        id, actor: caller.actor, now: now, in: db, authorize: { try Self.authorize(action, on: $0, caller) }
      ) { draft in try body(&draft, db) }
    }
  }

  static func authorize(_ action: EvaluationPolicy.Action, on application: Evaluation.Application, _ caller: Caller)
    throws
  {
    guard EvaluationPolicy.mayAct(action, on: application.access, caller: caller) else {
      let who: String =
        switch action {
        case .submitOrWithdraw: "the school's admins and the programme office"
        case .answerForSchool: "the school's people"
        case .office: "the programme office (programme admins)"
        case .assess: "the allocated assessor"
        case .moderate: "the moderating lead assessor"
        case .suggestAssessors: "the programme office and the school's people"
        }
      throw EvaluationError.permissionDenied("only \(who) may do this to application \(application.applicationId)")
    }
  }

  static func authorizeRead(_ application: Evaluation.Application, _ caller: Caller) throws {
    guard EvaluationPolicy.mayRead(application.access, caller: caller) else {
      throw EvaluationError.permissionDenied("you may not see application \(application.applicationId)")
    }
  }

  /// An id this service minted (`app-…`, `asr-…`, `award-…`): not blank, short, plain.
  static func identifier(_ text: String, field: String) throws(InvalidField) -> String {
    let id = text.trimmingWhiteSpace
    guard !id.isEmpty else { throw InvalidField(field: field, reason: "is required") }
    guard id.count <= 64,
      id.unicodeScalars.allSatisfy({
        $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-")
      })
    else { throw InvalidField(field: field, reason: "is not an id this service issued") }
    return id
  }

  static func urns(_ texts: [String], field: String) throws(InvalidField) -> [String] {
    guard texts.count <= 500 else { throw InvalidField(field: field, reason: "at most 500") }
    var urns: Set<String> = []
    for (i, text) in texts.enumerated() {
      urns.insert(try SchoolURN(parsing: text, field: "\(field)[\(i)]").rawValue)
    }
    return urns.sorted()
  }

  /// A pen portrait checked and normalised: known phases, DfE codes and region names, sorted
  /// without repeats.
  static func penPortrait(_ given: Evaluation.PenPortrait?) throws(InvalidField) -> Evaluation.PenPortrait {
    guard let given else { throw InvalidField(field: "pen_portrait", reason: "is required") }
    var phases: Set<Int32> = []
    for (i, phase) in given.phases.enumerated() {
      guard phase != .unspecified, phase.isRecognized else {
        throw InvalidField(field: "pen_portrait.phases[\(i)]", reason: "is not a phase")
      }
      phases.insert(phase.rawValue)
    }
    guard !phases.isEmpty else { throw InvalidField(field: "pen_portrait.phases", reason: "name at least one phase") }
    var codes: Set<String> = []
    for (i, code) in given.localAuthorityCodes.enumerated() {
      codes.insert(try LocalAuthorityCode(parsing: code, field: "pen_portrait.local_authority_codes[\(i)]").rawValue)
    }
    var regions: Set<String> = []
    for (i, name) in given.regions.enumerated() {
      guard let region = EnglishRegion(name: name) else {
        throw InvalidField(
          field: "pen_portrait.regions[\(i)]",
          reason: "\"\(name)\" is not one of " + EnglishRegion.allCases.map(\.name).joined(separator: ", "))
      }
      regions.insert(region.name)
    }
    guard !codes.isEmpty || !regions.isEmpty else {
      throw InvalidField(field: "pen_portrait", reason: "name the local authorities or regions covered")
    }
    var portrait = Evaluation.PenPortrait()
    portrait.localAuthorityCodes = codes.sorted()
    portrait.regions = EnglishRegion.allCases.map(\.name).filter(regions.contains)
    portrait.phases = phases.sorted().map { Common.SchoolPhase(rawValue: $0) }
    portrait.biography = try TextField.optional(
      given.biography, field: "pen_portrait.biography", max: 4000, lines: .many)
    if let location = given.baseLocation {
      guard abs(location.latitude) <= 90, abs(location.longitude) <= 180 else {
        throw InvalidField(field: "pen_portrait.base_location", reason: "is not a point on the Earth")
      }
      portrait.baseLocation = location
    }
    if !given.worksInLocalAuthorityCode.isEmpty {
      portrait.worksInLocalAuthorityCode =
        try LocalAuthorityCode(
          parsing: given.worksInLocalAuthorityCode, field: "pen_portrait.works_in_local_authority_code"
        ).rawValue
    }
    return portrait
  }

  /// A day the contract gives, required.
  static func day(_ date: Common.Date?, field: String) throws(InvalidField) -> CalendarDate {
    guard let date else { throw InvalidField(field: field, reason: "is required") }
    guard let day = date.calendarDate else { throw InvalidField(field: field, reason: "is not a real day") }
    return day
  }

  /// Short text items (documents, agenda items, gaps): each required, at most `max` of them.
  static func items(_ texts: [String], field: String, max: Int, length: Int = 500) throws(InvalidField) -> [String] {
    guard texts.count <= max else { throw InvalidField(field: field, reason: "at most \(max)") }
    var items: [String] = []
    for (i, text) in texts.enumerated() {
      items.append(try TextField.required(text, field: "\(field)[\(i)]", max: length))
    }
    return items
  }
}
