/// How one old aspect carries over to the newer version.
///
/// Aspects were merged, split and dropped between framework editions, so the mapping is kept
/// per aspect: an entry with several targets copies the rating to each, several entries with
/// one target are merged (see ``FrameworkMapping/migrate(_:)``), and no target drops it.
public struct AspectMapping: Sendable, Hashable {
  /// The aspect in the old version.
  public let fromAspectId: String
  /// The aspects in the new version that take its rating; empty when it has no successor.
  public let toAspectIds: [String]
}
