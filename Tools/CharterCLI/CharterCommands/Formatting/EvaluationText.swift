public import Contracts

/// ICT Mark applications as people read them: one application in full, its timeline (each
/// step, who, when), a page of applications, and a school's eligibility.
public enum EvaluationText {
  /// One application: labelled lines for where it is and what was decided, then its timeline
  /// when it has one.
  public static func details(_ application: Evaluation.Application) -> [String] {
    var lines = LabelledLines()
    lines.add("Application", application.applicationId)
    lines.add(
      "School",
      application.schoolUrn + (application.localAuthorityCode.isEmpty ? "" : " (LA \(application.localAuthorityCode))"))
    lines.add("State", EvaluationSyntax.state(application.state))
    lines.add("Route", EvaluationSyntax.route(application.route))
    lines.add("Size band", EvaluationSyntax.name(application.sizeBand, in: EvaluationSyntax.bands))
    lines.add(
      "Fee", fee(application.fee) + " (\(application.feeTableVersion)), invoice \(application.invoiceReference)")
    if !application.recommender.isEmpty {
      lines.add(
        "Recommender",
        application.recommender
          + " (\(EvaluationSyntax.name(application.recommenderKind, in: EvaluationSyntax.recommenderKinds)))")
    }
    if !application.previousAwardId.isEmpty { lines.add("Renews", application.previousAwardId) }
    if !application.preferredAssessorId.isEmpty { lines.add("School's choice", application.preferredAssessorId) }
    if let snapshot = application.selfReviewSnapshot {
      lines.add(
        "Self-review",
        "\(snapshot.frameworkId): \(snapshot.aspects.count) aspects, "
          + (snapshot.atNationalStandard ? "at the national standard" : "below the national standard")
          + (snapshot.commentaryComplete ? ", commentary complete" : ", commentary incomplete"))
    }
    if let check = application.evidenceChecks.last {
      lines.add(
        "Evidence check",
        (check.passed ? "passed" : "returned") + " \(TimestampText.instant(check.checkedAt))"
          + check.evidenceGaps.map { "\n- \($0.aspectId.isEmpty ? "" : "\($0.aspectId): ")\($0.missing)" }.joined())
    }
    if let allocation = application.allocation {
      var text = "assessor \(allocation.assessorId) (assessment \(allocation.assessmentNumber))"
      if allocation.chosenBySchool { text += ", the school's choice" }
      if allocation.moderationRequired {
        text +=
          "\nmoderator \(allocation.moderatorAssessorId) ("
          + EvaluationSyntax.name(allocation.moderationReason, in: moderationReasons) + ")"
      }
      lines.add("Allocation", text)
    }
    if !application.requestedDocuments.isEmpty {
      lines.add("Documents asked", application.requestedDocuments.joined(separator: "\n"))
    }
    for concern in application.causesForConcern {
      let status =
        concern.resolution == .unspecified
        ? "open" : EvaluationSyntax.name(concern.resolution, in: EvaluationSyntax.resolutions)
      lines.add("Concern \(concern.concernId)", "\(concern.description) [\(status)]")
    }
    if !application.offeredVisitDates.isEmpty {
      lines.add("Days offered", application.offeredVisitDates.map(DueDateSyntax.text).joined(separator: ", "))
    }
    if let visit = application.visit {
      lines.add("Visit", "\(TimestampText.instant(visit.startsAt)) to \(TimestampText.instant(visit.endsAt))")
    }
    if let report = application.report {
      var text = EvaluationSyntax.outcome(report.outcome) + " — " + report.contextCommentary
      text += "\nstrengths: " + report.strengths.joined(separator: "; ")
      text += "\nareas for development: " + report.areasForDevelopment.joined(separator: "; ")
      if !report.referralGaps.isEmpty {
        text +=
          "\ngaps by \(DueDateSyntax.text(report.referralDeadline)): " + report.referralGaps.joined(separator: "; ")
      }
      lines.add("Report", text)
    }
    if let moderation = application.moderation {
      lines.add(
        "Moderation",
        "\(EvaluationSyntax.outcome(moderation.originalOutcome)) → \(EvaluationSyntax.outcome(moderation.moderatedOutcome))"
          + " by \(moderation.leadAssessorId)" + (moderation.note.isEmpty ? "" : ": \(moderation.note)"))
    }
    if let followUp = application.referralFollowUp {
      lines.add(
        "Follow-up",
        EvaluationSyntax.name(followUp.kind, in: EvaluationSyntax.followUps) + ": "
          + EvaluationSyntax.outcome(followUp.outcome))
    }
    if let award = application.award {
      lines.add(
        "Award",
        "\(award.awardId), awarded \(TimestampText.date(award.awardedAt)), expires \(TimestampText.date(award.expiresAt))"
          + "\nrenewal due \(TimestampText.date(award.renewalDueAt)), late renewal until "
          + TimestampText.date(award.lateRenewalUntil) + (award.includedVisit ? "" : "\nawarded without a visit"))
    }
    if !application.withdrawalReason.isEmpty { lines.add("Withdrawn", application.withdrawalReason) }
    lines.add("Submitted", TimestampText.instant(application.createTime))
    lines.add("Updated", TimestampText.instant(application.updateTime))
    guard !application.history.isEmpty else { return lines.render() }
    return lines.render() + [""] + timeline(application.history)
  }

  /// The timeline: when, who, the step, the state it left and entered (or stayed in), and
  /// what it says, one line per step, oldest first.
  public static func timeline(_ history: [Evaluation.ApplicationHistoryEntry]) -> [String] {
    var table = TextTable(columns: ["WHEN", "WHO", "STEP", "STATE", "NOTE"])
    for entry in history {
      let state =
        entry.fromState == entry.toState
        ? "(\(EvaluationSyntax.state(entry.toState)))"
        : (entry.fromState == .unspecified ? "" : EvaluationSyntax.state(entry.fromState) + " → ")
          + EvaluationSyntax.state(entry.toState)
      table.append([
        TimestampText.instant(entry.changedAt), TextTable.truncate(entry.actor?.shownName ?? "-", to: 28),
        entry.step.replacing("_", with: " "), state, entry.note,
      ])
    }
    return table.render()
  }

  /// A page of applications as a table, newest first, with the page footer.
  public static func page(_ response: Evaluation.ListApplicationsResponse) -> [String] {
    guard !response.applications.isEmpty else {
      return ["no applications", PageFooter.text(shown: 0, nextPageToken: "")]
    }
    var table = TextTable(columns: ["APPLICATION", "SCHOOL", "LA", "ROUTE", "STATE", "ASSESSOR", "UPDATED"])
    for application in response.applications {
      table.append([
        application.applicationId, application.schoolUrn, application.localAuthorityCode,
        EvaluationSyntax.route(application.route), EvaluationSyntax.state(application.state),
        application.allocation?.assessorId ?? "-", TimestampText.instant(application.updateTime),
      ])
    }
    return table.render() + [PageFooter.text(shown: response.applications.count, nextPageToken: response.nextPageToken)]
  }

  /// Whether the school may apply, and why not.
  public static func eligibility(_ eligibility: Evaluation.Eligibility) -> [String] {
    var lines = LabelledLines()
    lines.add("School", eligibility.schoolUrn)
    lines.add("May apply", eligibility.eligible ? "yes" : "no")
    if !eligibility.reasons.isEmpty { lines.add("Because", eligibility.reasons.joined(separator: "\n")) }
    if let snapshot = eligibility.snapshot {
      lines.add(
        "Self-review",
        "\(snapshot.frameworkId): \(snapshot.aspects.count) aspects rated, last changed "
          + TimestampText.instant(snapshot.takenAt))
    }
    if !eligibility.openApplicationId.isEmpty { lines.add("In progress", eligibility.openApplicationId) }
    return lines.render()
  }

  /// `£550 + VAT`; `price on application` when there is no fee.
  public static func fee(_ money: Common.Money?) -> String {
    guard let money else { return "price on application" }
    let pence = money.amountMinor % 100
    return "£\(money.amountMinor / 100)" + (pence == 0 ? "" : "." + (pence < 10 ? "0" : "") + String(pence)) + " + VAT"
  }

  static let moderationReasons: [(Evaluation.ModerationReason, String)] = [
    (.firstAssessment, "first assessment"), (.qualityReview, "tenth assessment: quality review"), (.sample, "sample"),
  ]
}
