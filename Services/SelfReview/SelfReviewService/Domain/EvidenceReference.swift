/// Evidence a school points to for a rating, so an ICT Mark assessor knows where to look.
///
/// The ICT Mark asked schools to say, for every aspect, how they meet the level or where the
/// assessor will find evidence: plans, minutes, observations, pupils' work. The platform stores
/// references to such evidence, not the evidence itself.
public struct EvidenceReference: Sendable, Hashable {
  /// What the evidence is, e.g. "Governors' minutes, March 2009".
  public var title: String
  /// Where to find it: a URI, or a place in school ("ICT lead's office, file 3").
  public var location: String
  /// Anything the assessor should know about it.
  public var note: String

  /// A reference; only the title is required.
  public init(title: String, location: String = "", note: String = "") {
    self.title = title
    self.location = location
    self.note = note
  }
}
