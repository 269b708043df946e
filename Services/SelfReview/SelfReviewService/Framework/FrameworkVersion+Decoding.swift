public import CharterValues

extension FrameworkVersion {
  /// Decodes and validates one framework version from its JSON data file.
  ///
  /// The format is that of `Frameworks/srf-2010.json`: the version's fields, a `scale` with a
  /// generic descriptor per level, `default_threshold`, an optional `level2_rule`, and
  /// `elements` → `strands` → `aspects`, each aspect with a descriptor for every level. Unknown
  /// fields are refused so that typos do not fall back to defaults silently.
  ///
  /// - Parameters:
  ///   - json: The file's bytes (UTF-8 JSON).
  ///   - file: The file's name, used in errors.
  /// - Throws: ``FrameworkDataError`` naming `file` when the data is malformed or breaks a
  ///   rule: duplicate element, strand or aspect ids; a threshold or descriptor level outside
  ///   the scale; a level without a descriptor; a level 2 rule naming an unknown element; blank
  ///   text; a lifecycle inconsistency (published without a publish time and the like).
  public init(json: [UInt8], file: String) throws(FrameworkDataError) {
    let document = try decodeDocument(FrameworkDocument.self, json: json, file: file)
    self = try FrameworkVersion.validated(document, checker: DocumentChecker(file: file))
  }

  private static func validated(
    _ document: FrameworkDocument,
    checker: DocumentChecker
  ) throws(FrameworkDataError) -> FrameworkVersion {
    let id = try checker.nonBlank(document.id, "id")
    let title = try checker.nonBlank(document.title, "title")

    guard let status = FrameworkStatus(rawValue: document.status) else {
      let expected = FrameworkStatus.allCases.map(\.rawValue).joined(separator: ", ")
      throw checker.fail(
        .malformed(
          path: "status", detail: "unknown status '\(document.status)' (expected \(expected))"))
    }
    var publishTime: UTCTime?
    if let text = document.publishTime {
      guard let time = UTCTime(text) else {
        throw checker.fail(
          .malformed(path: "publish_time", detail: "'\(text)' is not YYYY-MM-DDTHH:MM:SSZ"))
      }
      publishTime = time
    }
    switch (status, publishTime) {
    case (.draft, .some): throw checker.fail(.draftWithPublishTime)
    case (.published, nil), (.retired, nil): throw checker.fail(.missingPublishTime)
    default: break
    }
    let validFrom = try date(document.validFrom, "valid_from", checker)
    let validTo = try document.validTo.map { (text) throws(FrameworkDataError) in
      try date(text, "valid_to", checker)
    }
    if let validTo, validTo < validFrom { throw checker.fail(.validityEndsBeforeStart) }

    let scale = try self.scale(document.scale, checker)
    guard scale.contains(document.defaultThreshold) else {
      throw checker.fail(
        .levelOutsideScale(path: "default_threshold", level: document.defaultThreshold))
    }
    let thresholdSource = try checker.source(document.thresholdSource, "threshold_source")

    guard !document.elements.isEmpty else { throw checker.fail(.empty(path: "elements")) }
    var elementIds: Set<String> = []
    var strandIds: Set<String> = []
    var aspectIds: Set<String> = []
    var elements: [Element] = []
    for elementDocument in document.elements {
      let elementId = try checker.nonBlank(elementDocument.id, "element id")
      guard elementIds.insert(elementId).inserted else {
        throw checker.fail(.duplicateElementId(elementId))
      }
      guard !elementDocument.strands.isEmpty else {
        throw checker.fail(.empty(path: "element \(elementId) strands"))
      }
      var strands: [Strand] = []
      for strandDocument in elementDocument.strands {
        let strandId = try checker.nonBlank(strandDocument.id, "strand id in element \(elementId)")
        guard strandIds.insert(strandId).inserted else {
          throw checker.fail(.duplicateStrandId(strandId))
        }
        guard !strandDocument.aspects.isEmpty else {
          throw checker.fail(.empty(path: "strand \(strandId) aspects"))
        }
        var aspects: [Aspect] = []
        for aspectDocument in strandDocument.aspects {
          let aspectId = try checker.nonBlank(aspectDocument.id, "aspect id in strand \(strandId)")
          guard aspectIds.insert(aspectId).inserted else {
            throw checker.fail(.duplicateAspectId(aspectId))
          }
          aspects.append(
            try aspect(
              aspectDocument, id: aspectId, scale: scale,
              defaultThreshold: document.defaultThreshold,
              thresholdSource: thresholdSource, checker: checker))
        }
        strands.append(
          Strand(
            id: strandId,
            title: try checker.nonBlank(strandDocument.title, "strand \(strandId) title"),
            source: try checker.source(strandDocument.source, "strand \(strandId) source"),
            aspects: aspects))
      }
      let partner = try elementDocument.partner.map { (text) throws(FrameworkDataError) in
        try checker.nonBlank(text, "element \(elementId) partner")
      }
      elements.append(
        Element(
          id: elementId,
          title: try checker.nonBlank(elementDocument.title, "element \(elementId) title"),
          partner: partner,
          strands: strands))
    }

    var level2Rule: Level2Rule?
    if let rule = document.level2Rule {
      guard elementIds.contains(rule.requiredElementId) else {
        throw checker.fail(.level2RuleUnknownElement(rule.requiredElementId))
      }
      guard (0...(elements.count - 1)).contains(rule.additionalElementsMin) else {
        throw checker.fail(
          .level2RuleUnreachable(
            additionalElementsMin: rule.additionalElementsMin, otherElements: elements.count - 1))
      }
      level2Rule = Level2Rule(
        requiredElementId: rule.requiredElementId,
        additionalElementsMin: rule.additionalElementsMin)
    }

    return FrameworkVersion(
      id: id,
      title: title,
      status: status,
      publishTime: publishTime,
      validFrom: validFrom,
      validTo: validTo,
      scale: scale,
      defaultThreshold: document.defaultThreshold,
      thresholdSource: thresholdSource,
      level2Rule: level2Rule,
      provenance: document.provenance,
      elements: elements)
  }

  private static func date(
    _ text: String,
    _ path: String,
    _ checker: DocumentChecker
  ) throws(FrameworkDataError) -> CalendarDate {
    guard let date = CalendarDate(text) else {
      throw checker.fail(.malformed(path: path, detail: "'\(text)' is not a YYYY-MM-DD date"))
    }
    return date
  }

  private static func scale(
    _ document: ScaleDocument,
    _ checker: DocumentChecker
  ) throws(FrameworkDataError) -> LevelScale {
    guard document.count >= 2, document.best == 1 || document.best == document.count else {
      throw checker.fail(.invalidScale(count: document.count, best: document.best))
    }
    let generic = try checker.descriptors(
      document.generic, levelCount: document.count, path: "scale")
    return LevelScale(count: document.count, best: document.best, genericDescriptors: generic)
  }

  private static func aspect(
    _ document: AspectDocument,
    id: String,
    scale: LevelScale,
    defaultThreshold: Int,
    thresholdSource: ContentSource,
    checker: DocumentChecker
  ) throws(FrameworkDataError) -> Aspect {
    let threshold = document.threshold ?? defaultThreshold
    guard scale.contains(threshold) else {
      throw checker.fail(.levelOutsideScale(path: "aspect \(id) threshold", level: threshold))
    }
    let sources = AspectSources(
      title: try checker.source(document.sources.title, "aspect \(id) sources.title"),
      descriptors: try checker.source(
        document.sources.descriptors, "aspect \(id) sources.descriptors"),
      threshold: try document.sources.threshold.map { (text) throws(FrameworkDataError) in
        try checker.source(text, "aspect \(id) sources.threshold")
      } ?? thresholdSource)
    return Aspect(
      id: id,
      title: try checker.nonBlank(document.title, "aspect \(id) title"),
      thresholdLevel: threshold,
      descriptors: try checker.descriptors(
        document.descriptors, levelCount: scale.count, path: "aspect \(id)"),
      sources: sources)
  }
}
