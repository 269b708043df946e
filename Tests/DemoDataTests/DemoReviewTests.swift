import DemoData
import Testing

@Suite("Demo reviews: each profile's promise holds for every school")
struct DemoReviewTests {
  /// The shape of the Charter's eight-element framework (level 1 best).
  static let charter = DemoFramework(
    elements: [
      ("E1", [2, 3, 3, 3, 3, 2, 3, 3, 3]), ("E2", [3, 3, 3, 3]), ("E3", [3, 3, 3, 3]), ("E4", [3, 3, 3, 3]),
      ("E5", [3, 3, 2, 3]), ("E6", [3, 3, 3, 3]), ("E7", [3, 3, 3, 3, 3]), ("E8", [3, 3, 3, 3]),
    ].map { id, thresholds in
      DemoFramework.Element(
        id: id,
        aspects: thresholds.enumerated().map {
          DemoFramework.Aspect(id: "\(id)-\($0.offset)", title: "Aspect \($0.offset)", threshold: $0.element)
        })
    },
    levelCount: 5, bestLevel: 1, level2Element: "E1", level2Others: 2)

  /// The same framework on an inverted scale (level 5 best, thresholds mirrored).
  static let inverted: DemoFramework = {
    var framework = charter
    framework.bestLevel = 5
    framework.elements = framework.elements.map { element in
      var element = element
      element.aspects = element.aspects.map {
        var a = $0
        a.threshold = 6 - a.threshold
        return a
      }
      return element
    }
    return framework
  }()

  /// Elements with every aspect rated at or beyond threshold.
  static func elementsAtStandard(_ ratings: [DemoRating], _ framework: DemoFramework) -> Set<String> {
    let levels = Dictionary(uniqueKeysWithValues: ratings.map { ($0.aspectID, $0.level) })
    return Set(
      framework.elements.filter { element in
        element.aspects.allSatisfy { aspect in levels[aspect.id].map { framework.meets($0, aspect.threshold) } ?? false
        }
      }.map(\.id))
  }

  static func level2(_ reached: Set<String>, _ framework: DemoFramework) -> Bool {
    reached.contains(framework.level2Element) && reached.count - 1 >= framework.level2Others
  }

  static let urns = (0..<1500).map { String(100000 + $0 * 7) }

  @Test("none rates nothing; started rates a few aspects and reaches no element", arguments: [charter, inverted])
  func earlyProfiles(framework: DemoFramework) {
    for urn in Self.urns {
      #expect(DemoReview.ratings(urn: urn, profile: .none, framework: framework, seed: 1).isEmpty)
      let started = DemoReview.ratings(urn: urn, profile: .started, framework: framework, seed: 1)
      #expect((1...16).contains(started.count), "\(urn): \(started.count) ratings")
      #expect(Self.elementsAtStandard(started, framework).isEmpty)
    }
  }

  @Test(
    "partway never adds up to Level 2; level2 always does without reaching everything", arguments: [charter, inverted])
  func middleProfiles(framework: DemoFramework) {
    var partwayReachedSome = 0
    for urn in Self.urns {
      let partway = DemoReview.ratings(urn: urn, profile: .partway, framework: framework, seed: 1)
      let reached = Self.elementsAtStandard(partway, framework)
      #expect(!Self.level2(reached, framework), "\(urn) partway reached \(reached)")
      if !reached.isEmpty { partwayReachedSome += 1 }
      #expect(partway.count >= 10, "\(urn): partway rated only \(partway.count)")

      let recognised = DemoReview.ratings(urn: urn, profile: .level2, framework: framework, seed: 1)
      let recognisedReached = Self.elementsAtStandard(recognised, framework)
      #expect(Self.level2(recognisedReached, framework), "\(urn) level2 reached only \(recognisedReached)")
      #expect(recognisedReached.count < framework.elements.count)
    }
    // "Some at the national standard": a good share, not all.
    #expect(partwayReachedSome > Self.urns.count / 3 && partwayReachedSome < Self.urns.count)
  }

  @Test(
    "all-at-standard meets every threshold with commentary and evidence on every aspect",
    arguments: [charter, inverted])
  func allAtStandard(framework: DemoFramework) {
    let aspects = framework.elements.flatMap(\.aspects)
    for urn in Self.urns {
      let ratings = DemoReview.ratings(urn: urn, profile: .allAtStandard, framework: framework, seed: 1)
      #expect(ratings.map(\.aspectID) == aspects.map(\.id))
      #expect(Self.elementsAtStandard(ratings, framework).count == framework.elements.count)
      #expect(ratings.allSatisfy { !$0.commentary.isEmpty && !$0.evidence.isEmpty })
      #expect(ratings.allSatisfy { (1...framework.levelCount).contains($0.level) })
    }
  }

  @Test("the same seed and URN give the same review; others differ")
  func deterministic() {
    let a = DemoReview.ratings(urn: "123456", profile: .partway, framework: Self.charter, seed: 7)
    #expect(a == DemoReview.ratings(urn: "123456", profile: .partway, framework: Self.charter, seed: 7))
    #expect(a != DemoReview.ratings(urn: "123457", profile: .partway, framework: Self.charter, seed: 7))
    #expect(a != DemoReview.ratings(urn: "123456", profile: .partway, framework: Self.charter, seed: 8))
  }
}
