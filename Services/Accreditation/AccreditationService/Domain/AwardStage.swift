/// The stages of one year's Excellence Award cycle, in order: entries open, the deadline
/// passes, judges shortlist, visit the shortlisted schools, decide, and publish.
public enum AwardStage: Int, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
  case open = 1
  case closed = 2
  case shortlisting = 3
  case judgeVisits = 4
  case results = 5
  case published = 6

  public static func < (lhs: AwardStage, rhs: AwardStage) -> Bool { lhs.rawValue < rhs.rawValue }

  /// The stage after this one; `nil` once published.
  public var next: AwardStage? { AwardStage(rawValue: rawValue + 1) }

  /// Whether a cycle may move from this stage to `target`: to the next stage only (asking for
  /// the current one is answered as a no-op before this is asked).
  public func mayAdvance(to target: AwardStage) -> Bool { next == target }

  /// Whether entries are taken.
  public var takesEntries: Bool { self == .open }

  /// Whether `result` may be recorded at this stage: shortlisting decisions from
  /// shortlisting on, placings once the judges decide; nothing after publication; "entrant"
  /// is what entering records, never a result to set.
  public func allows(_ result: AwardResult) -> Bool {
    switch result {
    case .entrant: false
    case .shortlisted, .notShortlisted: self >= .shortlisting && self <= .results
    case .highlyCommended, .runnerUp, .winner: self == .results
    }
  }

  public var description: String {
    switch self {
    case .open: "open"
    case .closed: "closed"
    case .shortlisting: "shortlisting"
    case .judgeVisits: "judge visits"
    case .results: "results"
    case .published: "published"
    }
  }
}
