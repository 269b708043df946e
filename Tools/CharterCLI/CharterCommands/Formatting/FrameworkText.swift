public import Contracts

/// Self-review frameworks as people read them: a list of versions, one framework as an
/// outline (elements → strands → aspects, with thresholds and optionally every level's
/// descriptor), and how one version's ratings carry over to another.
public enum FrameworkText {
  /// The frameworks as a table: id, title, status, scale, elements, aspects.
  public static func table(_ response: SelfReview.ListFrameworksResponse) -> [String] {
    guard !response.frameworks.isEmpty else { return ["no frameworks"] }
    var table = TextTable(columns: ["ID", "TITLE", "STATUS", "SCALE", "ELEMENTS", "ASPECTS"])
    for framework in response.frameworks {
      table.append([
        framework.frameworkId, TextTable.truncate(framework.title, to: 52),
        status(framework.status), scale(framework.scale), String(framework.elementCount),
        String(framework.aspectCount),
      ])
    }
    var lines = table.render()
    if !response.nextPageToken.isEmpty {
      lines.append(
        PageFooter.text(shown: response.frameworks.count, nextPageToken: response.nextPageToken)
      )
    }
    return lines
  }

  /// A framework as an outline: labelled lines about the version, then each element, its
  /// strands and their aspects with threshold levels.
  ///
  /// - Parameters:
  ///   - framework: The framework, as GetFramework answers.
  ///   - elements: The elements to outline (all of them, or the one asked for).
  ///   - levels: Whether to list every level's descriptor under each aspect.
  public static func outline(
    _ framework: SelfReview.Framework,
    elements: [SelfReview.Element],
    levels: Bool
  ) -> [String] {
    var header = LabelledLines()
    header.add("Framework", "\(framework.frameworkId): \(framework.title)")
    header.add("Status", status(framework.status))
    header.add("In use", period(from: framework.validFrom, to: framework.validTo))
    header.add("Scale", scale(framework.scale))
    header.add(
      "Thresholds",
      "level \(framework.defaultThreshold) unless an aspect sets its own"
        + source(framework.thresholdSource)
    )
    header.add("Level 2 rule", level2Rule(framework))
    let aspectCount = framework.elements.reduce(0) { $0 + $1.aspects.count }
    header.add("Content", "\(framework.elements.count) elements, \(aspectCount) aspects")
    var lines = header.render()
    for element in elements {
      lines.append("")
      let partner = element.partner.isEmpty ? "" : " (\(element.partner))"
      lines.append("\(element.elementId)  \(element.title)\(partner)")
      for strand in element.strands {
        lines.append("  \(strand.strandId)  \(strand.title)")
        for aspect in strand.aspects {
          lines.append(
            "    \(aspect.aspectId)  \(aspect.title)  (threshold \(aspect.thresholdLevel))"
          )
          if levels {
            for descriptor in aspect.descriptors.sorted(by: { $0.level < $1.level }) {
              let mark = descriptor.level == aspect.thresholdLevel ? "*" : " "
              lines.append("      \(descriptor.level)\(mark) \(descriptor.description)")
            }
          }
        }
      }
    }
    if levels, !elements.isEmpty {
      lines.append("")
      lines.append("* the threshold: the least developed level at the national standard")
    }
    return lines
  }

  /// How ratings carry over: a line naming the two versions, aspect by aspect, then the level
  /// conversions.
  public static func mapping(_ mapping: SelfReview.FrameworkMapping) -> [String] {
    var lines = ["\(mapping.fromFrameworkId) → \(mapping.toFrameworkId)"]
    var table = TextTable(columns: ["FROM ASPECT", "TO ASPECTS"])
    for aspect in mapping.aspectMappings {
      table.append([
        aspect.fromAspectId,
        aspect.toAspectIds.isEmpty ? "(no successor)" : aspect.toAspectIds.joined(separator: ", "),
      ])
    }
    lines += table.render()
    let levels = mapping.levelConversions.map { "\($0.fromLevel) → \($0.toLevel)" }
    lines.append("Levels: " + (levels.isEmpty ? "unchanged" : levels.joined(separator: ", ")))
    return lines
  }

  /// `draft`, `published`, `retired` (`status-N` for values this version does not know).
  public static func status(_ status: SelfReview.FrameworkStatus) -> String {
    switch status {
    case .draft: "draft"
    case .published: "published"
    case .retired: "retired"
    case .unspecified: "unspecified"
    case .unrecognized(let value): "status-\(value)"
    }
  }

  /// `5 levels, 1 the most developed`; `-` when the framework has no scale.
  public static func scale(_ scale: SelfReview.LevelScale?) -> String {
    guard let scale else { return "-" }
    return "\(scale.count) levels, \(scale.best) the most developed"
  }

  /// The Level 2 rule in words: `E1 Leadership and management plus 2 other elements at the
  /// national standard`.
  public static func level2Rule(_ framework: SelfReview.Framework) -> String {
    guard let rule = framework.level2Rule else { return "-" }
    let title = framework.element(id: rule.requiredElementId).map { " \($0.title)" } ?? ""
    let others = rule.additionalElementsMin
    return "\(rule.requiredElementId)\(title) plus \(others) other element"
      + (others == 1 ? "" : "s") + " at the national standard"
  }

  private static func period(from start: Common.Date?, to end: Common.Date?) -> String {
    switch (start, end) {
    case (nil, nil): "-"
    case (let start?, nil): "from \(DueDateSyntax.text(start))"
    case (nil, let end?): "until \(DueDateSyntax.text(end))"
    case (let start?, let end?): "\(DueDateSyntax.text(start)) to \(DueDateSyntax.text(end))"
    }
  }

  private static func source(_ source: SelfReview.ContentSource) -> String {
    switch source {
    case .verified: " (verified)"
    case .inferred: " (inferred)"
    case .synthesised: " (synthesised)"
    case .proposed: " (proposed)"
    case .unspecified, .unrecognized: ""
    }
  }
}
