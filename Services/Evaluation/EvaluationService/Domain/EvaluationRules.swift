/// The programme's settings for ICT Mark assessments: the Mark's terms, how long an assessor's
/// conference attendance counts, and how many other assessments are moderated. Defaults are
/// the domain notes' figures; `charter-evaluation` takes flags for the configurable ones.
public struct EvaluationRules: Sendable, Hashable {
  /// Validity, renewal notice and late-renewal window.
  public var markTerms = MarkTerms()
  /// Months an assessor conference counts for. Default 12.
  public var conferenceValidityMonths = 12
  /// The share of assessments that are neither an assessor's first nor tenth and are still
  /// moderated, 0...1. Default 0.1.
  public var moderationSampleRate = 0.1
  /// Demo-load mode: a call may name, in the `charter-demo-as-of` metadata, an earlier instant
  /// it is taken to happen at, so the demo loader lays down years of applications and Marks
  /// through the ordinary RPCs and rules. Off unless `charter-evaluation --demo-backdating`;
  /// never for a real deployment.
  public var demoBackdating = false

  public init(
    markTerms: MarkTerms = MarkTerms(), conferenceValidityMonths: Int = 12, moderationSampleRate: Double = 0.1,
    demoBackdating: Bool = false
  ) {
    self.markTerms = markTerms
    self.conferenceValidityMonths = conferenceValidityMonths
    self.moderationSampleRate = moderationSampleRate
    self.demoBackdating = demoBackdating
  }
}
