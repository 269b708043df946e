/// Where a school stands on the Charter: the four levels, before them, and out of the
/// programme. The order of the cases is the order of the levels, so "the highest level still
/// valid" is a comparison.
public enum CharterLevel: Int, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
  /// Left the programme (withdrawn from the register); its history is kept.
  case withdrawn = -1
  /// Registered but not (or not yet counted as) committed.
  case notCommitted = 0
  /// Level 1, Committed to ICT.
  case committed = 1
  /// Level 2, Recognised for ICT.
  case recognised = 2
  /// Level 3, ICT Mark Accredited.
  case ictMark = 3
  /// Level 4, ICT Excellence Award.
  case excellence = 4

  public static func < (lhs: CharterLevel, rhs: CharterLevel) -> Bool { lhs.rawValue < rhs.rawValue }

  /// The level's name as the Charter printed it.
  public var title: String {
    switch self {
    case .withdrawn: "Withdrawn"
    case .notCommitted: "Not committed"
    case .committed: "Committed to ICT"
    case .recognised: "Recognised for ICT"
    case .ictMark: "ICT Mark Accredited"
    case .excellence: "ICT Excellence Award"
    }
  }

  public var description: String { title }
}
