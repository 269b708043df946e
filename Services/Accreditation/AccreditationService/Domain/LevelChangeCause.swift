public import CharterValues

/// The event behind a level change, as the history records it: another service's feed event
/// (by feed and sequence), one of this service's own decisions, or the clock passing a date.
public struct LevelChangeCause: Sendable, Hashable {
  /// Where the cause came from.
  public enum Source: String, Sendable, Hashable {
    case registry
    case selfReview = "self-review"
    case evaluation
    case accreditation
    case clock
  }

  public var source: Source
  /// The feed's name for the event (`school_committed`, `mark_awarded`), or what ran out
  /// (`recognition_lapsed`, `mark_expired`) for the clock.
  public var eventType: String
  /// The event's sequence in its feed; 0 for the clock.
  public var sequence: Int64
  /// The recognition, Mark or entry concerned, when there is one.
  public var subjectID: String

  public init(source: Source, eventType: String, sequence: Int64 = 0, subjectID: String = "") {
    self.source = source
    self.eventType = eventType
    self.sequence = sequence
    self.subjectID = subjectID
  }

  /// The cause when time alone changes a level: what the old level rested on ran out. Level 4
  /// usually ends with the ICT Mark it needs; `facts` at `time` tell which.
  public static func clock(endingOf basis: LevelBasis, facts: CharterFacts? = nil, at time: UTCTime? = nil)
    -> LevelChangeCause
  {
    switch basis {
    case .recognised(let id): return LevelChangeCause(source: .clock, eventType: "recognition_lapsed", subjectID: id)
    case .ictMark(let award): return LevelChangeCause(source: .clock, eventType: "mark_expired", subjectID: award)
    case .excellence(let entry, _, _):
      if let facts, let time, facts.validMark(at: time) == nil,
        let mark = facts.marks.filter({ $0.end <= time }).max(by: { $0.end < $1.end })
      {
        return LevelChangeCause(source: .clock, eventType: "mark_expired", subjectID: mark.awardID)
      }
      return LevelChangeCause(source: .clock, eventType: "excellence_lapsed", subjectID: entry)
    default: return LevelChangeCause(source: .clock, eventType: "date_reached")
    }
  }
}

/// Why a level changed, in the words the history shows: what began when the level rose, what
/// ended (and where the school falls back to) when it fell.
public enum LevelChange {
  public static func reason(from old: LevelDecision, to new: LevelDecision, cause: LevelChangeCause) -> String {
    if new.level == .withdrawn { return "Withdrawn from the Charter; the history is kept" }
    if new.level > old.level || old.level == .withdrawn {
      switch new.basis {
      case .excellence(_, let year, let result):
        return "ICT Excellence Award \(year): \(result.title.lowercased())"
      case .ictMark: return "ICT Mark awarded"
      case .recognised: return "Recognised for ICT: the referee confirmed and the programme approved"
      case .committed:
        return cause.eventType == "programme_status_changed"
          ? "Committed to ICT: the commitment counts now the programme is open again" : "Committed to ICT"
      case .withdrawn, .notCommitted: return "Registered"
      }
    }
    let ended: String
    switch old.basis {
    case .excellence(_, let year, _):
      ended =
        cause.eventType == "excellence_lapsed"
        ? "The Excellence Award \(year) no longer counts towards level 4"
        : "ICT Mark expired; the ICT Excellence Award \(year) stays in the history"
    case .ictMark:
      ended = cause.source == .evaluation ? "ICT Mark expired without renewal" : "ICT Mark expired"
    case .recognised:
      ended =
        cause.eventType == "spot_check_recorded"
        ? "Recognition revoked after a spot-check audit" : "Recognised status lapsed after three years"
    case .committed:
      ended = "Commitment no longer counts"
    case .withdrawn, .notCommitted:
      ended = "Changed"
    }
    return "\(ended): back to \(new.level.title)"
  }
}
