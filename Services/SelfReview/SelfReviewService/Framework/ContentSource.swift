/// Where a piece of framework content comes from, so unverified text shows as such.
///
/// Becta's own framework documents went offline with Becta in 2011, and for the eight-element
/// edition no strand names, descriptors or thresholds survive. The platform still has to serve
/// a complete framework, so every title, descriptor set and threshold carries its provenance and
/// the admin UI can flag what is a reconstruction. Raw values are the spelling used in the
/// framework data files.
public enum ContentSource: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// Paraphrased from a published original.
  case verified
  /// Reconstructed from several sources.
  case inferred
  /// Written for this platform; a placeholder until an original is found.
  case synthesised
  /// A proposal with no source.
  case proposed

  public var description: String { rawValue }
}

extension ContentSource {
  /// Whether this source is less certain than `other`, in the order verified, inferred,
  /// synthesised, proposed.
  func isLessCertain(than other: ContentSource) -> Bool {
    certainty < other.certainty
  }

  private var certainty: Int {
    switch self {
    case .verified: 3
    case .inferred: 2
    case .synthesised: 1
    case .proposed: 0
    }
  }
}
