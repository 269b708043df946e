/// Where a school's whole review stands, computed from its current ratings and never stored.
///
/// This is the data behind GetReviewStatus and the events the service emits when a rating
/// changes (see ``StandingChange``). It applies the derived predicates of the Charter domain
/// notes (§7.1), with the direction of the scale taken from the framework:
/// - an aspect is met when its level is set and at least as developed as its threshold;
/// - an element is at the national standard when every one of its aspects is met;
/// - the framework is at the national standard when every element is;
/// - progress is the share of aspects that are rated and have commentary;
/// - commentary is complete when every aspect has non-blank commentary;
/// - the Charter level 2 rule holds when its required element and enough others are at the
///   national standard.
///
/// Ratings for ids that are not aspects of the framework are ignored (RateAspect refuses them
/// in the first place).
public struct ReviewStanding: Sendable, Hashable {
  /// The framework version the standing was computed on.
  public let frameworkId: String
  /// Per aspect, in framework order.
  public let aspects: [AspectStanding]
  /// Per element, in framework order.
  public let elements: [ElementStanding]
  /// Whether every element is at the national standard (with ``commentaryComplete``, the ICT
  /// Mark eligibility test).
  public let atNationalStandard: Bool
  /// Share of aspects that are rated and have commentary, from 0 to 1.
  public let progress: Double
  /// Whether every aspect has non-blank commentary.
  public let commentaryComplete: Bool
  /// Whether the Charter level 2 rule holds; `false` for a framework without one.
  public let level2RuleHolds: Bool

  /// Computes the standing of a review.
  ///
  /// - Parameters:
  ///   - framework: The version the review uses.
  ///   - ratings: The current ratings, by aspect id; a missing entry is an unrated aspect.
  public init(framework: FrameworkVersion, ratings: [String: AspectRating]) {
    let scale = framework.scale
    var aspects: [AspectStanding] = []
    var elements: [ElementStanding] = []
    for element in framework.elements {
      let standings = element.aspects.map { aspect in
        let rating = ratings[aspect.id]
        let level = rating?.level.flatMap { scale.contains($0) ? $0 : nil }
        return AspectStanding(
          aspectId: aspect.id,
          elementId: element.id,
          level: level,
          thresholdLevel: aspect.thresholdLevel,
          meetsThreshold: scale.meets(level: level, threshold: aspect.thresholdLevel),
          hasCommentary: rating?.hasCommentary ?? false)
      }
      let below = standings.filter { !$0.meetsThreshold }.map(\.aspectId)
      elements.append(
        ElementStanding(
          elementId: element.id,
          atNationalStandard: below.isEmpty,
          aspectsMet: standings.count - below.count,
          aspectsTotal: standings.count,
          aspectsRated: standings.count(where: \.isRated),
          aspectsBelowThreshold: below,
          commentaryComplete: standings.allSatisfy(\.hasCommentary)))
      aspects += standings
    }
    self.frameworkId = framework.id
    self.aspects = aspects
    self.elements = elements
    self.atNationalStandard = elements.allSatisfy(\.atNationalStandard)
    self.progress =
      aspects.isEmpty ? 0 : Double(aspects.count(where: \.isComplete)) / Double(aspects.count)
    self.commentaryComplete = aspects.allSatisfy(\.hasCommentary)
    let atStandard = elements.filter(\.atNationalStandard).map(\.elementId)
    self.level2RuleHolds = framework.level2Rule?.holds(elementsAtStandard: atStandard) ?? false
  }

  /// The elements at the national standard, in framework order.
  public var elementsAtStandard: [String] {
    elements.filter(\.atNationalStandard).map(\.elementId)
  }

  /// The elements below the national standard, in framework order.
  public var elementsBelowStandard: [String] {
    elements.filter { !$0.atNationalStandard }.map(\.elementId)
  }

  /// The standing of one aspect.
  public func aspect(id: String) -> AspectStanding? {
    aspects.first { $0.aspectId == id }
  }

  /// The standing of one element.
  public func element(id: String) -> ElementStanding? {
    elements.first { $0.elementId == id }
  }
}
