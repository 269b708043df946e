/// What one level of a scale means, in words.
///
/// Used both for a scale's generic meanings ("an agreed strategy is in place") and for what a
/// level looks like for one aspect, which is what a school reads when it chooses its level.
public struct LevelDescriptor: Sendable, Hashable {
  /// The level on the framework's scale.
  public let level: Int
  /// The description of that level.
  public let text: String
}
