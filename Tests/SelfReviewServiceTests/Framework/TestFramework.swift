import CharterValues
import SelfReviewService

/// Small frameworks for tests, written as the same JSON the built-in data uses.
///
/// Every element has one strand ("<element>s") holding its aspects; every aspect has a
/// descriptor "<aspect> at level <n>" for each level; the level 2 rule is E1 plus two others.
enum TestFramework {
  /// A framework document: `elements` lists each element's aspects with their thresholds.
  static func document(
    id: String = "test-framework",
    count: Int = 5,
    best: Int = 1,
    defaultThreshold: Int = 3,
    elements: [(id: String, aspects: [(id: String, threshold: Int)])] = standardElements,
    level2: (element: String, others: Int)? = ("E1", 2)
  ) -> TestJSON {
    var generic: [(key: String, value: TestJSON)] = []
    for level in 1...max(count, 1) {
      generic.append((String(level), .string("Generic level \(level).")))
    }
    var document: TestJSON = [
      "id": .string(id),
      "title": "A test framework",
      "status": "published",
      "publish_time": "2020-09-01T00:00:00Z",
      "valid_from": "2020-09-01",
      "scale": ["count": .number(count), "best": .number(best), "generic": .object(generic)],
      "default_threshold": .number(defaultThreshold),
      "threshold_source": "proposed",
      "elements": .array(
        elements.map { element in
          [
            "id": .string(element.id),
            "title": .string("Element \(element.id)"),
            "strands": [
              [
                "id": .string("\(element.id)s"),
                "title": .string("Strand of \(element.id)"),
                "source": "inferred",
                "aspects": .array(
                  element.aspects.map { aspect in
                    aspectDocument(id: aspect.id, threshold: aspect.threshold, count: count)
                  }),
              ]
            ],
          ]
        }),
    ]
    if let level2 {
      document["level2_rule"] = [
        "required_element_id": .string(level2.element),
        "additional_elements_min": .number(level2.others),
      ]
    }
    return document
  }

  static func aspectDocument(id: String, threshold: Int, count: Int) -> TestJSON {
    var descriptors: [(key: String, value: TestJSON)] = []
    for level in 1...max(count, 1) {
      descriptors.append((String(level), .string("\(id) at level \(level).")))
    }
    return [
      "id": .string(id),
      "title": .string("Aspect \(id)"),
      "threshold": .number(threshold),
      "sources": ["title": "inferred", "descriptors": "synthesised"],
      "descriptors": .object(descriptors),
    ]
  }

  /// Four elements: E1 with two aspects (thresholds 3 and 2), E2–E4 with one aspect each
  /// (threshold 3). Level 1 is best, so E1 needs a1 ≤ 3 and a2 ≤ 2.
  static let standardElements: [(id: String, aspects: [(id: String, threshold: Int)])] = [
    ("E1", [("e1a", 3), ("e1b", 2)]),
    ("E2", [("e2a", 3)]),
    ("E3", [("e3a", 3)]),
    ("E4", [("e4a", 3)]),
  ]

  /// The same four elements on an inverted scale (5 is best): thresholds mirrored, so E1 needs
  /// e1a ≥ 3 and e1b ≥ 4.
  static let invertedElements: [(id: String, aspects: [(id: String, threshold: Int)])] = [
    ("E1", [("e1a", 3), ("e1b", 4)]),
    ("E2", [("e2a", 3)]),
    ("E3", [("e3a", 3)]),
    ("E4", [("e4a", 3)]),
  ]

  /// Decodes a document as a framework version.
  static func version(_ document: TestJSON, file: String = "test.json") throws -> FrameworkVersion {
    try FrameworkVersion(json: Array(document.serialised().utf8), file: file)
  }

  /// The standard four-element framework, level 1 best.
  static func standard() throws -> FrameworkVersion {
    try version(document())
  }

  /// The four-element framework on an inverted scale, level 5 best (as in the NCCE CQF).
  static func inverted() throws -> FrameworkVersion {
    try version(document(id: "inverted-framework", best: 5, elements: invertedElements))
  }
}

/// Ratings from levels: `["e1a": 3]` rates e1a at 3 with commentary.
func ratings(_ levels: [String: Int?], commentary: String = "We do this.") -> [String: AspectRating] {
  levels.mapValues { AspectRating(level: $0, commentary: commentary) }
}

extension TestFramework {
  /// Writes a decoded version back out as framework JSON with every object's keys in reverse
  /// order: the same content, laid out differently.
  static func reserialise(_ version: FrameworkVersion) -> String {
    func levels(_ descriptors: [LevelDescriptor]) -> TestJSON {
      .object(descriptors.map { (String($0.level), .string($0.text)) })
    }
    var document: TestJSON = [
      "id": .string(version.id),
      "title": .string(version.title),
      "status": .string(version.status.rawValue),
      "valid_from": .string(version.validFrom.description),
      "provenance": .array(version.provenance.map { .string($0) }),
      "scale": [
        "count": .number(version.scale.count),
        "best": .number(version.scale.best),
        "generic": levels(version.scale.genericDescriptors),
      ],
      "default_threshold": .number(version.defaultThreshold),
      "threshold_source": .string(version.thresholdSource.rawValue),
      "elements": .array(
        version.elements.map { element in
          var json: TestJSON = [
            "id": .string(element.id),
            "title": .string(element.title),
            "strands": .array(
              element.strands.map { strand in
                [
                  "id": .string(strand.id),
                  "title": .string(strand.title),
                  "source": .string(strand.source.rawValue),
                  "aspects": .array(
                    strand.aspects.map { aspect in
                      [
                        "id": .string(aspect.id),
                        "title": .string(aspect.title),
                        "threshold": .number(aspect.thresholdLevel),
                        "sources": [
                          "title": .string(aspect.sources.title.rawValue),
                          "descriptors": .string(aspect.sources.descriptors.rawValue),
                          "threshold": .string(aspect.sources.threshold.rawValue),
                        ],
                        "descriptors": levels(aspect.descriptors),
                      ]
                    }),
                ]
              }),
          ]
          if let partner = element.partner { json["partner"] = .string(partner) }
          return json
        }),
    ]
    if let publishTime = version.publishTime {
      document["publish_time"] = .string(publishTime.description)
    }
    if let validTo = version.validTo { document["valid_to"] = .string(validTo.description) }
    if let rule = version.level2Rule {
      document["level2_rule"] = [
        "required_element_id": .string(rule.requiredElementId),
        "additional_elements_min": .number(rule.additionalElementsMin),
      ]
    }
    return document.serialised(reversingKeys: true)
  }
}
