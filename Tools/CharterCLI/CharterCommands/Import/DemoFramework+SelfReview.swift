public import Contracts
public import DemoData

extension DemoFramework {
  /// The facts demo reviews need, taken from the self-review service's own GetFramework
  /// answer, so the service stays the one place that knows the framework: elements and their
  /// aspects in order, each aspect's threshold (the framework's default where an aspect sets
  /// none), which way the scale runs, and the Level 2 rule.
  ///
  /// - Throws: ``DemoFrameworkError`` for a framework demo reviews cannot be made on: no
  ///   scale, or one whose best level is neither end; a threshold off the scale; no Level 2
  ///   rule, or one naming an element the framework lacks; or too few elements for the
  ///   profiles' promises (`level2` needs the rule's elements plus one left below the
  ///   standard, `partway` at least one other element in the rule).
  public init(_ framework: SelfReview.Framework) throws(DemoFrameworkError) {
    let id = framework.frameworkId
    guard let scale = framework.scale else { throw .noScale(framework: id) }
    let count = Int(scale.count)
    let best = Int(scale.best)
    guard count >= 2, best == 1 || best == count else {
      throw .badScale(framework: id, count: count, best: best)
    }
    guard let rule = framework.level2Rule, !rule.requiredElementId.isEmpty else {
      throw .noLevel2Rule(framework: id)
    }
    guard framework.elements.contains(where: { $0.elementId == rule.requiredElementId }) else {
      throw .unknownLevel2Element(framework: id, element: rule.requiredElementId)
    }
    let others = Int(rule.additionalElementsMin)
    guard others >= 1, framework.elements.count >= others + 2 else {
      throw .tooFewElements(framework: id, elements: framework.elements.count, others: others)
    }
    var elements: [Element] = []
    for element in framework.elements {
      var aspects: [Aspect] = []
      for aspect in element.aspects {
        let threshold =
          Int(aspect.thresholdLevel == 0 ? framework.defaultThreshold : aspect.thresholdLevel)
        guard (1...count).contains(threshold) else {
          throw .thresholdOffScale(framework: id, aspect: aspect.aspectId, threshold: threshold)
        }
        aspects.append(Aspect(id: aspect.aspectId, title: aspect.title, threshold: threshold))
      }
      elements.append(Element(id: element.elementId, aspects: aspects))
    }
    self.init(
      elements: elements,
      levelCount: count,
      bestLevel: best,
      level2Element: rule.requiredElementId,
      level2Others: others
    )
  }
}

/// Why demo reviews cannot be made on a framework the service answered with.
public enum DemoFrameworkError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The framework has no rating scale.
  case noScale(framework: String)
  /// The scale has fewer than two levels, or its best level is neither 1 nor the last.
  case badScale(framework: String, count: Int, best: Int)
  /// An aspect's threshold is not a level of the scale.
  case thresholdOffScale(framework: String, aspect: String, threshold: Int)
  /// The framework has no Level 2 rule.
  case noLevel2Rule(framework: String)
  /// The Level 2 rule names an element the framework does not have.
  case unknownLevel2Element(framework: String, element: String)
  /// Too few elements (or other elements in the rule) for the review profiles.
  case tooFewElements(framework: String, elements: Int, others: Int)

  public var description: String {
    switch self {
    case .noScale(let framework):
      "framework \(framework) has no rating scale"
    case .badScale(let framework, let count, let best):
      "framework \(framework) has a scale of \(count) levels with \(best) the best; demo "
        + "reviews need at least two levels with the best at one end"
    case .thresholdOffScale(let framework, let aspect, let threshold):
      "framework \(framework): aspect \(aspect) has threshold \(threshold), not a level of "
        + "its scale"
    case .noLevel2Rule(let framework):
      "framework \(framework) has no Level 2 rule"
    case .unknownLevel2Element(let framework, let element):
      "framework \(framework): the Level 2 rule names element \(element), which it lacks"
    case .tooFewElements(let framework, let elements, let others):
      "framework \(framework) has \(elements) elements and a Level 2 rule asking for \(others) "
        + "others; demo reviews need at least one other in the rule and one element to spare"
    }
  }
}
