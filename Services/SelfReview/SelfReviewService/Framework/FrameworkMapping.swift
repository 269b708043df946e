/// How ratings carry over from one framework version to a newer one.
///
/// When Becta replaced the eight-element framework on 18 June 2010 it moved every school's
/// ratings onto the six-element revision overnight. The mapping says, aspect by aspect, which
/// new aspects take an old aspect's rating, and how each old level converts to the new scale.
/// Values are only made by validating a mapping file against the two loaded versions (see
/// ``FrameworkCatalog``), so every aspect id it names exists, every old aspect is mentioned,
/// and every level of the old scale converts to a level of the new one.
public struct FrameworkMapping: Sendable, Hashable {
  /// The old framework version.
  public let fromFrameworkId: String
  /// The new framework version.
  public let toFrameworkId: String
  /// One entry per aspect of the old version, in the order of the data file.
  public let aspectMappings: [AspectMapping]
  /// One entry per level of the old scale, in ascending old level.
  public let levelConversions: [LevelConversion]
  /// Where the aspect correspondences come from.
  public let aspectSource: ContentSource
  /// Where the level conversion comes from.
  public let levelConversionSource: ContentSource
  /// Notes on where the mapping comes from, for the admin UI.
  public let provenance: [String]
  /// The new version's scale, to pick the weakest of several converted levels.
  let targetScale: LevelScale

  /// The new aspects that take an old aspect's rating.
  ///
  /// - Returns: The new aspect ids (empty when the old aspect has no successor), or `nil` when
  ///   the id is not an aspect of the old version.
  public func successors(of fromAspectId: String) -> [String]? {
    aspectMappings.first { $0.fromAspectId == fromAspectId }?.toAspectIds
  }

  /// The level on the new scale that an old level becomes.
  ///
  /// - Returns: The converted level, or `nil` when `level` is not on the old scale.
  public func convert(level: Int) -> Int? {
    levelConversions.first { $0.fromLevel == level }?.toLevel
  }
}
