/// Whether a lead assessor moderates an assessment, and why (CHARTER-DOMAIN.md §3): an
/// assessor's first assessment always is, their tenth is their quality review, and otherwise
/// the programme moderates a sample.
public enum ModerationReason: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// The assessor's first assessment.
  case firstAssessment = 1
  /// The assessor's tenth assessment: their quality review.
  case qualityReview = 2
  /// Chosen by the programme's sample.
  case sample = 3

  public var description: String {
    switch self {
    case .firstAssessment: "the assessor's first assessment"
    case .qualityReview: "the assessor's tenth assessment (quality review)"
    case .sample: "the moderation sample"
    }
  }
}

/// Decides moderation when an assessor is allocated.
public enum ModerationPlan {
  /// The assessment number that gets a quality review.
  public static let qualityReviewAssessment = 10

  /// Why the assessment will be moderated, or `nil` when it will not.
  ///
  /// - Parameters:
  ///   - assessmentNumber: Which of the assessor's assessments this is (1 for their first):
  ///     those completed, plus those in hand, plus this one.
  ///   - applicationID: The application; the sample is a fixed function of it, so the
  ///     decision is the same however often it is asked.
  ///   - sampleRate: The share of other assessments moderated, 0...1.
  public static func reason(assessmentNumber: Int, applicationID: String, sampleRate: Double) -> ModerationReason? {
    if assessmentNumber <= 1 { return .firstAssessment }
    if assessmentNumber == qualityReviewAssessment { return .qualityReview }
    return sampleFraction(applicationID) < sampleRate ? .sample : nil
  }

  /// A number in 0..<1 spread evenly over application ids: FNV-1a, then SplitMix64's
  /// finaliser, whose high bits are well mixed even for ids that differ in one character.
  static func sampleFraction(_ id: String) -> Double {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in id.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    hash = (hash ^ (hash >> 30)) &* 0xbf58_476d_1ce4_e5b9
    hash = (hash ^ (hash >> 27)) &* 0x94d0_49bb_1331_11eb
    hash ^= hash >> 31
    return Double(hash >> 11) / Double(UInt64(1) << 53)
  }
}
