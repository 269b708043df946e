public import Contracts

/// The human form of the accreditation service's answers: standings, recognitions, award
/// cycles and entries, certificates and verifications, one record per block or one per line.
public enum AccreditationText {
  public static func standing(_ standing: Accreditation.CharterStanding) -> [String] {
    var lines = LabelledLines()
    lines.add("School", "\(standing.schoolName) (\(standing.schoolUrn))")
    lines.add("Level", AccreditationSyntax.level(standing.level) + " since " + TimestampText.date(standing.since))
    if standing.expiresAt != nil { lines.add("Lapses", TimestampText.date(standing.expiresAt)) }
    if standing.commitDeadline != nil {
      lines.add(
        "Commitment deadline",
        TimestampText.date(standing.commitDeadline) + (standing.commitmentOverdue ? " (overdue)" : ""))
    }
    if let mark = standing.mark {
      lines.add(
        "ICT Mark",
        "\(AccreditationSyntax.word(mark.status, prefix: "MARK_STATUS_")), awarded "
          + "\(TimestampText.date(mark.awardedAt)), expires \(TimestampText.date(mark.expiresAt))")
    }
    if let recognition = standing.recognition {
      lines.add(
        "Recognition",
        "\(recognition.recognitionId) \(AccreditationSyntax.state(recognition.state))"
          + (recognition.closedReason.isEmpty ? "" : ": \(recognition.closedReason)"))
    }
    lines.add(
      "Level 2 rule",
      standing.level2RuleHolds
        ? "holds (\(standing.elementsAtStandard.joined(separator: ", ")))" : "does not hold")
    if standing.mayRequestRecognition { lines.add("Next", "may request recognition") }
    if standing.programmeClosed { lines.add("Programme", "closed to new level 1 and 2 transitions") }
    for badge in standing.badges {
      lines.add(
        "Excellence Award",
        "\(badge.year) \(AccreditationSyntax.result(badge.result)): \(badge.categoryTitle)"
          + (badge.subCategoryTitle.isEmpty ? "" : " — \(badge.subCategoryTitle)"))
    }
    var out = lines.render()
    if !standing.history.isEmpty {
      out.append("History:")
      for entry in standing.history {
        out.append(
          "  \(TimestampText.date(entry.changedAt))  \(AccreditationSyntax.level(entry.fromLevel)) → "
            + "\(AccreditationSyntax.level(entry.toLevel))  \(entry.reason)")
      }
    }
    return out
  }

  public static func recognition(_ recognition: Accreditation.Recognition) -> [String] {
    var lines = LabelledLines()
    lines.add("Recognition", recognition.recognitionId)
    lines.add("School", "\(recognition.schoolName) (\(recognition.schoolUrn))")
    lines.add("State", AccreditationSyntax.state(recognition.state))
    if let referee = recognition.referee {
      lines.add(
        "Referee",
        "\(referee.name) <\(referee.email)>, \(AccreditationSyntax.word(referee.kind, prefix: "REFEREE_KIND_"))"
          + (referee.organisation.isEmpty ? "" : ", \(referee.organisation)"))
    }
    if let response = recognition.refereeResponse {
      lines.add("Referee said", (response.confirmed ? "confirmed" : "declined") + quoted(response.comment))
    }
    if let decision = recognition.decision {
      lines.add("Decision", (decision.approved ? "approved" : "rejected") + quoted(decision.reason))
    }
    if recognition.expiresAt != nil { lines.add("Expires", TimestampText.date(recognition.expiresAt)) }
    if let check = recognition.spotCheck, check.selected {
      lines.add(
        "Spot check",
        check.completed ? (check.upheld ? "upheld" : "not upheld") + quoted(check.note) : "selected, not yet done")
    }
    if !recognition.closedReason.isEmpty { lines.add("Closed", recognition.closedReason) }
    return lines.render()
  }

  public static func recognitionLine(_ recognition: Accreditation.Recognition) -> String {
    "\(recognition.recognitionId)  \(recognition.schoolUrn)  \(AccreditationSyntax.state(recognition.state))  "
      + "\(recognition.referee?.name ?? "-")  \(TimestampText.date(recognition.requestedAt))"
  }

  public static func overdueLine(_ commitment: Accreditation.OverdueCommitment) -> String {
    "\(commitment.schoolUrn)  \(commitment.schoolName)  LA \(commitment.localAuthorityCode)  deadline "
      + "\(TimestampText.date(commitment.commitDeadline))  \(commitment.daysOverdue) days overdue"
  }

  public static func localAuthority(_ view: Accreditation.LocalAuthorityView) -> [String] {
    var out = ["\(view.localAuthorityName) (\(view.localAuthorityCode))"]
    out.append(
      "Schools by level: "
        + view.levelCounts.map { "\(AccreditationSyntax.level($0.level)) \($0.schoolCount)" }.joined(separator: ", "))
    out.append("Recognitions pending: \(view.recognitionsPending.count)")
    out += view.recognitionsPending.map { "  " + recognitionLine($0) }
    out.append("Commitments overdue: \(view.commitmentsOverdue.count)")
    out += view.commitmentsOverdue.map { "  " + overdueLine($0) }
    out.append("Marks due for renewal: \(view.marksDueForRenewal.count)")
    out += view.marksDueForRenewal.map {
      "  \($0.schoolUrn)  \($0.schoolName)  expires \(TimestampText.date($0.markExpiresAt))"
    }
    return out
  }

  public static func programme(_ status: Accreditation.ProgrammeStatus) -> [String] {
    var lines = LabelledLines()
    lines.add("Programme", status.open ? "open" : "closed to new level 1 and 2 transitions")
    if status.changedAt != nil {
      lines.add(
        "Since", TimestampText.instant(status.changedAt) + (status.changedBy.map { " by \($0.shownName)" } ?? ""))
    }
    if !status.reason.isEmpty { lines.add("Reason", status.reason) }
    return lines.render()
  }

  public static func cycle(_ cycle: Accreditation.AwardCycle) -> [String] {
    var lines = LabelledLines()
    lines.add("Cycle", "\(cycle.cycleId) (\(cycle.year))")
    lines.add("State", AccreditationSyntax.cycleState(cycle.state))
    lines.add("Entry deadline", cycle.entryDeadline.map { "\($0.year)-\(pad($0.month))-\(pad($0.day))" } ?? "-")
    lines.add("ICT Mark required", cycle.requiresIctMark ? "yes" : "no")
    lines.add("Entries", "\(cycle.entryCount)")
    var out = lines.render()
    out.append("Categories:")
    for category in cycle.categories {
      out.append("  \(category.categoryId)  \(category.title)")
      for sub in category.subCategories { out.append("    \(sub.subCategoryId)  \(sub.title)") }
    }
    return out
  }

  public static func cycleLine(_ cycle: Accreditation.AwardCycle) -> String {
    "\(cycle.cycleId)  \(cycle.year)  \(AccreditationSyntax.cycleState(cycle.state))  \(cycle.entryCount) entries"
  }

  public static func entryLine(_ entry: Accreditation.AwardEntry) -> String {
    "\(entry.entryId)  \(entry.schoolUrn)  \(entry.schoolName)  \(entry.categoryTitle)"
      + (entry.subCategoryTitle.isEmpty ? "" : " — \(entry.subCategoryTitle)") + "  "
      + AccreditationSyntax.result(entry.result)
  }

  public static func certificateLine(_ certificate: Accreditation.Certificate) -> String {
    "\(certificate.certificateId)  \(certificate.certificateNumber)  \(certificate.title)  "
      + "\(AccreditationSyntax.certificateStatus(certificate.status))  code \(certificate.verificationCode)"
  }

  public static func verification(_ verification: Accreditation.CertificateVerification) -> [String] {
    var lines = LabelledLines()
    lines.add("Status", AccreditationSyntax.verification(verification.status))
    if !verification.explanation.isEmpty { lines.add("Explanation", verification.explanation) }
    if let facts = verification.facts {
      lines.add("School", "\(facts.schoolName) (\(facts.schoolUrn))")
      lines.add("Certificate", "\(facts.title), number \(facts.certificateNumber)")
      lines.add("Level", AccreditationSyntax.level(facts.level))
      lines.add("Issued", TimestampText.date(facts.issuedAt))
      if facts.validUntil != nil { lines.add("Valid until", TimestampText.date(facts.validUntil)) }
      if facts.awardResult != .unspecified {
        lines.add("Result", "\(AccreditationSyntax.result(facts.awardResult)), \(facts.awardCategory)")
      }
    }
    if verification.revokedAt != nil {
      lines.add("Revoked", TimestampText.date(verification.revokedAt) + quoted(verification.revocationReason))
    }
    if !verification.signingKeyId.isEmpty { lines.add("Signed by key", verification.signingKeyId) }
    return lines.render()
  }

  public static func eventLine(_ event: Accreditation.AccreditationEvent) -> String {
    let kind = event.payload.map(Accreditation.AccreditationEvent.eventType(of:)) ?? "unknown"
    var detail = ""
    switch event.payload {
    case .levelChanged(let changed)?:
      detail =
        "\(AccreditationSyntax.level(changed.previousLevel)) → \(AccreditationSyntax.level(changed.level)): "
        + changed.reason
    case .certificateIssued(let issued)?: detail = issued.certificate?.title ?? ""
    case .certificateRevoked(let revoked)?: detail = revoked.certificate?.title ?? ""
    case .recognitionDecided(let decided)?:
      detail = decided.recognition.map { AccreditationSyntax.state($0.state) } ?? ""
    case .awardResultRecorded(let recorded)?:
      detail = recorded.entry.map { AccreditationSyntax.result($0.result) } ?? ""
    case .awardCycleAdvanced(let advanced)?:
      detail = advanced.cycle.map { "\($0.year) \(AccreditationSyntax.cycleState($0.state))" } ?? ""
    default: break
    }
    return
      "\(event.sequence)  \(TimestampText.instant(event.occurredAt))  \(event.schoolUrn.isEmpty ? "-" : event.schoolUrn)  "
      + kind + (detail.isEmpty ? "" : "  " + detail)
  }

  private static func quoted(_ text: String) -> String { text.isEmpty ? "" : ": \(text)" }
  private static func pad(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
