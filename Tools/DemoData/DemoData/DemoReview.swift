/// The facts about a framework version a demo review needs: its elements, their aspects and
/// thresholds, which way its scale runs, and the Level 2 rule.
///
/// A plain value rather than the self-review contract so that the demo data stays free of the
/// wire types; the CLI fills it from the service's own `GetFramework` answer, so the service
/// remains the one place that knows the framework.
public struct DemoFramework: Sendable, Hashable {
  /// One element and its aspects, in framework order.
  public struct Element: Sendable, Hashable {
    public var id: String
    public var aspects: [Aspect]
    public init(id: String, aspects: [Aspect]) {
      self.id = id
      self.aspects = aspects
    }
  }

  /// One aspect and its national-standard threshold level.
  public struct Aspect: Sendable, Hashable {
    public var id: String
    public var title: String
    public var threshold: Int
    public init(id: String, title: String, threshold: Int) {
      self.id = id
      self.title = title
      self.threshold = threshold
    }
  }

  public var elements: [Element]
  /// How many levels the scale has (levels run 1…levelCount).
  public var levelCount: Int
  /// The most developed level: 1 or `levelCount`.
  public var bestLevel: Int
  /// The element Level 2 needs (Leadership and management).
  public var level2Element: String
  /// How many other elements Level 2 needs at the standard.
  public var level2Others: Int

  public init(elements: [Element], levelCount: Int, bestLevel: Int, level2Element: String, level2Others: Int) {
    self.elements = elements
    self.levelCount = levelCount
    self.bestLevel = bestLevel
    self.level2Element = level2Element
    self.level2Others = level2Others
  }

  /// Whether `level` is at or beyond `threshold` on this scale.
  public func meets(_ level: Int, _ threshold: Int) -> Bool {
    bestLevel == 1 ? level <= threshold : level >= threshold
  }

  /// `level` moved `steps` towards the most developed level (negative: away), kept on the scale.
  func step(_ level: Int, by steps: Int) -> Int {
    let moved = bestLevel == 1 ? level - steps : level + steps
    return min(max(moved, 1), levelCount)
  }
}

/// One demo rating: an aspect, a level and what the school wrote about it.
public struct DemoRating: Sendable, Hashable {
  public var aspectID: String
  public var level: Int
  public var commentary: String
  /// Evidence as (title, where it is kept).
  public var evidence: [DemoEvidence]
}

/// A piece of evidence a demo school points to.
public struct DemoEvidence: Sendable, Hashable {
  public var title: String
  public var location: String
}

/// Turns a school's coarse ``ReviewProfile`` into concrete, varied ratings.
///
/// Deterministic from the seed and the URN, so reloading the demo gives the same reviews.
/// What each profile promises holds by construction:
///
/// - ``ReviewProfile/started``: a handful of aspects, no element at the standard;
/// - ``ReviewProfile/partway``: most aspects rated, some elements at the standard, but never
///   the Level 2 combination;
/// - ``ReviewProfile/level2``: the Level 2 element plus at least the required number of other
///   elements at the standard, never all of them;
/// - ``ReviewProfile/allAtStandard``: every aspect at or beyond its threshold, with commentary.
public enum DemoReview {
  /// The ratings for one school; empty for ``ReviewProfile/none``.
  public static func ratings(urn: String, profile: ReviewProfile, framework: DemoFramework, seed: UInt64)
    -> [DemoRating]
  {
    var random = RandomSource(seed: seed ^ (UInt64(urn) ?? 0) &* 0x9E37_79B9, stream: 0x5245_5649_4557)
    let ids = framework.elements.map(\.id)
    let others = ids.filter { $0 != framework.level2Element }
    // Which elements the school has brought to the standard.
    var atStandard: Set<String> = []
    switch profile {
    case .none:
      return []
    case .started:
      break
    case .partway:
      // Up to two elements; if one is Leadership and management, at most one other.
      var pool = ids
      random.shuffle(&pool)
      var chosen = Array(pool.prefix(random.integer(in: 0...2)))
      // Never the Level 2 combination: with Leadership and management, fewer others than the
      // rule needs (dropping from the end keeps the choice deterministic).
      while chosen.contains(framework.level2Element) && chosen.count - 1 >= framework.level2Others {
        if let other = chosen.lastIndex(where: { $0 != framework.level2Element }) {
          chosen.remove(at: other)
        } else {
          chosen.removeAll { $0 == framework.level2Element }
        }
      }
      atStandard = Set(chosen)
    case .level2:
      var pool = others
      random.shuffle(&pool)
      // The rule's minimum and up to three more, short of every element.
      let most = max(framework.level2Others, min(framework.level2Others + 3, others.count - 1))
      let extra = min(random.integer(in: framework.level2Others...most), others.count)
      atStandard = Set([framework.level2Element] + pool.prefix(extra))
    case .allAtStandard:
      atStandard = Set(ids)
    }

    var ratings: [DemoRating] = []
    for element in framework.elements {
      let reached = atStandard.contains(element.id)
      // Aspects rated in this element.
      var aspects = element.aspects
      if !reached {
        switch profile {
        case .started:
          guard element.id == framework.level2Element || random.chance(0.25) else { continue }
          random.shuffle(&aspects)
          aspects = Array(aspects.prefix(random.integer(in: 1...2)))
        case .partway, .level2:
          aspects = aspects.filter { _ in random.chance(0.8) }
        default:
          break
        }
      }
      // An element not reached must have an aspect below its threshold (or left unrated).
      let weakIndex = reached || aspects.count < element.aspects.count ? nil : random.below(max(aspects.count, 1))
      for (index, aspect) in aspects.enumerated() {
        let level: Int
        if reached {
          // At the threshold, sometimes a step or two beyond.
          level = framework.step(aspect.threshold, by: random.index(weightedBy: [6, 3, 1]))
        } else if index == weakIndex {
          level = framework.step(aspect.threshold, by: -random.integer(in: 1...2))
        } else {
          level = framework.step(aspect.threshold, by: random.index(weightedBy: [3, 4, 2, 1]) - 2)
        }
        let withCommentary = reached || profile == .allAtStandard || random.chance(0.7)
        ratings.append(
          DemoRating(
            aspectID: aspect.id, level: level,
            commentary: withCommentary ? commentary(aspect, level: level, framework: framework, random: &random) : "",
            evidence: withCommentary ? evidence(aspect, random: &random) : []))
      }
    }
    return ratings
  }

  private static let openings = [
    "Staff agreed this level at the ICT steering group.",
    "Reviewed by the senior leadership team this term.",
    "Discussed with governors and the ICT co-ordinator.",
    "Agreed after a staff meeting and a pupil voice survey.",
    "Moderated with a partner school in the cluster.",
  ]
  private static let strengths = [
    "Practice is consistent across most year groups.",
    "Good practice exists but is not yet shared by every department.",
    "Recent training has raised confidence noticeably.",
    "Pupils' work shows clear progress in this area.",
    "Resources are in place; use varies between classes.",
  ]
  private static let evidenceTitles = [
    "ICT development plan", "Lesson observation notes", "Pupil voice survey", "Governors' minutes",
    "Staff skills audit", "Schemes of work", "Learning platform usage report", "Parent questionnaire",
  ]
  private static let places = [
    "Staff shared drive", "Learning platform", "Headteacher's office", "ICT co-ordinator's file",
  ]

  private static func commentary(
    _ aspect: DemoFramework.Aspect, level: Int, framework: DemoFramework, random: inout RandomSource
  ) -> String {
    let standing =
      framework.meets(level, aspect.threshold)
      ? "at or beyond the national standard" : "not yet at the national standard"
    return "\(aspect.title): \(standing) (level \(level)). "
      + "\(random.element(of: openings)) \(random.element(of: strengths))"
  }

  private static func evidence(_ aspect: DemoFramework.Aspect, random: inout RandomSource) -> [DemoEvidence] {
    var titles = evidenceTitles
    random.shuffle(&titles)
    return titles.prefix(random.integer(in: 1...3)).map {
      DemoEvidence(title: $0, location: random.element(of: places))
    }
  }
}
