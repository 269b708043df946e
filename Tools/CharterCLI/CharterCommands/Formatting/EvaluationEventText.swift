public import Contracts

/// Evaluation events as one line each, for following the feed in a terminal or a log.
public enum EvaluationEventText {
  /// `<sequence>  <time>  <actor>  [school <urn>: ]<what happened>`.
  public static func line(_ event: Evaluation.EvaluationEvent) -> String {
    let school = event.schoolUrn.isEmpty ? "" : "school \(event.schoolUrn): "
    return "\(event.sequence)  \(TimestampText.instant(event.occurredAt))  \(event.actor?.shownName ?? "-")  "
      + school + description(event.payload)
  }

  public static func description(_ payload: Evaluation.EvaluationEvent.Payload?) -> String {
    func app(_ application: Evaluation.Application?) -> String { application?.applicationId ?? "?" }
    switch payload {
    case .assessorRegistered(let e)?:
      return "assessor \(e.assessor?.displayName ?? "") (\(e.assessor?.assessorId ?? "")) registered"
    case .assessorChanged(let e)?:
      return "assessor \(e.assessor?.assessorId ?? "") updated"
    case .applicationSubmitted(let e)?:
      return
        "application \(app(e.application)) submitted (\(EvaluationSyntax.route(e.application?.route ?? .unspecified)))"
    case .applicationStateChanged(let e)?:
      let to = EvaluationSyntax.state(e.application?.state ?? .unspecified)
      return e.previousState == e.application?.state
        ? "application \(app(e.application)) took a step in \(to)"
        : "application \(app(e.application)) \(EvaluationSyntax.state(e.previousState)) → \(to)"
    case .evidenceReturned(let e)?:
      return "application \(app(e.application)) returned to the school (\(e.gaps.count) gaps)"
    case .assessorAllocated(let e)?:
      return "application \(app(e.application)) allocated to \(e.application?.allocation?.assessorId ?? "?")"
    case .causeForConcernRaised(let e)?:
      return "application \(app(e.application)): cause for concern \(e.concern?.concernId ?? "") raised"
    case .causeForConcernResolved(let e)?:
      return "application \(app(e.application)): cause for concern \(e.concern?.concernId ?? "") "
        + EvaluationSyntax.name(e.concern?.resolution ?? .unspecified, in: EvaluationSyntax.resolutions)
    case .visitScheduled(let e)?:
      return "application \(app(e.application)): visit on \(TimestampText.instant(e.visit?.startsAt))"
    case .outcomeRecorded(let e)?:
      return "application \(app(e.application)): outcome \(EvaluationSyntax.outcome(e.report?.outcome ?? .unspecified))"
    case .moderationRecorded(let e)?:
      return "application \(app(e.application)): moderated "
        + EvaluationSyntax.outcome(e.moderation?.originalOutcome ?? .unspecified) + " → "
        + EvaluationSyntax.outcome(e.moderation?.moderatedOutcome ?? .unspecified)
    case .applicationWithdrawn(let e)?:
      return "application \(app(e.application)) withdrawn: \(e.reason)"
    case .markAwarded(let e)?:
      return "ICT Mark \(e.award?.awardId ?? "") awarded, expires \(TimestampText.date(e.award?.expiresAt))"
        + ((e.award?.includedVisit ?? true) ? "" : " (no visit)")
    case .markRenewalDue(let e)?:
      return "ICT Mark \(e.awardId) due for renewal; expires \(TimestampText.date(e.expiresAt))"
    case .markExpired(let e)?:
      return "ICT Mark \(e.awardId) expired"
    case nil:
      return "an event this version of charter does not know"
    }
  }
}
