public import CharterValues

/// The Charter's level rule (CHARTER-DOMAIN.md §7.2), as a pure function of a school's facts
/// and an instant: the highest level whose conditions hold then.
///
/// - Withdrawn from the register: withdrawn, whatever else holds (the history is kept).
/// - Level 4: an award result at or above the cycle's threshold, while the school holds a
///   current ICT Mark (or, for a cycle that did not require one, for a fixed period).
/// - Level 3: a current ICT Mark.
/// - Level 2: an approved recognition, for three years or until an ICT Mark.
/// - Level 1: a commitment made while the programme was open.
///
/// Falling back when something lapses is not a separate rule: at the later instant the lost
/// level's condition no longer holds, and the highest level still valid is what remains. An
/// Excellence Award's badge stays in the school's history, year-stamped.
public enum CharterLevelRule {
  /// The school's level at `time`.
  public static func decide(_ facts: CharterFacts, at time: UTCTime, rules: AccreditationRules = .init())
    -> LevelDecision
  {
    if let withdrawnAt = facts.withdrawnAt, withdrawnAt <= time {
      return LevelDecision(level: .withdrawn, basis: .withdrawn)
    }
    let mark = facts.validMark(at: time)
    let counting = facts.badges.compactMap { badge -> (CharterFacts.Badge, UTCTime?)? in
      guard badge.meetsThreshold, badge.recordedAt <= time else { return nil }
      if badge.requiresMark {
        guard let mark else { return nil }
        return (badge, mark.end)
      }
      let end = badge.recordedAt.adding(years: rules.excellenceWithoutMarkYears)
      return time < end ? (badge, end) : nil
    }
    if let (badge, end) = counting.max(by: { ($0.0.result.rank, $0.0.year) < ($1.0.result.rank, $1.0.year) }) {
      return LevelDecision(
        level: .excellence, basis: .excellence(entryID: badge.entryID, year: badge.year, result: badge.result),
        expiresAt: end)
    }
    if let mark {
      return LevelDecision(level: .ictMark, basis: .ictMark(awardID: mark.awardID), expiresAt: mark.end)
    }
    if let recognition = facts.recognition, recognitionInForce(recognition, facts, at: time) {
      return LevelDecision(
        level: .recognised, basis: .recognised(recognitionID: recognition.id), expiresAt: recognition.expiresAt)
    }
    if facts.commitmentCounts(at: time) {
      return LevelDecision(level: .committed, basis: .committed)
    }
    return .notCommitted
  }

  /// Whether a recognition holds at `time`: approved by then, not yet three years old, and no
  /// ICT Mark awarded since (the Mark ends it).
  static func recognitionInForce(_ recognition: CharterFacts.Recognition, _ facts: CharterFacts, at time: UTCTime)
    -> Bool
  {
    guard recognition.recognisedAt <= time, time < recognition.expiresAt else { return false }
    return !facts.marks.contains { $0.awardedAt >= recognition.recognisedAt && $0.awardedAt <= time }
  }

  /// The first instant after `time` at which ``decide(_:at:rules:)`` may answer differently
  /// (a validity ends, a dated fact starts); `nil` when nothing dated lies ahead.
  public static func nextChange(_ facts: CharterFacts, after time: UTCTime, rules: AccreditationRules = .init())
    -> UTCTime?
  {
    var instants: [UTCTime] = []
    if let withdrawnAt = facts.withdrawnAt { instants.append(withdrawnAt) }
    if let committedAt = facts.committedAt { instants.append(committedAt) }
    if let recognition = facts.recognition {
      instants += [recognition.recognisedAt, recognition.expiresAt]
    }
    for mark in facts.marks { instants += [mark.awardedAt, mark.end] }
    for badge in facts.badges where badge.meetsThreshold {
      instants.append(badge.recordedAt)
      if !badge.requiresMark { instants.append(badge.recordedAt.adding(years: rules.excellenceWithoutMarkYears)) }
    }
    return instants.filter { $0 > time }.min()
  }
}
