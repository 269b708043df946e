// The JSON shape of the framework data files (Frameworks/*.json), decoded as-is before any
// validation. `FrameworkVersion(json:file:)` and `FrameworkMapping(json:file:versions:)` turn
// these into the validated public model.

/// One framework version file.
struct FrameworkDocument: Decodable {
  var id: String
  var title: String
  var status: String
  var publishTime: String?
  var validFrom: String
  var validTo: String?
  var provenance: [String]
  var scale: ScaleDocument
  var defaultThreshold: Int
  var thresholdSource: String
  var level2Rule: Level2RuleDocument?
  var elements: [ElementDocument]

  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, title, status, provenance, scale, elements
    case publishTime = "publish_time"
    case validFrom = "valid_from"
    case validTo = "valid_to"
    case defaultThreshold = "default_threshold"
    case thresholdSource = "threshold_source"
    case level2Rule = "level2_rule"
  }

  init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    title = try c.decode(String.self, forKey: .title)
    status = try c.decode(String.self, forKey: .status)
    publishTime = try c.decodeIfPresent(String.self, forKey: .publishTime)
    validFrom = try c.decode(String.self, forKey: .validFrom)
    validTo = try c.decodeIfPresent(String.self, forKey: .validTo)
    provenance = try c.decodeIfPresent([String].self, forKey: .provenance) ?? []
    scale = try c.decode(ScaleDocument.self, forKey: .scale)
    defaultThreshold = try c.decode(Int.self, forKey: .defaultThreshold)
    thresholdSource = try c.decode(String.self, forKey: .thresholdSource)
    level2Rule = try c.decodeIfPresent(Level2RuleDocument.self, forKey: .level2Rule)
    elements = try c.decode([ElementDocument].self, forKey: .elements)
  }
}

/// The scale: `generic` maps each level ("1", "2", …) to its general meaning.
struct ScaleDocument: Decodable {
  var count: Int
  var best: Int
  var generic: [String: String]

  enum CodingKeys: String, CodingKey, CaseIterable {
    case count, best, generic
  }

  init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    count = try c.decode(Int.self, forKey: .count)
    best = try c.decode(Int.self, forKey: .best)
    generic = try c.decode([String: String].self, forKey: .generic)
  }
}

struct Level2RuleDocument: Decodable {
  var requiredElementId: String
  var additionalElementsMin: Int

  enum CodingKeys: String, CodingKey, CaseIterable {
    case requiredElementId = "required_element_id"
    case additionalElementsMin = "additional_elements_min"
  }

  init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    requiredElementId = try c.decode(String.self, forKey: .requiredElementId)
    additionalElementsMin = try c.decode(Int.self, forKey: .additionalElementsMin)
  }
}

struct ElementDocument: Decodable {
  var id: String
  var title: String
  var partner: String?
  var strands: [StrandDocument]

  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, title, partner, strands
  }

  init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    title = try c.decode(String.self, forKey: .title)
    partner = try c.decodeIfPresent(String.self, forKey: .partner)
    strands = try c.decode([StrandDocument].self, forKey: .strands)
  }
}

struct StrandDocument: Decodable {
  var id: String
  var title: String
  var source: String
  var aspects: [AspectDocument]

  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, title, source, aspects
  }

  init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    title = try c.decode(String.self, forKey: .title)
    source = try c.decode(String.self, forKey: .source)
    aspects = try c.decode([AspectDocument].self, forKey: .aspects)
  }
}

/// An aspect; `threshold` and `sources.threshold` fall back to the version's defaults.
struct AspectDocument: Decodable {
  var id: String
  var title: String
  var threshold: Int?
  var sources: AspectSourcesDocument
  var descriptors: [String: String]

  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, title, threshold, sources, descriptors
  }

  init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    title = try c.decode(String.self, forKey: .title)
    threshold = try c.decodeIfPresent(Int.self, forKey: .threshold)
    sources = try c.decode(AspectSourcesDocument.self, forKey: .sources)
    descriptors = try c.decode([String: String].self, forKey: .descriptors)
  }
}

struct AspectSourcesDocument: Decodable {
  var title: String
  var descriptors: String
  var threshold: String?

  enum CodingKeys: String, CodingKey, CaseIterable {
    case title, descriptors, threshold
  }

  init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    title = try c.decode(String.self, forKey: .title)
    descriptors = try c.decode(String.self, forKey: .descriptors)
    threshold = try c.decodeIfPresent(String.self, forKey: .threshold)
  }
}

/// One mapping file: how ratings carry over from one version to another.
struct MappingDocument: Decodable {
  var fromFrameworkId: String
  var toFrameworkId: String
  var aspectSource: String
  var levelConversionSource: String
  var provenance: [String]
  var levelConversions: [String: Int]
  var aspectMappings: [AspectMappingDocument]

  enum CodingKeys: String, CodingKey, CaseIterable {
    case provenance
    case fromFrameworkId = "from_framework_id"
    case toFrameworkId = "to_framework_id"
    case aspectSource = "aspect_source"
    case levelConversionSource = "level_conversion_source"
    case levelConversions = "level_conversions"
    case aspectMappings = "aspect_mappings"
  }

  init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    fromFrameworkId = try c.decode(String.self, forKey: .fromFrameworkId)
    toFrameworkId = try c.decode(String.self, forKey: .toFrameworkId)
    aspectSource = try c.decode(String.self, forKey: .aspectSource)
    levelConversionSource = try c.decode(String.self, forKey: .levelConversionSource)
    provenance = try c.decodeIfPresent([String].self, forKey: .provenance) ?? []
    levelConversions = try c.decode([String: Int].self, forKey: .levelConversions)
    aspectMappings = try c.decode([AspectMappingDocument].self, forKey: .aspectMappings)
  }
}

struct AspectMappingDocument: Decodable {
  var from: String
  var to: [String]

  enum CodingKeys: String, CodingKey, CaseIterable {
    case from, to
  }

  init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    from = try c.decode(String.self, forKey: .from)
    to = try c.decode([String].self, forKey: .to)
  }
}
