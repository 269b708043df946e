public import RPCCore

/// A request the Charter's rules refuse in the state things are in (not a malformed field,
/// which is ``InvalidField``): named so the caller knows what must change first. Each maps to
/// one gRPC status, once, at the edge.
public enum AccreditationRuleError: Error, Sendable, Hashable, RPCErrorConvertible, CustomStringConvertible {
  case notCommitted(urn: String)
  case schoolWithdrawn(urn: String)
  case level2RuleDoesNotHold(urn: String)
  /// The school is already at `level` (2 or above).
  case alreadyAtLevel(urn: String, level: CharterLevel)
  case programmeClosed(String)
  case recognitionNotAt(RecognitionStage, expected: RecognitionStage)
  case spotCheckNotSelected(recognitionID: String)
  case spotCheckAlreadyRecorded(recognitionID: String)
  case recognitionNeverApproved(recognitionID: String)
  case cycleNotOpen(year: Int, stage: AwardStage)
  case cycleCannotMove(year: Int, from: AwardStage, to: AwardStage)
  case resultNotAllowed(AwardResult, stage: AwardStage)
  case ictMarkRequired(urn: String, year: Int)

  public var rpcErrorCode: Status.Code { .failedPrecondition }

  public var rpcErrorMessage: String { description }

  public var description: String {
    switch self {
    case .notCommitted(let urn): "school \(urn) has not committed to the Charter (or committed while it was closed)"
    case .schoolWithdrawn(let urn): "school \(urn) has withdrawn from the Charter"
    case .level2RuleDoesNotHold(let urn):
      "school \(urn)'s self-review does not meet the level 2 rule (leadership and management plus two other elements at the national standard)"
    case .alreadyAtLevel(let urn, let level): "school \(urn) is already at \(level.title) (level \(level.rawValue))"
    case .programmeClosed(let what): "the programme is closed to \(what)"
    case .recognitionNotAt(let stage, let expected): "the request is \(stage), not \(expected)"
    case .spotCheckNotSelected(let id): "recognition \(id) was not selected for a spot-check audit"
    case .spotCheckAlreadyRecorded(let id): "the spot-check audit of recognition \(id) is already recorded"
    case .recognitionNeverApproved(let id): "recognition \(id) was never approved"
    case .cycleNotOpen(let year, let stage): "the \(year) award cycle is \(stage), not open for entries"
    case .cycleCannotMove(let year, let from, let to):
      "the \(year) award cycle is at \(from); it can move to \(from.next.map { "\($0)" } ?? "no further stage"), not to \(to)"
    case .resultNotAllowed(let result, let stage):
      "\(result.title.lowercased()) cannot be recorded while the cycle is at \(stage)"
    case .ictMarkRequired(let urn, let year):
      "the \(year) cycle requires a current ICT Mark, which school \(urn) does not hold"
    }
  }
}
