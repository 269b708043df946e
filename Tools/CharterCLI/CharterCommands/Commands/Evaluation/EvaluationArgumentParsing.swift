internal import ArgumentParser
internal import CharterValues
internal import Contracts

/// Argument parsers for the evaluation commands that explain what is wrong with a value.
enum EvaluationArgumentParsing {
  static func route(_ text: String) throws -> Evaluation.ApplicationRoute {
    try word(text, EvaluationSyntax.routes, prefix: "application-route-")
  }
  static func state(_ text: String) throws -> Evaluation.ApplicationState {
    try word(text, EvaluationSyntax.states, prefix: "application-state-")
  }
  static func outcome(_ text: String) throws -> Evaluation.AssessmentOutcome {
    try word(text, EvaluationSyntax.outcomes, prefix: "assessment-outcome-")
  }
  static func band(_ text: String) throws -> Evaluation.SizeBand {
    try word(text, EvaluationSyntax.bands, prefix: "size-band-")
  }
  static func recommenderKind(_ text: String) throws -> Evaluation.RecommenderKind {
    try word(text, EvaluationSyntax.recommenderKinds, prefix: "recommender-kind-")
  }
  static func resolution(_ text: String) throws -> Evaluation.ConcernResolution {
    try word(text, EvaluationSyntax.resolutions, prefix: "concern-resolution-")
  }
  static func followUp(_ text: String) throws -> Evaluation.ReferralFollowUpKind {
    try word(text, EvaluationSyntax.followUps, prefix: "referral-follow-up-kind-")
  }

  /// A day, `YYYY-MM-DD` or `DD/MM/YYYY`.
  static func day(_ text: String) throws -> Common.Date {
    guard let date = DueDateSyntax.date(text) else {
      throw ArgumentProblem("expected a date as YYYY-MM-DD or DD/MM/YYYY")
    }
    return date
  }

  /// An instant in RFC 3339, e.g. 2010-03-02T09:30:00Z.
  static func instant(_ text: String) throws -> Protobuf.Timestamp {
    guard let time = UTCTime(rfc3339: text.trimmingSpaces) else {
      throw ArgumentProblem("expected a date and time such as 2010-03-02T09:30:00Z")
    }
    return Protobuf.Timestamp(time)
  }

  /// An evidence gap: `ASPECT: what is missing`, or just what is missing.
  static func gap(_ text: String) throws -> Evaluation.EvidenceGap {
    let trimmed = text.trimmingSpaces
    if let colon = trimmed.firstIndex(of: ":") {
      let aspect = trimmed[..<colon].trimmingSpaces
      if !aspect.isEmpty, !aspect.contains(" "), aspect.count <= 12 {
        return Evaluation.EvidenceGap(aspectId: aspect, missing: trimmed[trimmed.index(after: colon)...].trimmingSpaces)
      }
    }
    guard !trimmed.isEmpty else { throw ArgumentProblem("say what is missing") }
    return Evaluation.EvidenceGap(missing: trimmed)
  }

  /// An id the service issued (application, assessor, award): not blank.
  static func identifier(_ text: String) throws -> String {
    let id = text.trimmingSpaces
    guard !id.isEmpty else { throw ArgumentProblem("must not be empty") }
    return id
  }

  private static func word<Value>(_ text: String, _ table: [(Value, String)], prefix: String) throws -> Value {
    guard let value = EvaluationSyntax.value(text, in: table, prefix: prefix) else {
      throw ArgumentProblem("expected \(EvaluationSyntax.names(table))")
    }
    return value
  }
}
