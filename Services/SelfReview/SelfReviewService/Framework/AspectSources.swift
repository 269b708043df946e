/// Where an aspect's title, descriptors and threshold each come from.
///
/// They are tagged separately because they were found (or not) separately: the 2010 framework's
/// thresholds are verified while most of its descriptors are written for the platform.
public struct AspectSources: Sendable, Hashable {
  /// Where the title comes from.
  public let title: ContentSource
  /// Where the level descriptors come from.
  public let descriptors: ContentSource
  /// Where the threshold level comes from.
  public let threshold: ContentSource
}
