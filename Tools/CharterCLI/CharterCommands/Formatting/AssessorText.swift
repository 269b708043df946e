public import Contracts

/// Assessors as people read them: one in full, a page as a table, and the ranked suggestions
/// for an application with why the others are excluded.
public enum AssessorText {
  public static func details(_ assessor: Evaluation.Assessor) -> [String] {
    var lines = LabelledLines()
    lines.add("Assessor", "\(assessor.displayName) (\(assessor.assessorId))")
    lines.add("Person", assessor.personId)
    lines.add("Role", (assessor.leadAssessor ? "lead assessor" : "assessor") + (assessor.active ? "" : " (inactive)"))
    let portrait = assessor.penPortrait ?? Evaluation.PenPortrait()
    lines.add("Phases", portrait.phases.map { SchoolPhaseSyntax.name(of: $0) }.joined(separator: ", "))
    lines.add("Covers", coverage(portrait))
    if !portrait.worksInLocalAuthorityCode.isEmpty { lines.add("Works in LA", portrait.worksInLocalAuthorityCode) }
    if !assessor.supportedSchoolUrns.isEmpty {
      lines.add("Conflicts", assessor.supportedSchoolUrns.joined(separator: ", "))
    }
    if !portrait.biography.isEmpty { lines.add("Biography", portrait.biography) }
    lines.add(
      "Code of practice", assessor.codeOfPracticeSignedAt.map { "signed \(TimestampText.instant($0))" } ?? "not signed")
    lines.add("Last conference", DueDateSyntax.text(assessor.lastConferenceOn))
    lines.add("Assessments", "\(assessor.completedAssessments) completed, \(assessor.openAllocations) in hand")
    return lines.render()
  }

  public static func page(_ response: Evaluation.ListAssessorsResponse) -> [String] {
    guard !response.assessors.isEmpty else { return ["no assessors", PageFooter.text(shown: 0, nextPageToken: "")] }
    var table = TextTable(columns: ["ASSESSOR", "NAME", "ROLE", "PHASES", "COVERS", "DONE", "IN HAND", "CONFERENCE"])
    for assessor in response.assessors {
      let portrait = assessor.penPortrait ?? Evaluation.PenPortrait()
      table.append([
        assessor.assessorId, TextTable.truncate(assessor.displayName, to: 28),
        assessor.leadAssessor ? "lead" : "assessor",
        portrait.phases.map { SchoolPhaseSyntax.name(of: $0) }.joined(separator: ","),
        TextTable.truncate(coverage(portrait), to: 40), String(assessor.completedAssessments),
        String(assessor.openAllocations), DueDateSyntax.text(assessor.lastConferenceOn),
      ])
    }
    return table.render() + [PageFooter.text(shown: response.assessors.count, nextPageToken: response.nextPageToken)]
  }

  public static func suggestions(_ response: Evaluation.SuggestAssessorsResponse) -> [String] {
    var lines: [String] = []
    if response.suggestions.isEmpty { lines.append("no assessor can be allocated") }
    for (rank, suggestion) in response.suggestions.enumerated() {
      let assessor = suggestion.assessor ?? Evaluation.Assessor()
      lines.append(
        "\(rank + 1). \(assessor.displayName) (\(assessor.assessorId))  score \(Int(suggestion.score.rounded()))"
          + (suggestion.preferredBySchool ? "  [the school's choice]" : ""))
      for reason in suggestion.reasons { lines.append("     \(reason)") }
    }
    if !response.excluded.isEmpty {
      lines.append("")
      lines.append("excluded:")
      for excluded in response.excluded {
        lines.append(
          "  \(excluded.displayName) (\(excluded.assessorId)): "
            + excluded.refusals.map(\.detail).joined(separator: "; "))
      }
    }
    return lines
  }

  static func coverage(_ portrait: Evaluation.PenPortrait) -> String {
    let parts = portrait.regions + portrait.localAuthorityCodes.map { "LA \($0)" }
    return parts.isEmpty ? "-" : parts.joined(separator: ", ")
  }
}
