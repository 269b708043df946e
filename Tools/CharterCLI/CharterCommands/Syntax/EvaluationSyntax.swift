public import Contracts

/// The words the `charter evaluation` commands use for the contract's enums (routes, states,
/// outcomes, bands, …): the lower-case, hyphenated end of each proto value name, so
/// `APPLICATION_ROUTE_RENEWAL_WITH_VISIT` is `renewal-with-visit`. Parsing also takes the full
/// proto name and `_` for `-`, in any case.
public enum EvaluationSyntax {
  public static let routes: [(Evaluation.ApplicationRoute, String)] = [
    (.standard, "standard"), (.streamlined, "streamlined"), (.renewalWithVisit, "renewal-with-visit"),
    (.renewalWithoutVisit, "renewal-without-visit"),
  ]
  public static let states: [(Evaluation.ApplicationState, String)] = [
    (.registered, "registered"), (.evidenceCheck, "evidence-check"), (.returnedToSchool, "returned-to-school"),
    (.assessorAllocated, "assessor-allocated"), (.preVisitReview, "pre-visit-review"),
    (.causeForConcern, "cause-for-concern"), (.visitScheduled, "visit-scheduled"), (.visitDone, "visit-done"),
    (.deskReviewDone, "desk-review-done"), (.moderation, "moderation"), (.referred, "referred"),
    (.notMet, "not-met"), (.awardApproved, "award-approved"), (.awarded, "awarded"), (.renewalDue, "renewal-due"),
    (.expired, "expired"), (.withdrawn, "withdrawn"), (.deferred, "deferred"), (.met, "met"), (.renewed, "renewed"),
  ]
  public static let outcomes: [(Evaluation.AssessmentOutcome, String)] = [
    (.met, "met"), (.notMet, "not-met"), (.referred, "referred"),
  ]
  public static let bands: [(Evaluation.SizeBand, String)] = [
    (.smallPrimary, "small-primary"), (.largePrimary, "large-primary"), (.secondary, "secondary"),
    (.allThroughOrFederation, "all-through-or-federation"),
  ]
  public static let recommenderKinds: [(Evaluation.RecommenderKind, String)] = [
    (.assessor, "assessor"), (.localAuthorityAdviser, "local-authority-adviser"), (.partner, "partner"),
  ]
  public static let resolutions: [(Evaluation.ConcernResolution, String)] = [
    (.evidenceAdded, "evidence-added"), (.deferred, "deferred"), (.withdrawn, "withdrawn"),
  ]
  public static let followUps: [(Evaluation.ReferralFollowUpKind, String)] = [
    (.evidence, "evidence"), (.revisit, "revisit"),
  ]

  /// The value a word names in `table`, or `nil`.
  public static func value<Value>(_ text: String, in table: [(Value, String)], prefix: String) -> Value? {
    var name = text.trimmingSpaces.lowercased().replacing("_", with: "-").replacing(" ", with: "-")
    if name.hasPrefix(prefix) { name.removeFirst(prefix.count) }
    return table.first { $0.1 == name }?.0
  }

  /// The word for a value in `table`; its proto name when it has none.
  public static func name<Value: Equatable & ContractEnum>(_ value: Value, in table: [(Value, String)]) -> String {
    table.first { $0.0 == value }?.1 ?? value.protoName
  }

  /// The words of a table, for help and errors: `a, b or c`.
  public static func names<Value>(_ table: [(Value, String)]) -> String {
    let names = table.map(\.1)
    return names.dropLast().joined(separator: ", ") + " or " + names.last!
  }

  public static func state(_ value: Evaluation.ApplicationState) -> String { name(value, in: states) }
  public static func route(_ value: Evaluation.ApplicationRoute) -> String { name(value, in: routes) }
  public static func outcome(_ value: Evaluation.AssessmentOutcome) -> String { name(value, in: outcomes) }
}
