import CharterValues
public import Contracts
import Identity
public import RPCCore
import ServiceKit
import Storage

/// The assessment itself: the assessor's pre-visit review (documents, causes for concern and
/// the school's answers), the visit, the outcome and its moderation or follow-up, and the
/// award; and withdrawal.
extension EvaluationService {
  public func acceptAllocation(request: Evaluation.AcceptAllocationRequest, context: ServerContext) async throws
    -> Evaluation.Application
  {
    let caller = try context.requireCaller()
    let id = try Self.identifier(request.applicationId, field: "application_id")
    return try await mutate(id, caller: caller, action: .assess, context: context) { draft, _ in
      try draft.apply(.acceptAllocation, note: "the assessor accepted; the pre-visit review starts")
      let time = draft.timestamp
      draft.application.allocation?.acceptedAt = time
      return draft.stateChanged
    }
  }

  public func requestDocuments(request: Evaluation.RequestDocumentsRequest, context: ServerContext) async throws
    -> Evaluation.Application
  {
    let caller = try context.requireCaller()
    let id = try Self.identifier(request.applicationId, field: "application_id")
    let documents = try Self.items(request.documents, field: "documents", max: 20)
    guard !documents.isEmpty else { throw InvalidField(field: "documents", reason: "name at least one document") }
    return try await mutate(id, caller: caller, action: .assess, context: context) { draft, _ in
      try draft.apply(.requestDocuments, note: "requested: " + documents.joined(separator: "; "))
      draft.application.requestedDocuments += documents
      return draft.stateChanged
    }
  }

  public func raiseCauseForConcern(request: Evaluation.RaiseCauseForConcernRequest, context: ServerContext)
    async throws -> Evaluation.Application
  {
    let caller = try context.requireCaller()
    let id = try Self.identifier(request.applicationId, field: "application_id")
    let description = try TextField.required(request.description, field: "description", max: 4000, lines: .many)
    let documents = try Self.items(request.requestedDocuments, field: "requested_documents", max: 20)
    return try await mutate(id, caller: caller, action: .assess, context: context) { draft, _ in
      let concernID = "c\(draft.application.causesForConcern.count + 1)"
      try draft.apply(.raiseCauseForConcern, note: "\(concernID): \(description)")
      let concern = Evaluation.CauseForConcern(
        concernId: concernID, description: description, requestedDocuments: documents, raisedAt: draft.timestamp)
      draft.application.causesForConcern.append(concern)
      return .causeForConcernRaised(
        Evaluation.CauseForConcernRaised(application: draft.application, concern: concern))
    }
  }

  public func resolveCauseForConcern(request: Evaluation.ResolveCauseForConcernRequest, context: ServerContext)
    async throws -> Evaluation.Application
  {
    let caller = try context.requireCaller()
    let id = try Self.identifier(request.applicationId, field: "application_id")
    let wanted = request.concernId.trimmingWhiteSpace
    let note = try TextField.optional(request.note, field: "note", max: 4000, lines: .many)
    let resolution = request.resolution
    let step: AssessmentStep
    switch resolution {
    case .evidenceAdded: step = .addEvidence
    case .deferred: step = .deferAssessment
    case .withdrawn: step = .withdraw
    default: throw InvalidField(field: "resolution", reason: "choose evidence added, deferred or withdrawn")
    }
    if resolution == .withdrawn && note.isEmpty {
      throw InvalidField(field: "note", reason: "say why the school withdraws")
    }
    // Withdrawing is for the school's admins; answering with evidence or deferring for its people.
    let action: EvaluationPolicy.Action = resolution == .withdrawn ? .submitOrWithdraw : .answerForSchool
    return try await mutate(id, caller: caller, action: action, context: context) { draft, _ in
      let resuming = draft.state == .deferred
      let stepNote: String =
        switch resolution {
        case .evidenceAdded: "the school answered with evidence" + (note.isEmpty ? "" : ": \(note)")
        case .deferred: "the school deferred the assessment" + (note.isEmpty ? "" : ": \(note)")
        default: "withdrawn after a cause for concern: \(note)"
        }
      try draft.apply(step, note: stepNote)
      // The concern answered: the one named, else the latest one still open (or deferred,
      // when the school resumes a deferred assessment).
      let concerns = draft.application.causesForConcern
      let answerable: (Evaluation.CauseForConcern) -> Bool = {
        $0.resolution == .unspecified || (resuming && $0.resolution == .deferred)
      }
      guard
        let index = wanted.isEmpty
          ? concerns.lastIndex(where: answerable) : concerns.firstIndex(where: { $0.concernId == wanted })
      else { throw EvaluationError.concernNotFound(applicationID: id, concernID: wanted.isEmpty ? "(open)" : wanted) }
      guard answerable(concerns[index]) else {
        throw EvaluationRuleError.concernSettled(concernID: concerns[index].concernId)
      }
      draft.application.causesForConcern[index].resolution = resolution
      draft.application.causesForConcern[index].resolutionNote = note
      let time = draft.timestamp
      draft.application.causesForConcern[index].resolvedAt = time
      let concern = draft.application.causesForConcern[index]
      if resolution == .withdrawn {
        draft.application.withdrawalReason = note
        return .applicationWithdrawn(Evaluation.ApplicationWithdrawn(application: draft.application, reason: note))
      }
      return .causeForConcernResolved(
        Evaluation.CauseForConcernResolved(application: draft.application, concern: concern))
    }
  }

  public func offerVisitDates(request: Evaluation.OfferVisitDatesRequest, context: ServerContext) async throws
    -> Evaluation.Application
  {
    let caller = try context.requireCaller()
    let id = try Self.identifier(request.applicationId, field: "application_id")
    var days: [CalendarDate] = []
    for (i, date) in request.dates.enumerated() { days.append(try Self.day(date, field: "dates[\(i)]")) }
    let offered = try AssessmentVisit.checkOffered(days, today: try self.now(context).date)
    return try await mutate(id, caller: caller, action: .answerForSchool, context: context) { draft, _ in
      try draft.apply(.offerVisitDates, note: "offered " + offered.map(\.description).joined(separator: ", "))
      draft.application.offeredVisitDates = offered.map { Common.Date($0) }
      return draft.stateChanged
    }
  }

  public func scheduleVisit(request: Evaluation.ScheduleVisitRequest, context: ServerContext) async throws
    -> Evaluation.Application
  {
    let caller = try context.requireCaller()
    let id = try Self.identifier(request.applicationId, field: "application_id")
    guard let visit = request.visit else { throw InvalidField(field: "visit", reason: "is required") }
    guard let start = visit.startsAt, start.isValid else {
      throw InvalidField(field: "visit.starts_at", reason: "is required")
    }
    let agenda = try Self.items(visit.agenda, field: "visit.agenda", max: 20)
    let focus = try Self.items(
      visit.focusElementIds, field: "visit.focus_element_ids", max: AssessmentVisit.maximumFocusElements, length: 40)
    return try await mutate(id, caller: caller, action: .assess, context: context) { draft, _ in
      let rescheduling = draft.state == .visitScheduled
      try draft.apply(.scheduleVisit, note: "")
      let offered = draft.application.offeredVisitDates.compactMap(\.calendarDate)
      guard !offered.isEmpty else { throw EvaluationRuleError.noVisitDatesOffered }
      try AssessmentVisit.checkStart(start.utcTime, offered: offered, now: draft.now)
      let scheduled = Evaluation.Visit(
        startsAt: start, agenda: agenda.isEmpty ? AssessmentVisit.usualAgenda : agenda, focusElementIds: focus,
        endsAt: Protobuf.Timestamp(start.utcTime.adding(AssessmentVisit.length)))
      draft.application.visit = scheduled
      draft.annotateLastStep(
        (rescheduling ? "visit moved to " : "visit agreed for ") + "\(start.utcTime) (half a day)"
          + (focus.isEmpty ? "" : ", focusing on " + focus.joined(separator: ", ")))
      return .visitScheduled(Evaluation.VisitScheduled(application: draft.application, visit: scheduled))
    }
  }

  public func recordAssessmentOutcome(request: Evaluation.RecordAssessmentOutcomeRequest, context: ServerContext)
    async throws -> Evaluation.Application
  {
    let caller = try context.requireCaller()
    let id = try Self.identifier(request.applicationId, field: "application_id")
    guard let given = request.report else { throw InvalidField(field: "report", reason: "is required") }
    guard let outcome = AssessmentOutcome(given.outcome) else {
      throw InvalidField(field: "report.outcome", reason: "choose met, not met or referred")
    }
    let report = try AssessmentReportRules.check(
      outcome: outcome, contextCommentary: given.contextCommentary, strengths: given.strengths,
      areasForDevelopment: given.areasForDevelopment, referralGaps: given.referralGaps,
      referralDeadline: try given.referralDeadline.map { try Self.day($0, field: "report.referral_deadline") },
      today: try self.now(context).date)
    let store = self.store
    return try await mutate(id, caller: caller, action: .assess, context: context) { draft, db in
      let moderated = draft.application.allocation?.moderationRequired ?? false
      try draft.apply(.recordOutcome(outcome, moderated: moderated), note: "")
      if draft.route.includesVisit, let start = draft.application.visit?.startsAt?.utcTime, draft.now < start {
        throw EvaluationRuleError.visitNotStarted(startsAt: start)
      }
      let assessorID = draft.application.allocation?.assessorId ?? ""
      let recorded = Evaluation.AssessmentReport(
        outcome: outcome.contract, contextCommentary: report.contextCommentary, strengths: report.strengths,
        areasForDevelopment: report.areasForDevelopment, referralGaps: report.referralGaps,
        referralDeadline: report.referralDeadline.map { Common.Date($0) }, recordedAt: draft.timestamp,
        assessorId: assessorID)
      draft.application.report = recorded
      if !moderated { draft.application.finalOutcome = outcome.contract }
      let reason = (draft.application.allocation?.moderationReason).flatMap {
        ModerationReason(rawValue: Int($0.rawValue))
      }
      var note = "outcome \(outcome)"
      if moderated { note += "; to moderation (\(reason?.description ?? "planned"))" }
      if let deadline = report.referralDeadline { note += "; gaps to close by \(deadline)" }
      draft.annotateLastStep(note)
      // The assessor has completed one more assessment.
      try store.countCompletedAssessment(assessorID: assessorID, now: draft.now, in: db)
      return .outcomeRecorded(Evaluation.OutcomeRecorded(application: draft.application, report: recorded))
    }
  }

  public func recordReferralFollowUp(request: Evaluation.RecordReferralFollowUpRequest, context: ServerContext)
    async throws -> Evaluation.Application
  {
    let caller = try context.requireCaller()
    let id = try Self.identifier(request.applicationId, field: "application_id")
    guard request.kind == .evidence || request.kind == .revisit else {
      throw InvalidField(field: "kind", reason: "choose follow-up evidence or a short revisit")
    }
    guard let outcome = AssessmentOutcome(request.outcome), outcome != .referred else {
      throw InvalidField(field: "outcome", reason: "a referral's follow-up gives met or not met")
    }
    let note = try TextField.optional(request.note, field: "note", max: 4000, lines: .many)
    let kind = request.kind
    return try await mutate(id, caller: caller, action: .assess, context: context) { draft, _ in
      try draft.apply(
        .recordReferralFollowUp(outcome),
        note: (kind == .revisit ? "after a short revisit: " : "after follow-up evidence: ") + "\(outcome)"
          + (note.isEmpty ? "" : "; \(note)"))
      draft.application.referralFollowUp = Evaluation.ReferralFollowUp(
        kind: kind, outcome: outcome.contract, note: note, recordedAt: draft.timestamp)
      draft.application.finalOutcome = outcome.contract
      return draft.stateChanged
    }
  }

  public func recordModeration(request: Evaluation.RecordModerationRequest, context: ServerContext) async throws
    -> Evaluation.Application
  {
    let caller = try context.requireCaller()
    let id = try Self.identifier(request.applicationId, field: "application_id")
    guard let outcome = AssessmentOutcome(request.moderatedOutcome) else {
      throw InvalidField(field: "moderated_outcome", reason: "choose met, not met or referred")
    }
    let note = try TextField.optional(request.note, field: "note", max: 4000, lines: .many)
    let gaps = request.referralGaps
    let deadline = try request.referralDeadline.map { try Self.day($0, field: "referral_deadline") }
    if outcome != .referred && (!gaps.isEmpty || deadline != nil) {
      throw InvalidField(field: "referral_gaps", reason: "only a REFERRED outcome lists gaps and a deadline")
    }
    let today = try self.now(context).date
    return try await mutate(id, caller: caller, action: .moderate, context: context) { draft, _ in
      try draft.apply(.recordModeration(outcome), note: "")
      let original = draft.application.report.flatMap { AssessmentOutcome($0.outcome) } ?? outcome
      var moderation = Evaluation.Moderation(
        leadAssessorId: draft.application.allocation?.moderatorAssessorId ?? "", originalOutcome: original.contract,
        moderatedOutcome: outcome.contract, note: note, recordedAt: draft.timestamp)
      if outcome == .referred {
        if original == .referred && gaps.isEmpty && deadline == nil {
          // The assessor's referral stands, with its gaps and deadline.
          moderation.referralGaps = draft.application.report?.referralGaps ?? []
          moderation.referralDeadline = draft.application.report?.referralDeadline
        } else {
          let (checked, day) = try AssessmentReportRules.referral(
            gaps: gaps, deadline: deadline, today: today, field: "referral")
          moderation.referralGaps = checked
          moderation.referralDeadline = Common.Date(day)
        }
      }
      draft.application.moderation = moderation
      draft.application.finalOutcome = outcome.contract
      draft.annotateLastStep(
        (original == outcome ? "moderation confirmed \(outcome)" : "moderation changed \(original) to \(outcome)")
          + (note.isEmpty ? "" : ": \(note)"))
      return .moderationRecorded(Evaluation.ModerationRecorded(application: draft.application, moderation: moderation))
    }
  }

  public func approveAward(request: Evaluation.ApproveAwardRequest, context: ServerContext) async throws
    -> Evaluation.Application
  {
    let caller = try context.requireCaller()
    let id = try Self.identifier(request.applicationId, field: "application_id")
    let terms = rules.markTerms
    let now = try self.now(context)
    let store = self.store
    return try await store.database.write { db in
      let awarded = try store.change(
        id, actor: caller.actor, now: now, in: db, authorize: { try Self.authorize(.office, on: $0, caller) }
      ) { draft in
        let dates = terms.dates(awardedAt: draft.now)
        let award = Evaluation.Award(
          awardId: RecordID.random(prefix: "award"), approvedAt: draft.timestamp, approvedBy: draft.actor,
          awardedAt: draft.timestamp, expiresAt: Protobuf.Timestamp(dates.expiresAt),
          includedVisit: draft.route.includesVisit, renewalDueAt: Protobuf.Timestamp(dates.renewalDueAt),
          lateRenewalUntil: Protobuf.Timestamp(dates.lateRenewalUntil))
        try draft.apply(
          .approveAward,
          note: "ICT Mark \(award.awardId) awarded, valid until \(dates.expiresAt.date)"
            + (draft.route.includesVisit ? "" : " (renewed without a visit)"))
        draft.application.award = award
        return .markAwarded(
          Evaluation.MarkAwarded(
            schoolUrn: draft.application.schoolUrn, applicationId: id, award: award, application: draft.application))
      }
      // A renewal's previous Mark is renewed.
      if !awarded.previousAwardId.isEmpty,
        let previous = try EvaluationStore.application(awardID: awarded.previousAwardId, in: db),
        previous.domainState == .renewalDue || previous.domainState == .expired
      {
        _ = try store.change(previous.applicationId, actor: caller.actor, now: now, in: db, authorize: { _ in }) {
          draft in
          try draft.apply(.renewMark, note: "renewed by application \(id) (award \(awarded.award?.awardId ?? ""))")
          return draft.stateChanged
        }
      }
      return awarded
    }
  }

  public func withdrawApplication(request: Evaluation.WithdrawApplicationRequest, context: ServerContext) async throws
    -> Evaluation.Application
  {
    let caller = try context.requireCaller()
    let id = try Self.identifier(request.applicationId, field: "application_id")
    let reason = try TextField.required(request.reason, field: "reason", max: 2000, lines: .many)
    return try await mutate(id, caller: caller, action: .submitOrWithdraw, context: context) { draft, _ in
      try draft.apply(.withdraw, note: "withdrawn: \(reason)")
      draft.application.withdrawalReason = reason
      return .applicationWithdrawn(Evaluation.ApplicationWithdrawn(application: draft.application, reason: reason))
    }
  }
}
