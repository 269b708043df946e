internal import ArgumentParser
internal import Contracts

/// Argument parsers for the self-review commands that explain what is wrong with a value
/// (ArgumentParser shows the error's description after "The value … is invalid").
enum SelfReviewArgumentParsing {
  /// A level: a whole number from 1 (the service checks it against the framework's scale).
  static func level(_ text: String) throws -> Int32 {
    guard let level = Int32(text.trimmingSpaces), level >= 1 else {
      throw ArgumentProblem("a level is a whole number from 1 on the framework's scale")
    }
    return level
  }

  static func evidence(_ text: String) throws -> SelfReview.EvidenceReference {
    try EvidenceSyntax.parse(text)
  }

  static func state(_ text: String) throws -> SelfReview.ActionItemState {
    guard let state = ActionItemStateSyntax.state(named: text) else {
      throw ArgumentProblem("expected \(ActionItemStateSyntax.allNames)")
    }
    return state
  }

  static func dueDate(_ text: String) throws -> Common.Date {
    guard let date = DueDateSyntax.date(text) else {
      throw ArgumentProblem("expected a date as YYYY-MM-DD or DD/MM/YYYY")
    }
    return date
  }

  /// A due date to set, or `none` to remove it.
  static func dueDateChange(_ text: String) throws -> ActionItemUpdate.DueDateChange {
    if text.trimmingSpaces.lowercased() == "none" { return .cleared }
    return .on(try dueDate(text))
  }

  /// An id (aspect, element, framework, action item): not blank, trimmed.
  static func identifier(_ text: String) throws -> String {
    let id = text.trimmingSpaces
    guard !id.isEmpty else { throw ArgumentProblem("must not be empty") }
    return id
  }
}
