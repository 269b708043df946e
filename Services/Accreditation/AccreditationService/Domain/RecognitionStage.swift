/// Where a school's request to be Recognised for ICT (level 2) is, and the only ways it may
/// move on (CHARTER-DOMAIN.md §7.2): the referee answers, the programme admin decides, and a
/// recognition then lapses after three years, ends with the ICT Mark, or is revoked by a
/// spot-check audit. A pending request closes when the level 2 rule stops holding, the
/// school withdraws, or it reaches the Mark first.
public enum RecognitionStage: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  case awaitingReferee = 1
  case awaitingDecision = 2
  case recognised = 3
  case rejected = 4
  case lapsed = 5
  case closed = 6
  case superseded = 7
  case revoked = 8

  /// Waiting for the referee or the admin.
  public var isPending: Bool { self == .awaitingReferee || self == .awaitingDecision }

  /// After the referee's answer: a confirmation goes to the admin, a refusal ends the request.
  /// - Throws: ``AccreditationRuleError/recognitionNotAt(_:expected:)`` unless waiting for the referee.
  public func answeredByReferee(confirmed: Bool) throws(AccreditationRuleError) -> RecognitionStage {
    guard self == .awaitingReferee else { throw .recognitionNotAt(self, expected: .awaitingReferee) }
    return confirmed ? .awaitingDecision : .rejected
  }

  /// After the programme admin's decision.
  /// - Throws: ``AccreditationRuleError/recognitionNotAt(_:expected:)`` unless the referee has confirmed.
  public func decided(approve: Bool) throws(AccreditationRuleError) -> RecognitionStage {
    guard self == .awaitingDecision else { throw .recognitionNotAt(self, expected: .awaitingDecision) }
    return approve ? .recognised : .rejected
  }

  /// When the level 2 rule stops holding or the school withdraws: a pending request closes;
  /// a recognition in force ends only if the school withdrew.
  public func closed(schoolWithdrew: Bool) -> RecognitionStage {
    if isPending { return .closed }
    if self == .recognised, schoolWithdrew { return .closed }
    return self
  }

  /// When an ICT Mark is awarded: a pending request closes, a recognition is superseded.
  public var afterMarkAwarded: RecognitionStage {
    if isPending { return .closed }
    return self == .recognised ? .superseded : self
  }

  /// Three years after approval.
  public var afterExpiry: RecognitionStage { self == .recognised ? .lapsed : self }

  /// After a spot-check audit of an approved recognition: one not upheld is revoked (a
  /// recognition that already ended stays ended, but the audit is recorded).
  public func audited(upheld: Bool) -> RecognitionStage {
    !upheld && self == .recognised ? .revoked : self
  }

  public var description: String {
    switch self {
    case .awaitingReferee: "awaiting the referee"
    case .awaitingDecision: "awaiting the programme's decision"
    case .recognised: "recognised"
    case .rejected: "rejected"
    case .lapsed: "lapsed"
    case .closed: "closed"
    case .superseded: "superseded by the ICT Mark"
    case .revoked: "revoked"
    }
  }
}
