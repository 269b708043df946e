public import Contracts

/// Where a school's review stands, as a table per element and lines for the whole framework.
///
/// The service answers with element ids only; the framework (from GetFramework) supplies the
/// titles, so the table reads "E1 Leadership and management" rather than a bare id.
public enum ReviewStatusText {
  /// The status: a heading line, one row per element (id, title, aspects met / total, aspects
  /// rated, at the national standard), then the framework at the standard, progress as a
  /// percentage, whether every aspect has commentary, and whether the Level 2 rule holds.
  ///
  /// - Parameters:
  ///   - status: The status, as GetReviewStatus answers.
  ///   - framework: The review's framework, for titles and the Level 2 rule; `nil` shows ids
  ///     alone.
  public static func summary(
    _ status: SelfReview.ReviewStatus,
    framework: SelfReview.Framework?
  ) -> [String] {
    var lines = ["School \(status.schoolUrn) on framework \(status.frameworkId)", ""]
    var table = TextTable(columns: ["ELEMENT", "TITLE", "MET", "RATED", "AT STANDARD"])
    for element in status.elements {
      let title = framework?.element(id: element.elementId)?.title ?? ""
      table.append([
        element.elementId, TextTable.truncate(title, to: 40),
        "\(element.aspectsMet)/\(element.aspectsTotal)",
        "\(element.aspectsRated)/\(element.aspectsTotal)",
        DecimalText.yesNo(element.atNationalStandard),
      ])
    }
    lines += table.render()
    lines.append("")
    var totals = LabelledLines()
    totals.add(
      "Framework at national standard",
      DecimalText.yesNo(status.frameworkAtNationalStandard)
    )
    totals.add("Progress", DecimalText.percent(status.progress) + " rated with commentary")
    totals.add("Commentary complete", DecimalText.yesNo(status.commentaryComplete))
    totals.add("Level 2 rule holds", level2(status, framework: framework))
    return lines + totals.render()
  }

  /// One row per aspect: id, title, level, threshold, whether it meets the threshold.
  public static func aspects(
    _ status: SelfReview.ReviewStatus,
    framework: SelfReview.Framework?
  ) -> [String] {
    let titles = framework?.aspectTitles ?? [:]
    var table = TextTable(columns: ["ASPECT", "TITLE", "LEVEL", "THRESHOLD", "MEETS"])
    for aspect in status.aspects {
      table.append([
        aspect.aspectId, TextTable.truncate(titles[aspect.aspectId] ?? "", to: 40),
        aspect.rated ? String(aspect.level) : "not rated", String(aspect.thresholdLevel),
        DecimalText.yesNo(aspect.meetsThreshold),
      ])
    }
    return table.render()
  }

  /// `yes` or `no`, how many elements are at the national standard, and on a second line
  /// what the rule asks:
  ///
  /// ```
  /// no: E1 is at the national standard, and 1 other element
  /// (the rule: E1 Leadership and management plus 2 other elements at the national standard)
  /// ```
  public static func level2(
    _ status: SelfReview.ReviewStatus,
    framework: SelfReview.Framework?
  ) -> String {
    let answer = DecimalText.yesNo(status.level2RuleHolds)
    guard let framework, let rule = framework.level2Rule else {
      return answer + " (Leadership and management plus two other elements at the standard)"
    }
    let atStandard = status.elements.filter(\.atNationalStandard).map(\.elementId)
    let others = atStandard.filter { $0 != rule.requiredElementId }.count
    let otherElements = "\(others) other element\(others == 1 ? "" : "s")"
    let standing =
      atStandard.contains(rule.requiredElementId)
      ? "\(rule.requiredElementId) is at the national standard, and \(otherElements)"
      : "\(rule.requiredElementId) is not at the national standard; \(otherElements) "
        + (others == 1 ? "is" : "are")
    return "\(answer): \(standing)\n(the rule: \(FrameworkText.level2Rule(framework)))"
  }
}
