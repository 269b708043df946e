extension FrameworkMapping {
  /// Decodes a mapping file and validates it against the versions it names.
  ///
  /// - Parameters:
  ///   - json: The file's bytes (UTF-8 JSON), shaped like `Frameworks/srf-2008-to-srf-2010.json`.
  ///   - file: The file's name, used in errors.
  ///   - versions: The loaded versions, by id.
  /// - Throws: ``FrameworkDataError`` when the mapping names an unknown version or aspect,
  ///   maps an aspect twice or not at all, or converts a level outside either scale.
  init(
    json: [UInt8],
    file: String,
    versions: [String: FrameworkVersion]
  ) throws(FrameworkDataError) {
    let checker = DocumentChecker(file: file)
    let document = try decodeDocument(MappingDocument.self, json: json, file: file)
    guard let from = versions[document.fromFrameworkId] else {
      throw checker.fail(.mappingUnknownFramework(document.fromFrameworkId))
    }
    guard let to = versions[document.toFrameworkId] else {
      throw checker.fail(.mappingUnknownFramework(document.toFrameworkId))
    }
    guard from.id != to.id else { throw checker.fail(.mappingOntoItself(from.id)) }

    var conversions: [LevelConversion] = []
    for (key, toLevel) in document.levelConversions.sorted(by: { $0.key < $1.key }) {
      let fromLevel = try checker.level(key: key, "level_conversions")
      guard from.scale.contains(fromLevel) else {
        throw checker.fail(.conversionLevelOutsideScale(frameworkId: from.id, level: fromLevel))
      }
      guard to.scale.contains(toLevel) else {
        throw checker.fail(.conversionLevelOutsideScale(frameworkId: to.id, level: toLevel))
      }
      conversions.append(LevelConversion(fromLevel: fromLevel, toLevel: toLevel))
    }
    for level in from.scale.levels where !conversions.contains(where: { $0.fromLevel == level }) {
      throw checker.fail(.missingLevelConversion(level: level))
    }

    var mapped: Set<String> = []
    var aspectMappings: [AspectMapping] = []
    for entry in document.aspectMappings {
      guard from.aspect(id: entry.from) != nil else {
        throw checker.fail(.mappingUnknownAspect(frameworkId: from.id, aspectId: entry.from))
      }
      guard mapped.insert(entry.from).inserted else {
        throw checker.fail(.mappingDuplicateAspect(entry.from))
      }
      for target in entry.to where to.aspect(id: target) == nil {
        throw checker.fail(.mappingUnknownAspect(frameworkId: to.id, aspectId: target))
      }
      aspectMappings.append(AspectMapping(fromAspectId: entry.from, toAspectIds: entry.to))
    }
    for aspect in from.aspects where !mapped.contains(aspect.id) {
      throw checker.fail(.mappingOmitsAspect(aspect.id))
    }

    self.init(
      fromFrameworkId: from.id,
      toFrameworkId: to.id,
      aspectMappings: aspectMappings,
      levelConversions: conversions.sorted { $0.fromLevel < $1.fromLevel },
      aspectSource: try checker.source(document.aspectSource, "aspect_source"),
      levelConversionSource: try checker.source(
        document.levelConversionSource, "level_conversion_source"),
      provenance: document.provenance,
      targetScale: to.scale)
  }
}
