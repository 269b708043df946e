/// How much a school may write into one rating.
///
/// Ratings come from a public gateway and end up in the database, in events and in every
/// GetReview response, so each field is bounded. Lengths count Unicode scalars: the count is the
/// same on every platform and Unicode version, and bounds the stored size (at most four UTF-8
/// bytes each).
public struct RatingLimits: Sendable, Hashable {
  /// Longest commentary. Default 10,000: several pages, far more than the ICT Mark's
  /// per-aspect commentary needed.
  public var maxCommentaryLength: Int
  /// Most evidence references per rating. Default 50.
  public var maxEvidenceCount: Int
  /// Longest evidence title. Default 200.
  public var maxEvidenceTitleLength: Int
  /// Longest evidence location. Default 2,048, enough for a long URL.
  public var maxEvidenceLocationLength: Int
  /// Longest evidence note. Default 1,000.
  public var maxEvidenceNoteLength: Int

  /// Limits, each defaulting to the value documented on its property.
  public init(
    maxCommentaryLength: Int = 10_000,
    maxEvidenceCount: Int = 50,
    maxEvidenceTitleLength: Int = 200,
    maxEvidenceLocationLength: Int = 2_048,
    maxEvidenceNoteLength: Int = 1_000
  ) {
    self.maxCommentaryLength = maxCommentaryLength
    self.maxEvidenceCount = maxEvidenceCount
    self.maxEvidenceTitleLength = maxEvidenceTitleLength
    self.maxEvidenceLocationLength = maxEvidenceLocationLength
    self.maxEvidenceNoteLength = maxEvidenceNoteLength
  }

  /// The limits the service applies, with the defaults documented on each property.
  public static let standard = RatingLimits()
}
