public import Contracts

/// The school-size band an ICT Mark fee is set by (CHARTER-DOMAIN.md §3, the 2011 fee table).
public enum SizeBand: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// Primary, nursery, special, PRU or middle school with fewer than 100 pupils.
  case smallPrimary = 1
  /// The same with 100 pupils or more.
  case largePrimary = 2
  /// Secondary school.
  case secondary = 3
  /// All-through schools and multi-site federations: price on application.
  case allThroughOrFederation = 4

  /// The pupils a primary needs to be a larger primary.
  public static let largePrimaryRoll = 100

  /// The band of a school from its phase and number on roll, as the registry records them.
  ///
  /// Early-years, special and pupil-referral schools are banded with primaries (the fee notes
  /// say so); middle schools are banded with primaries too, by roll (a proposal: the notes are
  /// silent, and most English middle schools were deemed primary); all-through schools are
  /// priced on application.
  public init(phase: Common.SchoolPhase, numberOnRoll: Int) {
    switch phase {
    case .secondary: self = .secondary
    case .allThrough: self = .allThroughOrFederation
    default: self = numberOnRoll < Self.largePrimaryRoll ? .smallPrimary : .largePrimary
    }
  }

  public var description: String {
    switch self {
    case .smallPrimary: "small primary (under 100 pupils)"
    case .largePrimary: "primary (100 pupils or more)"
    case .secondary: "secondary"
    case .allThroughOrFederation: "all-through or federation"
    }
  }
}
