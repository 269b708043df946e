/// The rating scale of a framework, with the direction of "better" kept as data.
///
/// The Becta frameworks count down (level 1 is the most developed, 5 or 4 is "not yet started"),
/// while the NCCE Computing Quality Framework counts up (5 is best). Every comparison of levels
/// in the platform goes through this type so that no code assumes an orientation.
public struct LevelScale: Sendable, Hashable {
  /// How many levels there are; levels run from 1 to `count`.
  public let count: Int
  /// The most developed level: 1 for the Becta frameworks, `count` for inverted scales.
  public let best: Int
  /// What each level means in general, one per level in ascending level order.
  public let genericDescriptors: [LevelDescriptor]

  init(count: Int, best: Int, genericDescriptors: [LevelDescriptor]) {
    self.count = count
    self.best = best
    self.genericDescriptors = genericDescriptors
  }

  /// Every level of the scale, in ascending numeric order.
  public var levels: ClosedRange<Int> { 1...count }

  /// The least developed level: the other end of the scale from ``best``.
  public var worst: Int { best == 1 ? count : 1 }

  /// Every level from the least developed to the most developed.
  public var levelsFromWorstToBest: [Int] {
    best == 1 ? Array(levels.reversed()) : Array(levels)
  }

  /// Whether the level is on the scale.
  public func contains(_ level: Int) -> Bool {
    levels.contains(level)
  }

  /// What the level means in general.
  ///
  /// - Returns: The generic descriptor, or `nil` when the level is not on the scale.
  public func genericDescriptor(for level: Int) -> String? {
    genericDescriptors.first { $0.level == level }?.text
  }

  /// How many steps the level is above the least developed level (0 for ``worst``).
  ///
  /// - Precondition: The level is on the scale.
  public func stepsAboveWorst(_ level: Int) -> Int {
    precondition(contains(level), "level \(level) is not on the scale 1...\(count)")
    return best == 1 ? count - level : level - 1
  }

  /// Whether `level` is more developed than `other`.
  ///
  /// - Precondition: Both levels are on the scale.
  public func isBetter(_ level: Int, than other: Int) -> Bool {
    stepsAboveWorst(level) > stepsAboveWorst(other)
  }

  /// Whether `level` is at least as developed as `other`.
  ///
  /// - Precondition: Both levels are on the scale.
  public func isAtLeast(_ level: Int, asGoodAs other: Int) -> Bool {
    stepsAboveWorst(level) >= stepsAboveWorst(other)
  }

  /// Whether a rating meets a threshold: the level is set, on the scale, and at least as
  /// developed as the threshold.
  ///
  /// - Parameters:
  ///   - level: The rated level; `nil` when the aspect is not rated.
  ///   - threshold: The threshold level, on the scale.
  /// - Returns: `false` for an unrated aspect or a level that is not on the scale.
  public func meets(level: Int?, threshold: Int) -> Bool {
    guard let level, contains(level), contains(threshold) else { return false }
    return isAtLeast(level, asGoodAs: threshold)
  }

  /// The next level towards ``best``.
  ///
  /// - Parameter level: The current level; `nil` when the aspect is not rated.
  /// - Returns: ``worst`` for an unrated aspect (the first rung of the ladder), the adjacent
  ///   more developed level otherwise, and `nil` at ``best`` or for a level not on the scale.
  public func nextLevelUp(from level: Int?) -> Int? {
    guard let level else { return worst }
    guard contains(level), level != best else { return nil }
    return best == 1 ? level - 1 : level + 1
  }

  /// The least developed of some levels.
  ///
  /// - Returns: The weakest level on the scale among `levels`, or `nil` when none is on it.
  public func weakest(of levels: some Sequence<Int>) -> Int? {
    levels.filter(contains).min { stepsAboveWorst($0) < stepsAboveWorst($1) }
  }
}
