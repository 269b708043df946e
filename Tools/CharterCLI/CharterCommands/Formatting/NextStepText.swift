public import Contracts

/// What each aspect needs next, as a table: where it is, the next level up and what that
/// level asks for.
public enum NextStepText {
  /// The steps in the service's order (aspects below their threshold first): aspect, title,
  /// current level, next level, whether it meets the threshold, and the next level's
  /// descriptor (last, so it is never padded).
  public static func table(_ response: SelfReview.GetNextStepsResponse) -> [String] {
    guard !response.steps.isEmpty else { return ["no next steps"] }
    var table = TextTable(columns: ["ASPECT", "TITLE", "NOW", "NEXT", "MEETS", "WHAT IT ASKS"])
    for step in response.steps {
      table.append([
        step.aspectId, TextTable.truncate(step.aspectTitle, to: 36),
        ReviewText.level(step.currentLevel), ReviewText.level(step.nextLevel),
        DecimalText.yesNo(step.meetsThreshold),
        step.nextLevel == 0 ? "already at the most developed level" : step.nextLevelDescriptor,
      ])
    }
    return table.render()
  }
}
