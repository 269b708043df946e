extension FrameworkVersion {
  /// The next step for every aspect of the review, optionally of one element only.
  ///
  /// Aspects below their threshold come first, each group in framework order, so a school sees
  /// first what stands between it and the ICT Mark.
  ///
  /// - Parameters:
  ///   - ratings: The review's current ratings, by aspect id.
  ///   - elementId: Only aspects of this element; `nil` means all.
  /// - Returns: One step per aspect.
  /// - Throws: ``SelfReviewRuleError/unknownElement(elementId:frameworkId:)`` when `elementId`
  ///   is not an element of this version.
  public func nextSteps(
    for ratings: [String: AspectRating],
    inElement elementId: String? = nil
  ) throws(SelfReviewRuleError) -> [NextStep] {
    let chosen: [Element]
    if let elementId {
      guard let element = element(id: elementId) else {
        throw .unknownElement(elementId: elementId, frameworkId: id)
      }
      chosen = [element]
    } else {
      chosen = elements
    }
    let steps = chosen.flatMap { element in
      element.aspects.map { aspect in
        let level = ratings[aspect.id]?.level.flatMap { scale.contains($0) ? $0 : nil }
        let next = scale.nextLevelUp(from: level)
        return NextStep(
          aspectId: aspect.id,
          aspectTitle: aspect.title,
          elementId: element.id,
          currentLevel: level,
          nextLevel: next,
          nextLevelDescriptor: next.flatMap { aspect.descriptor(for: $0) },
          thresholdLevel: aspect.thresholdLevel,
          meetsThreshold: scale.meets(level: level, threshold: aspect.thresholdLevel))
      }
    }
    return steps.filter { !$0.meetsThreshold } + steps.filter(\.meetsThreshold)
  }
}
