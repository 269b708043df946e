/// How one level on the old scale converts to the new scale.
///
/// Scales differ between editions (five levels in 2006, four after 2010), so a level cannot be
/// copied as a number; the conversion is data, one entry per old level.
public struct LevelConversion: Sendable, Hashable {
  /// Level on the old scale.
  public let fromLevel: Int
  /// Level on the new scale.
  public let toLevel: Int
}
