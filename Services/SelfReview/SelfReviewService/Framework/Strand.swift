/// A group of aspects within an element, e.g. "1a ICT and the school vision".
///
/// Strands only organise the framework (schools rate aspects, not strands), but the ICT Mark
/// accepted commentary written per strand and schools navigate the tool by strand.
public struct Strand: Sendable, Hashable, Identifiable {
  /// Id unique within the framework version, e.g. "1a".
  public let id: String
  /// Title shown to schools.
  public let title: String
  /// Where the title comes from.
  public let source: ContentSource
  /// The aspects, in framework order.
  public let aspects: [Aspect]
}
