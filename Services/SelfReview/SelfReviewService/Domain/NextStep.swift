/// What one aspect needs next: the next level up and what it asks for.
///
/// Schools worked from "action points to reach the next level"; GetNextSteps lists these, and
/// the action plan is built from them.
public struct NextStep: Sendable, Hashable {
  /// The aspect.
  public let aspectId: String
  /// The aspect's title.
  public let aspectTitle: String
  /// The element the aspect belongs to.
  public let elementId: String
  /// The current level; `nil` when not rated.
  public let currentLevel: Int?
  /// The next level towards the scale's best; the least developed level when not rated, `nil`
  /// when already at the best level.
  public let nextLevel: Int?
  /// What the next level asks for, for this aspect; `nil` when there is no next level.
  public let nextLevelDescriptor: String?
  /// The aspect's threshold level.
  public let thresholdLevel: Int
  /// Whether the current level already meets the threshold.
  public let meetsThreshold: Bool
}
