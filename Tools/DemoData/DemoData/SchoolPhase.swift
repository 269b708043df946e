/// The phase of education a school provides, as the Department for Education groups schools.
///
/// It exists because almost everything realistic about a demo school follows from its phase: how
/// many of them there are, how large they are, and what they are called. The raw values are the
/// names used in the demo CSV.
public enum SchoolPhase: String, CaseIterable, Sendable, Hashable {
  /// A maintained nursery school (ages 2–5).
  case nursery
  /// A primary, infant, junior or first school.
  case primary
  /// A middle school, in the local authorities that kept a three-tier system.
  case middle
  /// A secondary, high or upper school, or a secondary academy.
  case secondary
  /// One school taking pupils from primary age to 16 or 18.
  case allThrough = "all-through"
  /// A special school for pupils with special educational needs.
  case special
  /// A pupil referral unit (short stay school) for pupils out of mainstream education.
  case pru

  /// About how many schools of this phase England had around 2010.
  ///
  /// The figures come from the Department for Education's school counts (16,884 primary and
  /// 3,446 state secondary schools in September 2011; 406 nursery and 1,326 special schools and
  /// PRUs in 2015/16), rounded. Only their proportions matter: ``SchoolGenerator`` divides any
  /// requested count between the phases in these proportions.
  public var englandCount: Int {
    switch self {
    case .nursery: 400
    case .primary: 16_800
    case .middle: 150
    case .secondary: 3_400
    case .allThrough: 150
    case .special: 1_000
    case .pru: 400
    }
  }
}
