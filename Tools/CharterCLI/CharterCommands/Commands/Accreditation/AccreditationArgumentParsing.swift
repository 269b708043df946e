internal import ArgumentParser
internal import CharterValues
internal import Contracts

/// Argument parsers for the accreditation commands that explain what is wrong with a value.
enum AccreditationArgumentParsing {
  static func refereeKind(_ text: String) throws -> Accreditation.RefereeKind {
    try word(text, AccreditationSyntax.refereeKinds, prefix: "referee-kind-")
  }
  static func cycleState(_ text: String) throws -> Accreditation.AwardCycleState {
    try word(text, AccreditationSyntax.cycleStates, prefix: "award-cycle-state-")
  }
  static func result(_ text: String) throws -> Accreditation.AwardResult {
    try word(text, AccreditationSyntax.results, prefix: "award-result-")
  }
  static func kind(_ text: String) throws -> Accreditation.CertificateKind {
    try word(text, AccreditationSyntax.kinds, prefix: "certificate-kind-")
  }
  static func format(_ text: String) throws -> Accreditation.CertificateFormat {
    try word(text, AccreditationSyntax.formats, prefix: "certificate-format-")
  }

  /// A local authority code: three digits.
  static func authority(_ text: String) throws -> String {
    let code = text.trimmingSpaces
    guard code.count == 3, code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber) else {
      throw ArgumentProblem("expected a local authority code of three digits, e.g. 383")
    }
    return code
  }

  /// A category: `id=Title`, with sub-categories after `:` as `id=Title` pairs separated by
  /// `,` (`leadership=Leadership, management and collaboration:primary=Primary;secondary=Secondary`
  /// takes `;` between sub-categories so titles may hold commas).
  static func category(_ text: String) throws -> Accreditation.AwardCategory {
    let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
    guard let head = parts.first, let (id, title) = pair(head) else {
      throw ArgumentProblem("expected id=Title, optionally followed by :sub=Title;sub=Title")
    }
    var category = Accreditation.AwardCategory(categoryId: id, title: title)
    if parts.count == 2 {
      for sub in parts[1].split(separator: ";") {
        guard let (subID, subTitle) = pair(String(sub)) else {
          throw ArgumentProblem("a sub-category must be id=Title, not \"\(sub)\"")
        }
        category.subCategories.append(.init(subCategoryId: subID, title: subTitle))
      }
    }
    return category
  }

  private static func pair(_ text: String) -> (String, String)? {
    guard let equals = text.firstIndex(of: "=") else { return nil }
    let id = text[..<equals].trimmingSpaces
    let title = text[text.index(after: equals)...].trimmingSpaces
    guard !id.isEmpty, !title.isEmpty else { return nil }
    return (id, title)
  }

  private static func word<Value>(_ text: String, _ table: [(Value, String)], prefix: String) throws -> Value {
    guard let value = EvaluationSyntax.value(text, in: table, prefix: prefix) else {
      throw ArgumentProblem("expected \(EvaluationSyntax.names(table))")
    }
    return value
  }
}
