/// What an assessor (or the moderating lead assessor, or a referral's follow-up) decides: the
/// three outcomes of the ICT Mark assessment and its moderation pro-forma.
public enum AssessmentOutcome: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// The threshold is met in every aspect.
  case met = 1
  /// The threshold is not met.
  case notMet = 2
  /// Close to the threshold: specific gaps to close by a deadline.
  case referred = 3

  /// The state the application goes to when this outcome stands.
  public var state: ApplicationState {
    switch self {
    case .met: .met
    case .notMet: .notMet
    case .referred: .referred
    }
  }

  public var description: String {
    switch self {
    case .met: "MET"
    case .notMet: "NOT_MET"
    case .referred: "REFERRED"
    }
  }
}
