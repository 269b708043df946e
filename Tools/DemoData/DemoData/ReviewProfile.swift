/// How far a demo school has got with its ICT self-review.
///
/// The demo CSV only says how far; the self-review service turns each profile into concrete,
/// varied aspect ratings when it loads the demo data. Keeping the profile coarse here means the
/// generator does not need to know the framework's aspects, and the self-review service stays
/// the one place that does.
public enum ReviewProfile: String, CaseIterable, Sendable, Hashable {
  /// No self-review at all; every school that has not committed to the Charter.
  case none
  /// A few aspects rated.
  case started
  /// Most aspects rated, some at the national standard: where most committed schools are.
  case partway
  /// Leadership and management plus two other elements at the national standard: enough for
  /// Charter level 2, "Recognised for ICT".
  case level2
  /// Every aspect at the national standard: ready to apply for the ICT Mark.
  case allAtStandard = "all-at-standard"
}
