extension FrameworkVersion {
  /// Checks a rating a school wants to record (RateAspect) against this version and the limits.
  ///
  /// Checks run in request-field order and the first failure is reported: the aspect, the
  /// level (which must be set and on the scale), the commentary length, then the evidence list
  /// (count, and per reference a non-blank title and bounded fields).
  ///
  /// - Parameters:
  ///   - rating: The rating as requested.
  ///   - aspectId: The aspect being rated.
  ///   - limits: The size limits; ``RatingLimits/standard`` unless a test says otherwise.
  /// - Returns: The aspect rated.
  /// - Throws: ``SelfReviewRuleError`` (reported as `INVALID_ARGUMENT`).
  @discardableResult
  public func validate(
    _ rating: AspectRating,
    forAspect aspectId: String,
    limits: RatingLimits = .standard
  ) throws(SelfReviewRuleError) -> Aspect {
    guard let aspect = aspect(id: aspectId) else {
      throw .unknownAspect(aspectId: aspectId, frameworkId: id)
    }
    guard let level = rating.level else { throw .missingLevel(aspectId: aspectId) }
    guard scale.contains(level) else {
      throw .levelOutsideScale(aspectId: aspectId, level: level, levels: scale.levels)
    }
    let commentaryLength = rating.commentary.unicodeScalars.count
    guard commentaryLength <= limits.maxCommentaryLength else {
      throw .commentaryTooLong(length: commentaryLength, limit: limits.maxCommentaryLength)
    }
    guard rating.evidence.count <= limits.maxEvidenceCount else {
      throw .tooManyEvidenceReferences(
        count: rating.evidence.count, limit: limits.maxEvidenceCount)
    }
    for (index, reference) in rating.evidence.enumerated() {
      guard !reference.title.isBlank else { throw .evidenceTitleMissing(index: index) }
      let fields: [(SelfReviewRuleError.EvidenceField, String, Int)] = [
        (.title, reference.title, limits.maxEvidenceTitleLength),
        (.location, reference.location, limits.maxEvidenceLocationLength),
        (.note, reference.note, limits.maxEvidenceNoteLength),
      ]
      for (field, text, limit) in fields {
        let length = text.unicodeScalars.count
        guard length <= limit else {
          throw .evidenceFieldTooLong(index: index, field: field, length: length, limit: limit)
        }
      }
    }
    return aspect
  }
}
