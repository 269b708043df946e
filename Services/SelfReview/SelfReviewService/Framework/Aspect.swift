/// One thing a school rates itself on, e.g. "1a-1 The vision".
///
/// An aspect carries its own ICT Mark threshold and a descriptor for every level of the scale,
/// because what "level 2" asks for differs from one aspect to the next.
public struct Aspect: Sendable, Hashable, Identifiable {
  /// Id unique within the framework version, e.g. "1a-1".
  public let id: String
  /// Title shown to schools.
  public let title: String
  /// The ICT Mark threshold ("national standard"): the least developed level that still meets
  /// it. Always a level of the framework's scale.
  public let thresholdLevel: Int
  /// What each level means for this aspect: one per level of the scale, in ascending level
  /// order (not in order of development; see ``LevelScale/best``).
  public let descriptors: [LevelDescriptor]
  /// Where the title, the descriptors and the threshold come from.
  public let sources: AspectSources

  /// What the given level means for this aspect.
  ///
  /// - Parameter level: A level on the framework's scale.
  /// - Returns: The descriptor's text, or `nil` when the level is not on the scale.
  public func descriptor(for level: Int) -> String? {
    descriptors.first { $0.level == level }?.text
  }

  /// The provenance of the title and descriptors together, as one value: the less certain of
  /// the two (what the proto's single `Aspect.source` field reports).
  public var source: ContentSource {
    sources.title.isLessCertain(than: sources.descriptors) ? sources.title : sources.descriptors
  }
}
