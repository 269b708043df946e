extension FrameworkMapping {
  /// Carries a review's ratings over to the new version.
  ///
  /// Rules, for each new aspect:
  /// - **Level:** each contributing old level is converted with the level conversion; when
  ///   several old aspects map onto one new aspect, the new aspect takes the **weakest**
  ///   converted level (on the new scale's direction). A school meets the new threshold only if
  ///   it met it in every part the new aspect now covers, which is the cautious reading an
  ///   assessor would take. Unrated contributors do not count; if none is rated, the new aspect
  ///   is unrated. A stored level that is not on the old scale counts as unrated.
  /// - **Commentary:** a single contributor's commentary is carried over as written; several
  ///   are joined in mapping order, separated by a blank line, each prefixed with its old
  ///   aspect id in brackets (`[1d1] …`). Blank commentary is skipped.
  /// - **Evidence:** the references of all contributors, in mapping order, without duplicates.
  /// - An old aspect mapped onto several new aspects gives each of them its rating.
  ///
  /// The result is not checked against ``RatingLimits``: joined commentary can be longer than a
  /// school may type into one rating.
  ///
  /// - Parameter ratings: The review's ratings on the old version, by aspect id.
  /// - Returns: The ratings on the new version and what was dropped.
  public func migrate(_ ratings: [String: AspectRating]) -> ReviewMigration {
    var contributors: [String: [(from: String, rating: AspectRating)]] = [:]
    var targetOrder: [String] = []
    var dropped: [String] = []
    for mapping in aspectMappings {
      guard let rating = ratings[mapping.fromAspectId], !rating.isEmpty else { continue }
      if mapping.toAspectIds.isEmpty { dropped.append(mapping.fromAspectId) }
      for target in mapping.toAspectIds {
        if contributors[target] == nil { targetOrder.append(target) }
        contributors[target, default: []].append((mapping.fromAspectId, rating))
      }
    }
    let known = Set(aspectMappings.map(\.fromAspectId))
    dropped += ratings.filter { !known.contains($0.key) && !$0.value.isEmpty }.keys.sorted()

    var migrated: [String: AspectRating] = [:]
    var sources: [String: [String]] = [:]
    for target in targetOrder {
      let parts = contributors[target] ?? []
      let levels = parts.compactMap { $0.rating.level.flatMap(convert(level:)) }
      let commented = parts.filter(\.rating.hasCommentary)
      let commentary =
        commented.count == 1
        ? commented[0].rating.commentary
        : commented.map { "[\($0.from)] \($0.rating.commentary)" }.joined(separator: "\n\n")
      var evidence: [EvidenceReference] = []
      for reference in parts.flatMap(\.rating.evidence) where !evidence.contains(reference) {
        evidence.append(reference)
      }
      migrated[target] = AspectRating(
        level: targetScale.weakest(of: levels), commentary: commentary, evidence: evidence)
      sources[target] = parts.map(\.from)
    }
    return ReviewMigration(ratings: migrated, sources: sources, droppedAspectIds: dropped)
  }
}
