/// Where one aspect of a review stands against its ICT Mark threshold.
///
/// The per-aspect line of GetReviewStatus: the dashboard shows it next to the aspect, and the
/// element and framework standings are built from it.
public struct AspectStanding: Sendable, Hashable {
  /// The aspect.
  public let aspectId: String
  /// The element the aspect belongs to.
  public let elementId: String
  /// The rated level; `nil` when not rated (a stored level off the scale also counts as not
  /// rated, so it can never meet a threshold by accident).
  public let level: Int?
  /// The aspect's threshold level.
  public let thresholdLevel: Int
  /// Whether the level is set and at least as developed as the threshold.
  public let meetsThreshold: Bool
  /// Whether the rating has non-blank commentary.
  public let hasCommentary: Bool

  /// Whether the aspect has a level.
  public var isRated: Bool { level != nil }

  /// Whether the aspect counts towards progress: rated and with commentary (the 360 degree
  /// safe / CQF progress rule).
  public var isComplete: Bool { isRated && hasCommentary }
}
