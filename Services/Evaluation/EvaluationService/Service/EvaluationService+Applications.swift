import CharterValues
public import Contracts
import Identity
public import RPCCore
import RegistryReplica
import ServiceKit
import Storage

/// Applications: submission with its fee and self-review snapshot, reading and listing, and
/// the programme office's steps (payment, evidence check, allocation) with the school's
/// resubmission.
extension EvaluationService {
  public func submitApplication(request: Evaluation.SubmitApplicationRequest, context: ServerContext) async throws
    -> Evaluation.Application
  {
    let caller = try context.requireCaller()
    let urn = try SchoolURN(parsing: request.schoolUrn, field: "school_urn")
    guard let route = ApplicationRoute(request.route) else {
      throw InvalidField(field: "route", reason: "choose standard, streamlined, renewal with or without visit")
    }
    let declaredBand: SizeBand?
    if request.sizeBand == .unspecified {
      declaredBand = nil
    } else {
      guard let band = SizeBand(request.sizeBand) else {
        throw InvalidField(field: "size_band", reason: "is not a band")
      }
      declaredBand = band
    }
    let preferred: String? =
      if case .preferredAssessorId(let id)? = request.assessorPreference, !id.isEmpty {
        try Self.identifier(id, field: "preferred_assessor_id")
      } else {
        nil
      }
    let previousAward =
      request.previousAwardId.isEmpty ? nil : try Self.identifier(request.previousAwardId, field: "previous_award_id")
    let recommender = try TextField.optional(request.recommender, field: "recommender", max: 200)
    let recommenderKind = request.recommenderKind
    if route.isRenewal && previousAward == nil {
      throw InvalidField(field: "previous_award_id", reason: "a renewal names the award it renews")
    }
    if route == .streamlined && previousAward == nil {
      guard !recommender.isEmpty, recommenderKind != .unspecified, recommenderKind.isRecognized else {
        throw InvalidField(
          field: "recommender",
          reason: "the streamlined route needs a recommender (an assessor, LA adviser or partner) unless renewing")
      }
    }
    let now = try self.now(context)
    let store = self.store
    return try await store.database.write { db in
      guard let school = try RegistrySchoolsReplica.school(urn, in: db) else {
        throw EvaluationError.schoolNotFound(urn: urn.rawValue)
      }
      let access = ApplicationAccess(
        schoolURN: urn.rawValue, localAuthorityCode: school.localAuthorityCode, assessorPersonID: nil,
        moderatorPersonID: nil)
      guard EvaluationPolicy.mayAct(.submitOrWithdraw, on: access, caller: caller) else {
        throw EvaluationError.permissionDenied("only the school's admins (or the programme office) apply for it")
      }
      guard !school.isWithdrawn else { throw EvaluationRuleError.schoolWithdrawn(urn: urn.rawValue) }
      if let open = try EvaluationStore.applicationInProgress(urn: urn.rawValue, in: db) {
        throw EvaluationRuleError.applicationInProgress(urn: urn.rawValue, applicationID: open)
      }
      // The band: from the registry's phase and roll; a school may declare a federation.
      let band = SizeBand(phase: school.phase, numberOnRoll: school.numberOnRoll)
      if let declaredBand, declaredBand != band, declaredBand != .allThroughOrFederation {
        throw InvalidField(
          field: "size_band",
          reason: "the registry has school \(urn) as \(band) (\(school.numberOnRoll) pupils); leave it unspecified")
      }
      // Renewals: the award must be the school's, due (or lately expired), and for a renewal
      // without visit, won with a visit.
      if let previousAward {
        guard let renewed = try EvaluationStore.application(awardID: previousAward, in: db),
          renewed.schoolUrn == urn.rawValue, let award = renewed.award
        else { throw EvaluationError.awardNotFound(id: previousAward) }
        switch renewed.domainState {
        case .awarded:
          throw EvaluationRuleError.renewalNotDue(
            awardID: previousAward, dueAt: award.renewalDueAt?.utcTime ?? now)
        case .renewalDue:
          break
        case .expired:
          if let until = award.lateRenewalUntil?.utcTime, now > until {
            throw EvaluationRuleError.renewalClosed(
              awardID: previousAward, reason: "the late-renewal window closed on \(until.date)")
          }
        default:
          throw EvaluationRuleError.renewalClosed(awardID: previousAward, reason: "it is \(renewed.domainState)")
        }
        if route == .renewalWithoutVisit && !award.includedVisit {
          throw EvaluationRuleError.renewalWithoutVisitNeedsVisitedAward(awardID: previousAward)
        }
      } else if let current = try EvaluationStore.applicationHoldingMark(urn: urn.rawValue, in: db),
        current.domainState == .awarded, let due = current.award?.renewalDueAt?.utcTime
      {
        throw EvaluationRuleError.markCurrent(urn: urn.rawValue, renewalDueAt: due)
      }
      // Eligibility from the self-review feed.
      let standing = try EvaluationStore.standing(urn: urn.rawValue, in: db)
      let reasons = MarkEligibility.reasons(
        standing: standing, lastNotMetAt: try EvaluationStore.lastNotMet(urn: urn.rawValue, in: db))
      guard let standing, reasons.isEmpty else {
        throw EvaluationRuleError.notEligible(urn: urn.rawValue, reasons: reasons)
      }
      if let preferred, try EvaluationStore.assessor(id: preferred, in: db) == nil {
        throw EvaluationError.assessorNotFound(id: preferred)
      }
      let table = FeeTable.inForce(on: now.date)
      let id = RecordID.random(prefix: "app")
      var application = Evaluation.Application()
      application.applicationId = id
      application.schoolUrn = urn.rawValue
      application.localAuthorityCode = school.localAuthorityCode
      application.route = route.contract
      application.sizeBand = (declaredBand ?? band).contract
      if let pence = table.fee(route: route, band: declaredBand ?? band) {
        application.fee = Common.Money(currencyCode: "GBP", amountMinor: Int64(pence))
      }
      application.feeTableVersion = table.version
      application.invoiceReference = "ICTM-" + String(id.suffix(8)).uppercased()
      application.state = ApplicationState.registered.contract
      application.preferredAssessorId = preferred ?? ""
      application.recommender = recommender
      application.recommenderKind = recommender.isEmpty ? .unspecified : recommenderKind
      application.previousAwardId = previousAward ?? ""
      application.selfReviewSnapshot = standing.snapshot
      application.createTime = Protobuf.Timestamp(now)
      application.updateTime = Protobuf.Timestamp(now)
      let fee = application.fee.map { "£\($0.amountMinor / 100) + VAT" } ?? "price on application"
      let step = Evaluation.ApplicationHistoryEntry(
        fromState: .unspecified, toState: ApplicationState.registered.contract, changedAt: Protobuf.Timestamp(now),
        actor: caller.actor,
        note:
          "\(route) route, \(declaredBand ?? band); fee \(fee) (\(table.version)), invoice \(application.invoiceReference)",
        step: "application_submitted")
      try store.insert(application, step: step, actor: caller.actor, now: now, in: db)
      return application
    }
  }

  public func getApplication(request: Evaluation.GetApplicationRequest, context: ServerContext) async throws
    -> Evaluation.Application
  {
    let caller = try context.requireCaller()
    let id = try Self.identifier(request.applicationId, field: "application_id")
    guard let application = try await store.applicationWithHistory(id: id) else {
      throw EvaluationError.applicationNotFound(id: id)
    }
    try Self.authorizeRead(application, caller)
    return application
  }

  public func listApplications(request: Evaluation.ListApplicationsRequest, context: ServerContext) async throws
    -> Evaluation.ListApplicationsResponse
  {
    let caller = try context.requireCaller()
    let page = try PageRequest(size: request.pageSize, token: request.pageToken)
    var query = EvaluationStore.ApplicationQuery(scope: EvaluationPolicy.scope(of: caller), limit: page.size)
    if !request.schoolUrn.isEmpty {
      query.schoolURN = try SchoolURN(parsing: request.schoolUrn, field: "school_urn").rawValue
    }
    for (i, state) in request.states.enumerated() {
      guard let known = ApplicationState(state) else {
        throw InvalidField(field: "states[\(i)]", reason: "is not an application state")
      }
      query.states.append(known)
    }
    if !request.assessorId.isEmpty { query.assessorID = try Self.identifier(request.assessorId, field: "assessor_id") }
    if !request.moderatorAssessorId.isEmpty {
      query.moderatorID = try Self.identifier(request.moderatorAssessorId, field: "moderator_assessor_id")
    }
    if !request.localAuthorityCode.isEmpty {
      query.localAuthorityCode =
        try LocalAuthorityCode(parsing: request.localAuthorityCode, field: "local_authority_code").rawValue
    }
    if let key = page.afterKey {
      guard let colon = key.firstIndex(of: ":"), let created = Int64(key[..<colon]) else {
        throw InvalidField(field: "page_token", reason: "is not a token from a previous page")
      }
      query.after = (created, String(key[key.index(after: colon)...]))
    }
    let applications = try await store.applications(query)
    var response = Evaluation.ListApplicationsResponse(applications: applications)
    response.nextPageToken = page.nextToken(after: applications) { application in
      "\((application.createTime?.utcTime ?? UTCTime(secondsSince1970: 0)).millisecondsSince1970):"
        + application.applicationId
    }
    return response
  }

  public func recordPayment(request: Evaluation.RecordPaymentRequest, context: ServerContext) async throws
    -> Evaluation.Application
  {
    let caller = try context.requireCaller()
    let id = try Self.identifier(request.applicationId, field: "application_id")
    let reference = try TextField.optional(request.invoiceReference, field: "invoice_reference", max: 60)
    return try await mutate(id, caller: caller, action: .office, context: context) { draft, _ in
      let invoice = draft.application.invoiceReference
      guard reference.isEmpty || reference.uppercased() == invoice else {
        throw InvalidField(field: "invoice_reference", reason: "application \(id) is invoiced as \(invoice)")
      }
      try draft.apply(.recordPayment, note: "paid against invoice \(invoice); the evidence check starts")
      let time = draft.timestamp
      draft.application.paidAt = time
      return draft.stateChanged
    }
  }

  public func recordEvidenceCheck(request: Evaluation.RecordEvidenceCheckRequest, context: ServerContext) async throws
    -> Evaluation.Application
  {
    let caller = try context.requireCaller()
    let id = try Self.identifier(request.applicationId, field: "application_id")
    let note = try TextField.optional(request.note, field: "note", max: 4000, lines: .many)
    if request.resubmitted {
      throw InvalidField(field: "resubmitted", reason: "retired: the school resubmits with ResubmitEvidence")
    }
    // Clients of the released contract list gaps as plain lines: each is a gap of the whole
    // application.
    let listed =
      request.evidenceGaps.isEmpty ? request.gaps.map { Evaluation.EvidenceGap(missing: $0) } : request.evidenceGaps
    let field = request.evidenceGaps.isEmpty && !request.gaps.isEmpty ? "gaps" : "evidence_gaps"
    guard listed.count <= 100 else { throw InvalidField(field: field, reason: "at most 100") }
    var gaps: [Evaluation.EvidenceGap] = []
    for (i, gap) in listed.enumerated() {
      gaps.append(
        Evaluation.EvidenceGap(
          aspectId: try TextField.optional(gap.aspectId, field: "\(field)[\(i)].aspect_id", max: 40),
          missing: try TextField.required(gap.missing, field: "\(field)[\(i)].missing", max: 2000)))
    }
    if request.passed && !gaps.isEmpty {
      throw InvalidField(field: "evidence_gaps", reason: "a passed check lists no gaps")
    }
    if !request.passed && gaps.isEmpty {
      throw InvalidField(field: "evidence_gaps", reason: "a check that returns the evidence lists what is missing")
    }
    let passed = request.passed
    let checked = gaps
    return try await mutate(id, caller: caller, action: .office, context: context) { draft, _ in
      let rated = Set(draft.application.selfReviewSnapshot?.aspects.map(\.aspectId) ?? [])
      if let unknown = checked.firstIndex(where: { !$0.aspectId.isEmpty && !rated.contains($0.aspectId) }) {
        throw InvalidField(
          field: "evidence_gaps[\(unknown)].aspect_id",
          reason: "\(checked[unknown].aspectId) is not an aspect of the school's self-review")
      }
      if passed {
        try draft.apply(.passEvidenceCheck, note: note.isEmpty ? "evidence and commentary are sufficient" : note)
      } else {
        let summary = checked.map { ($0.aspectId.isEmpty ? "" : "\($0.aspectId): ") + $0.missing }
        try draft.apply(.returnEvidence, note: "returned: " + summary.joined(separator: "; "))
      }
      var check = Evaluation.EvidenceCheck(
        passed: passed, note: note, checkedAt: draft.timestamp, checkedBy: draft.actor, evidenceGaps: checked)
      // Readers of the released contract see the gaps as lines.
      check.gaps = checked.map { ($0.aspectId.isEmpty ? "" : "\($0.aspectId): ") + $0.missing }
      draft.application.evidenceChecks.append(check)
      return passed
        ? draft.stateChanged
        : .evidenceReturned(Evaluation.EvidenceReturned(application: draft.application, gaps: checked))
    }
  }

  public func resubmitEvidence(request: Evaluation.ResubmitEvidenceRequest, context: ServerContext) async throws
    -> Evaluation.Application
  {
    let caller = try context.requireCaller()
    let id = try Self.identifier(request.applicationId, field: "application_id")
    let note = try TextField.optional(request.note, field: "note", max: 4000, lines: .many)
    return try await mutate(id, caller: caller, action: .answerForSchool, context: context) { draft, _ in
      try draft.apply(.resubmitEvidence, note: note.isEmpty ? "the school resubmitted its evidence" : note)
      return draft.stateChanged
    }
  }

  public func allocateAssessor(request: Evaluation.AllocateAssessorRequest, context: ServerContext) async throws
    -> Evaluation.Application
  {
    let caller = try context.requireCaller()
    let id = try Self.identifier(request.applicationId, field: "application_id")
    let named = request.assessorId.isEmpty ? nil : try Self.identifier(request.assessorId, field: "assessor_id")
    let namedModerator =
      request.moderatorAssessorId.isEmpty
      ? nil : try Self.identifier(request.moderatorAssessorId, field: "moderator_assessor_id")
    let rules = self.rules
    return try await mutate(id, caller: caller, action: .office, context: context) { draft, db in
      if draft.state == .evidenceCheck, draft.application.evidenceChecks.last?.passed != true {
        throw EvaluationRuleError.evidenceCheckNotPassed
      }
      // The state first: a refusal below is about the assessor, not about where the
      // application is.
      try draft.apply(.allocateAssessor, note: "")
      guard
        let assessorID = named
          ?? (draft.application.preferredAssessorId.isEmpty ? nil : draft.application.preferredAssessorId)
      else { throw EvaluationRuleError.noAssessorChosen }
      guard let assessor = try EvaluationStore.assessor(id: assessorID, in: db) else {
        throw EvaluationError.assessorNotFound(id: assessorID)
      }
      guard let urn = SchoolURN(draft.application.schoolUrn),
        let school = try RegistrySchoolsReplica.school(urn, in: db)
      else { throw EvaluationError.schoolNotFound(urn: draft.application.schoolUrn) }
      let today = draft.now.date
      let refusals = AllocationRules.refusals(
        assessor: assessor.profile, school: school, today: today, conferenceMonths: rules.conferenceValidityMonths)
      guard refusals.isEmpty else {
        throw EvaluationRuleError.allocationRefused(assessorID: assessorID, refusals: refusals)
      }
      let inHand = try EvaluationStore.workload(of: assessorID, in: db, excluding: id)
      let number = assessor.profile.completedAssessments + inHand + 1
      var reason = ModerationPlan.reason(
        assessmentNumber: number, applicationID: id, sampleRate: rules.moderationSampleRate)
      if reason == nil, namedModerator != nil { reason = .sample }
      var moderator: EvaluationStore.AssessorRecord?
      if let reason {
        moderator = try Self.moderator(
          named: namedModerator, assessorID: assessorID, school: school, today: today, reason: reason, rules: rules,
          in: db)
      }
      var allocation = Evaluation.Allocation()
      allocation.assessorId = assessorID
      allocation.assessorPersonId = assessor.profile.personID
      allocation.moderatorAssessorId = moderator?.profile.id ?? ""
      allocation.moderatorPersonId = moderator?.profile.personID ?? ""
      allocation.moderationRequired = reason != nil
      allocation.moderationReason = reason?.contract ?? .unspecified
      allocation.chosenBySchool = assessorID == draft.application.preferredAssessorId
      allocation.allocatedAt = draft.timestamp
      allocation.assessmentNumber = Int32(number)
      draft.application.allocation = allocation
      var note = "\(assessor.profile.displayName) (\(assessorID)) allocated"
      note += allocation.chosenBySchool ? ", the school's choice" : ""
      note += "; assessment \(number) for them"
      if let moderator, let reason {
        note += "; moderated by \(moderator.profile.displayName) (\(moderator.profile.id)): \(reason)"
      }
      draft.annotateLastStep(note)
      return .assessorAllocated(Evaluation.AssessorAllocated(application: draft.application))
    }
  }

  /// The lead assessor who moderates: the one named (checked), else the eligible one with the
  /// fewest moderations in hand.
  static func moderator(
    named: String?, assessorID: String, school: RegistrySchool, today: CalendarDate, reason: ModerationReason,
    rules: EvaluationRules, in db: Connection
  ) throws -> EvaluationStore.AssessorRecord {
    if let named {
      guard let record = try EvaluationStore.assessor(id: named, in: db) else {
        throw EvaluationError.assessorNotFound(id: named)
      }
      let refusals = AllocationRules.moderatorRefusals(
        moderator: record.profile, assessorID: assessorID, school: school, today: today,
        conferenceMonths: rules.conferenceValidityMonths)
      guard refusals.isEmpty else { throw EvaluationRuleError.moderatorRefused(assessorID: named, refusals: refusals) }
      return record
    }
    let candidates = try EvaluationStore.leadAssessors(in: db).filter {
      AllocationRules.moderatorRefusals(
        moderator: $0.profile, assessorID: assessorID, school: school, today: today,
        conferenceMonths: rules.conferenceValidityMonths
      ).isEmpty
    }
    // Each candidate's moderations in hand, from the moderation-load index alone.
    var load: [String: Int] = [:]
    for candidate in candidates {
      let row = try db.fetchOne(
        sql: "SELECT COUNT(*) AS n FROM application WHERE moderator_id = ? AND state IN (4, 5, 6, 7, 10, 11, 18)",
        arguments: [candidate.profile.id])
      load[candidate.profile.id] = try row.map { try $0["n"] as Int } ?? 0
    }
    guard
      let chosen = candidates.min(by: {
        (load[$0.profile.id] ?? 0, $0.profile.displayName, $0.profile.id)
          < (load[$1.profile.id] ?? 0, $1.profile.displayName, $1.profile.id)
      })
    else { throw EvaluationRuleError.noModeratorAvailable(reason: reason) }
    return chosen
  }

  public func suggestAssessors(request: Evaluation.SuggestAssessorsRequest, context: ServerContext) async throws
    -> Evaluation.SuggestAssessorsResponse
  {
    let caller = try context.requireCaller()
    let id = try Self.identifier(request.applicationId, field: "application_id")
    guard request.limit >= 0 else { throw InvalidField(field: "limit", reason: "must not be negative") }
    let limit = request.limit == 0 ? 10 : min(Int(request.limit), 100)
    let rules = self.rules
    let today = try self.now(context).date
    return try await store.database.read { db in
      guard let application = try EvaluationStore.application(id: id, in: db) else {
        throw EvaluationError.applicationNotFound(id: id)
      }
      try Self.authorize(.suggestAssessors, on: application, caller)
      guard let urn = SchoolURN(application.schoolUrn), let school = try RegistrySchoolsReplica.school(urn, in: db)
      else { throw EvaluationError.schoolNotFound(urn: application.schoolUrn) }
      let workloads = try EvaluationStore.workloads(in: db, excluding: id)
      let assessors = try EvaluationStore.allAssessors(in: db)
      let (suggestions, excluded) = AssessorRanking.rank(
        assessors.map { ($0.profile, workloads[$0.profile.id] ?? 0) }, for: school,
        preferredID: application.preferredAssessorId.isEmpty ? nil : application.preferredAssessorId, today: today,
        conferenceMonths: rules.conferenceValidityMonths)
      let byID = Dictionary(uniqueKeysWithValues: assessors.map { ($0.profile.id, $0) })
      return Evaluation.SuggestAssessorsResponse(
        suggestions: suggestions.prefix(limit).map { suggestion in
          Evaluation.AssessorSuggestion(
            assessor: byID[suggestion.assessor.id]?.message(openAllocations: suggestion.openAllocations),
            score: suggestion.score, reasons: suggestion.reasons, distanceKm: suggestion.distanceKilometres ?? 0,
            preferredBySchool: suggestion.preferredBySchool)
        },
        excluded: excluded.map {
          Evaluation.ExcludedAssessor(
            assessorId: $0.assessor.id, displayName: $0.assessor.displayName, refusals: $0.refusals.map(\.contract))
        })
    }
  }
}
