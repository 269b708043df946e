public import Contracts

/// Self-review events as one line each, for following the feed in a terminal or a log.
public enum ReviewEventText {
  /// `<sequence>  <time>  <actor>  school <urn>: <what happened>`, e.g.
  /// `42  2009-03-02T10:00:00Z  Ann Smith  school 107979: rated 1a1 level 2 (was 3)`.
  public static func line(_ event: SelfReview.SelfReviewEvent) -> String {
    let actor = event.actor?.shownName ?? "-"
    return "\(event.sequence)  \(TimestampText.instant(event.occurredAt))  \(actor)  "
      + "school \(event.schoolUrn): " + description(event.payload)
  }

  /// What an event's payload says happened.
  public static func description(_ payload: SelfReview.SelfReviewEvent.Payload?) -> String {
    switch payload {
    case .reviewStarted(let started)?:
      return "started a self-review on \(started.frameworkId)"
    case .aspectRated(let rated)?:
      let rating = rated.rating ?? SelfReview.AspectRating()
      let before = rated.previousLevel == 0 ? "first rating" : "was \(rated.previousLevel)"
      return "rated \(rating.aspectId) level \(ReviewText.level(rating.level)) (\(before))"
    case .elementReachedStandard(let change)?:
      return "element \(change.elementId) reached the national standard"
    case .elementFellBelowStandard(let change)?:
      let below = change.aspectsBelowThreshold
      return "element \(change.elementId) fell below the national standard"
        + (below.isEmpty ? "" : " (below threshold: \(below.joined(separator: ", ")))")
    case .level2RuleNowHolds(let change)?:
      return "the Level 2 rule now holds (at standard: "
        + list(change.elementsAtStandard) + "; commentary "
        + (change.commentaryComplete ? "complete)" : "incomplete)")
    case .level2RuleNoLongerHolds(let change)?:
      return "the Level 2 rule no longer holds (at standard: "
        + list(change.elementsAtStandard) + ")"
    case .frameworkReachedStandard(let change)?:
      return "every element reached the national standard (commentary "
        + (change.commentaryComplete ? "complete)" : "incomplete)")
    case .frameworkFellBelowStandard(let change)?:
      return "not every element is at the national standard (below: "
        + list(change.elementsBelowStandard) + ")"
    case nil:
      return "an event this version of charter does not know"
    }
  }

  private static func list(_ ids: [String]) -> String {
    ids.isEmpty ? "none" : ids.joined(separator: ", ")
  }
}
