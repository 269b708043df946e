public import Contracts

/// How a school's levels compare with other schools', as tables people read.
///
/// Each comparison shows the group's average level and, in brackets, how many schools it is
/// over. The service hides averages over fewer than five schools (so no school can be picked
/// out); those show as "—", with the count saying why.
public enum BenchmarkText {
  /// The whole comparison: ``elements(_:framework:)``, with `aspects` the per-aspect table
  /// (``aspects(_:framework:)``), then a note on what the brackets and dashes mean.
  public static func report(
    _ response: SelfReview.GetBenchmarksResponse,
    framework: SelfReview.Framework?,
    aspects showAspects: Bool
  ) -> [String] {
    elements(response, framework: framework)
      + (showAspects ? [""] + aspects(response, framework: framework) : []) + ["", note]
  }

  /// A heading saying which way the scale runs, then a table per element: the school's
  /// average level against the national, local-authority and similar-school averages.
  ///
  /// - Parameters:
  ///   - response: The benchmarks, as GetBenchmarks answers.
  ///   - framework: The framework compared on, for element titles and the scale; `nil`
  ///     shows ids alone.
  public static func elements(
    _ response: SelfReview.GetBenchmarksResponse,
    framework: SelfReview.Framework?
  ) -> [String] {
    var table = TextTable(
      columns: ["ELEMENT", "TITLE", "SCHOOL", "NATIONAL", "LOCAL AUTHORITY", "SIMILAR SCHOOLS"]
    )
    for element in response.elements {
      let title = framework?.element(id: element.elementId)?.title ?? ""
      table.append([
        element.elementId, TextTable.truncate(title, to: 36),
        element.schoolAverageLevel == 0 ? "-" : DecimalText.oneDecimal(element.schoolAverageLevel),
        value(element.national), value(element.localAuthority), value(element.similarSchools),
      ])
    }
    return heading(response, framework: framework) + table.render()
  }

  /// The same comparison per aspect: the school's level against the three group averages.
  public static func aspects(
    _ response: SelfReview.GetBenchmarksResponse,
    framework: SelfReview.Framework?
  ) -> [String] {
    let titles = framework?.aspectTitles ?? [:]
    var table = TextTable(
      columns: ["ASPECT", "TITLE", "SCHOOL", "NATIONAL", "LOCAL AUTHORITY", "SIMILAR SCHOOLS"]
    )
    for aspect in response.aspects {
      table.append([
        aspect.aspectId, TextTable.truncate(titles[aspect.aspectId] ?? "", to: 36),
        ReviewText.level(aspect.schoolLevel), value(aspect.national),
        value(aspect.localAuthority), value(aspect.similarSchools),
      ])
    }
    return table.render()
  }

  /// A group's average and size: `2.4 (312)`, or `— (3)` when the average is hidden (fewer
  /// than five schools) or no school in the group has rated.
  public static func value(_ value: SelfReview.BenchmarkValue?) -> String {
    let value = value ?? SelfReview.BenchmarkValue()
    let average = value.averageLevel == 0 ? "—" : DecimalText.oneDecimal(value.averageLevel)
    return "\(average) (\(value.schoolCount))"
  }

  /// Under the table: what the brackets and the dashes mean.
  public static let note =
    "average level (schools); — : hidden, fewer than five schools in the group have rated"

  private static func heading(
    _ response: SelfReview.GetBenchmarksResponse,
    framework: SelfReview.Framework?
  ) -> [String] {
    var line = "School \(response.schoolUrn) on framework \(response.frameworkId)"
    if let scale = framework?.scale { line += " (\(FrameworkText.scale(scale)))" }
    return [line, "averages computed \(TimestampText.instant(response.computedAt))", ""]
  }
}
