public import CharterValues

/// What a school's level rests on: which fact put it there. Kept beside the level so that when
/// the level changes, the reason can say what ended ("ICT Mark expired") or what began.
public enum LevelBasis: Sendable, Hashable {
  case withdrawn
  case excellence(entryID: String, year: Int, result: AwardResult)
  case ictMark(awardID: String)
  case recognised(recognitionID: String)
  case committed
  case notCommitted

  /// A compact text form for the store: `kind` or `kind:detail…`.
  public var storageKey: String {
    switch self {
    case .withdrawn: "withdrawn"
    case .excellence(let entry, let year, let result): "excellence:\(entry):\(year):\(result.rawValue)"
    case .ictMark(let award): "mark:\(award)"
    case .recognised(let id): "recognised:\(id)"
    case .committed: "committed"
    case .notCommitted: "not-committed"
    }
  }

  /// The basis a ``storageKey`` names; `.notCommitted` for anything unreadable.
  public init(storageKey: String) {
    let parts = storageKey.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    switch parts.first {
    case "withdrawn": self = .withdrawn
    case "excellence" where parts.count == 4:
      self = .excellence(
        entryID: parts[1], year: Int(parts[2]) ?? 0, result: AwardResult(rawValue: Int(parts[3]) ?? 1) ?? .entrant)
    case "mark" where parts.count >= 2: self = .ictMark(awardID: parts.dropFirst().joined(separator: ":"))
    case "recognised" where parts.count >= 2:
      self = .recognised(recognitionID: parts.dropFirst().joined(separator: ":"))
    case "committed": self = .committed
    default: self = .notCommitted
    }
  }
}

/// A school's level at an instant, with its basis and when it lapses unless something is
/// renewed.
public struct LevelDecision: Sendable, Hashable {
  public var level: CharterLevel
  public var basis: LevelBasis
  /// When this level lapses on its own (recognition or Mark expiry); `nil` if it does not.
  public var expiresAt: UTCTime?

  public init(level: CharterLevel, basis: LevelBasis, expiresAt: UTCTime? = nil) {
    self.level = level
    self.basis = basis
    self.expiresAt = expiresAt
  }

  /// Where every school starts: known to the register, not committed.
  public static let notCommitted = LevelDecision(level: .notCommitted, basis: .notCommitted)
}
