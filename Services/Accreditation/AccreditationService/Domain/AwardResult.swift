/// How far a school's Excellence Award entry got. The rank orders results for the level 4
/// rule ("shortlisted or better"); an entry that was not shortlisted still was an accepted
/// entry, so it ranks with one only entered.
public enum AwardResult: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  case entrant = 1
  case shortlisted = 2
  case notShortlisted = 3
  case highlyCommended = 4
  case runnerUp = 5
  case winner = 6

  /// Higher is better: entrant and not shortlisted 1, shortlisted 2, highly commended 3,
  /// runner-up 4, winner 5.
  public var rank: Int {
    switch self {
    case .entrant, .notShortlisted: 1
    case .shortlisted: 2
    case .highlyCommended: 3
    case .runnerUp: 4
    case .winner: 5
    }
  }

  /// Whether this result meets a cycle's level 4 threshold.
  public func meets(_ minimum: AwardResult) -> Bool { rank >= minimum.rank }

  /// The results a cycle may name as its level 4 threshold (never "not shortlisted").
  public static let level4Thresholds: [AwardResult] = [.entrant, .shortlisted, .highlyCommended, .runnerUp, .winner]

  /// The threshold when a cycle names none.
  public static let defaultLevel4Threshold = AwardResult.shortlisted

  /// As printed on a certificate.
  public var title: String {
    switch self {
    case .entrant: "Entrant"
    case .shortlisted: "Shortlisted"
    case .notShortlisted: "Entrant"
    case .highlyCommended: "Highly commended"
    case .runnerUp: "Runner-up"
    case .winner: "Winner"
    }
  }

  public var description: String { title }
}
