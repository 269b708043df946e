/// How a school is assessed for the ICT Mark (CHARTER-DOMAIN.md §3): what decides whether
/// there is a visit, whether a recommender is needed, and which fee applies.
public enum ApplicationRoute: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// First assessment, per-aspect commentary, a half-day visit.
  case standard = 1
  /// Strand-level commentary, needs a recommender unless renewing; the same visit.
  case streamlined = 2
  /// Renewal with a full half-day visit.
  case renewalWithVisit = 3
  /// Renewal by desk review; only after an award that had a visit.
  case renewalWithoutVisit = 4

  /// Whether the assessment includes a visit (else the assessor carries out a desk review).
  public var includesVisit: Bool { self != .renewalWithoutVisit }

  /// Whether the route renews a previous award (and so needs one).
  public var isRenewal: Bool { self == .renewalWithVisit || self == .renewalWithoutVisit }

  public var description: String {
    switch self {
    case .standard: "standard"
    case .streamlined: "streamlined"
    case .renewalWithVisit: "renewal with visit"
    case .renewalWithoutVisit: "renewal without visit"
    }
  }
}
