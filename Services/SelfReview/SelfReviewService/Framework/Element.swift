/// A top-level area of the framework, e.g. "Leadership and management".
///
/// Elements are the unit the Charter and the ICT Mark count: an element is at the national
/// standard when every one of its aspects meets its threshold, and Charter level 2 asks for a
/// number of elements at the standard.
public struct Element: Sendable, Hashable, Identifiable {
  /// Id unique within the framework version, e.g. "E1".
  public let id: String
  /// Title shown to schools.
  public let title: String
  /// The partner organisation that wrote the element, if known (e.g. "NCSL").
  public let partner: String?
  /// The strands, in framework order.
  public let strands: [Strand]
  /// Every aspect of the element, in framework order (strand by strand); kept rather than
  /// derived, as the standing rules walk it on every rating.
  public let aspects: [Aspect]

  init(id: String, title: String, partner: String?, strands: [Strand]) {
    self.id = id
    self.title = title
    self.partner = partner
    self.strands = strands
    self.aspects = strands.flatMap(\.aspects)
  }
}
