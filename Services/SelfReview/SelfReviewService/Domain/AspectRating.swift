/// A school's current rating of one aspect: the level it chose, why, and where the evidence is.
///
/// A review is a dictionary from aspect id to `AspectRating`; every derived predicate (aspect
/// met, element at the national standard, progress, the Charter level 2 rule) is computed from
/// that dictionary and never stored. Who rated and when are the service's business, not the
/// rules'.
public struct AspectRating: Sendable, Hashable {
  /// The level chosen on the framework's scale; `nil` while the aspect is not rated.
  public var level: Int?
  /// How the school meets the level, or where an assessor finds evidence.
  public var commentary: String
  /// Evidence the school points to.
  public var evidence: [EvidenceReference]

  /// A rating; `level` is `nil` for an aspect with commentary or evidence but no level yet.
  public init(level: Int?, commentary: String = "", evidence: [EvidenceReference] = []) {
    self.level = level
    self.commentary = commentary
    self.evidence = evidence
  }

  /// Whether the commentary says anything: blank or whitespace-only commentary counts as none,
  /// as it would for an assessor.
  public var hasCommentary: Bool { !commentary.isBlank }

  /// Whether the rating holds nothing at all: no level, no commentary, no evidence.
  public var isEmpty: Bool { level == nil && !hasCommentary && evidence.isEmpty }
}
