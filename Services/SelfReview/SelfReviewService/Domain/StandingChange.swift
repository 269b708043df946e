/// A change in where a review stands that the Charter cares about, found by comparing the
/// standing before and after a rating.
///
/// The service turns each change into a SelfReviewEvent (ElementReachedStandard,
/// Level2RuleNowHolds, …) so that the Charter service can invite a referee the moment the level
/// 2 rule holds, and withdraw the invitation if it stops holding. Keeping the comparison a pure
/// function means the events are exactly what the rules say, testable without a database.
public enum StandingChange: Sendable, Hashable {
  /// An element reached the national standard.
  case elementReachedStandard(elementId: String)
  /// An element fell below the national standard; the aspects now below threshold, in
  /// framework order.
  case elementFellBelowStandard(elementId: String, aspectsBelowThreshold: [String])
  /// The Charter level 2 rule started to hold; the elements at the standard, and whether all of
  /// those have commentary (needed before recognition).
  case level2RuleNowHolds(elementsAtStandard: [String], commentaryComplete: Bool)
  /// The Charter level 2 rule stopped holding; the elements still at the standard.
  case level2RuleNoLongerHolds(elementsAtStandard: [String])
  /// Every element is at the national standard; whether every aspect has commentary too (then
  /// the school may apply for the ICT Mark).
  case frameworkReachedStandard(commentaryComplete: Bool)
  /// Not every element is at the national standard any more; the ones below it.
  case frameworkFellBelowStandard(elementsBelowStandard: [String])

  /// The changes between two standings of one review.
  ///
  /// Changes come in a fixed order: element changes in framework order, then the level 2 rule,
  /// then the framework as a whole. A standing on a different framework version than `before`
  /// (a review migrated to a new version) is compared as if there were no `before`.
  ///
  /// - Parameters:
  ///   - before: The standing before the rating; `nil` for the first rating of a review, in
  ///     which case only what holds now is reported, as "reached" or "now holds".
  ///   - after: The standing after the rating.
  /// - Returns: The changes; empty when nothing the Charter counts has changed.
  public static func changes(from before: ReviewStanding?, to after: ReviewStanding)
    -> [StandingChange]
  {
    let before = before?.frameworkId == after.frameworkId ? before : nil
    let wasAtStandard = Set(before?.elementsAtStandard ?? [])
    var changes: [StandingChange] = []
    for element in after.elements {
      let was = wasAtStandard.contains(element.elementId)
      if element.atNationalStandard && !was {
        changes.append(.elementReachedStandard(elementId: element.elementId))
      } else if !element.atNationalStandard && was {
        changes.append(
          .elementFellBelowStandard(
            elementId: element.elementId, aspectsBelowThreshold: element.aspectsBelowThreshold))
      }
    }
    let ruleHeld = before?.level2RuleHolds ?? false
    if after.level2RuleHolds && !ruleHeld {
      let atStandard = after.elements.filter(\.atNationalStandard)
      changes.append(
        .level2RuleNowHolds(
          elementsAtStandard: atStandard.map(\.elementId),
          commentaryComplete: atStandard.allSatisfy(\.commentaryComplete)))
    } else if !after.level2RuleHolds && ruleHeld {
      changes.append(.level2RuleNoLongerHolds(elementsAtStandard: after.elementsAtStandard))
    }
    let frameworkWas = before?.atNationalStandard ?? false
    if after.atNationalStandard && !frameworkWas {
      changes.append(.frameworkReachedStandard(commentaryComplete: after.commentaryComplete))
    } else if !after.atNationalStandard && frameworkWas {
      changes.append(
        .frameworkFellBelowStandard(elementsBelowStandard: after.elementsBelowStandard))
    }
    return changes
  }
}
