public import CharterValues

/// Everything a school's Charter level depends on, as this service knows it from the registry
/// (commitment, withdrawal), evaluation (ICT Marks), its own decisions (recognition, award
/// results) and the programme switch. The level is never stored as a fact: it is what
/// ``CharterLevelRule`` derives from these at an instant.
public struct CharterFacts: Sendable, Hashable {
  /// An approved recognition (level 2) still in force: not lapsed, superseded or revoked.
  public struct Recognition: Sendable, Hashable {
    public var id: String
    public var recognisedAt: UTCTime
    public var expiresAt: UTCTime

    public init(id: String, recognisedAt: UTCTime, expiresAt: UTCTime) {
      self.id = id
      self.recognisedAt = recognisedAt
      self.expiresAt = expiresAt
    }
  }

  /// An ICT Mark evaluation awarded.
  public struct Mark: Sendable, Hashable {
    public var awardID: String
    public var awardedAt: UTCTime
    public var expiresAt: UTCTime
    /// When evaluation said it expired, if it did (possibly before `expiresAt`).
    public var expiredAt: UTCTime?

    public init(awardID: String, awardedAt: UTCTime, expiresAt: UTCTime, expiredAt: UTCTime? = nil) {
      self.awardID = awardID
      self.awardedAt = awardedAt
      self.expiresAt = expiresAt
      self.expiredAt = expiredAt
    }

    /// When it stops being valid: its expiry, or evaluation's word that it expired, if earlier.
    public var end: UTCTime { min(expiresAt, expiredAt ?? expiresAt) }

    /// Whether it is valid at `time`.
    public func isValid(at time: UTCTime) -> Bool { awardedAt <= time && time < end }
  }

  /// An Excellence Award entry with its result so far.
  public struct Badge: Sendable, Hashable {
    public var entryID: String
    public var year: Int
    public var result: AwardResult
    /// The cycle's level 4 threshold.
    public var threshold: AwardResult
    /// Whether the cycle required a current ICT Mark (then level 4 lasts as long as the Mark).
    public var requiresMark: Bool
    /// When the result (or the entry, for "entrant") was recorded.
    public var recordedAt: UTCTime
    public var categoryTitle: String

    public init(
      entryID: String, year: Int, result: AwardResult, threshold: AwardResult, requiresMark: Bool,
      recordedAt: UTCTime, categoryTitle: String = ""
    ) {
      self.entryID = entryID
      self.year = year
      self.result = result
      self.threshold = threshold
      self.requiresMark = requiresMark
      self.recordedAt = recordedAt
      self.categoryTitle = categoryTitle
    }

    /// Whether its result meets the cycle's level 4 threshold.
    public var meetsThreshold: Bool { result.meets(threshold) }
  }

  /// When the school committed, as the registry says; `nil` while not committed.
  public var committedAt: UTCTime?
  /// When the school was withdrawn from the register.
  public var withdrawnAt: UTCTime?
  /// Since when the programme has been closed to new level 1 and 2 transitions; `nil` while
  /// open.
  public var programmeClosedAt: UTCTime?
  /// The recognition in force, if any.
  public var recognition: Recognition?
  /// Every ICT Mark awarded to the school.
  public var marks: [Mark]
  /// Every award entry of the school.
  public var badges: [Badge]

  public init(
    committedAt: UTCTime? = nil, withdrawnAt: UTCTime? = nil, programmeClosedAt: UTCTime? = nil,
    recognition: Recognition? = nil, marks: [Mark] = [], badges: [Badge] = []
  ) {
    self.committedAt = committedAt
    self.withdrawnAt = withdrawnAt
    self.programmeClosedAt = programmeClosedAt
    self.recognition = recognition
    self.marks = marks
    self.badges = badges
  }

  /// Whether the commitment counts at `time`: made by then, and before the programme closed
  /// (a commitment made while it is closed counts once it opens again).
  public func commitmentCounts(at time: UTCTime) -> Bool {
    guard let committedAt, committedAt <= time else { return false }
    guard let programmeClosedAt else { return true }
    return committedAt < programmeClosedAt
  }

  /// The valid Mark lasting longest at `time`.
  public func validMark(at time: UTCTime) -> Mark? {
    marks.filter { $0.isValid(at: time) }.max { $0.end < $1.end }
  }

  /// When the school first held an ICT Mark, if it has by `time`: what fulfils its commitment.
  public func firstMarkAwarded(by time: UTCTime) -> UTCTime? {
    marks.map(\.awardedAt).filter { $0 <= time }.min()
  }
}
