public import CharterValues

/// A school's self-review as evaluation learns it from the self-review service's event feed
/// (never its database): each rated aspect's level and whether it has commentary, and whether
/// the framework is at the national standard. Applications record it as their snapshot.
public struct SelfReviewStanding: Sendable, Hashable {
  /// One rated aspect.
  public struct Aspect: Sendable, Hashable {
    public var aspectID: String
    public var level: Int
    public var hasCommentary: Bool

    public init(aspectID: String, level: Int, hasCommentary: Bool) {
      self.aspectID = aspectID
      self.level = level
      self.hasCommentary = hasCommentary
    }
  }

  public var frameworkID: String
  /// The rated aspects, by id.
  public var aspects: [Aspect]
  /// Whether every element of the framework is at the national standard (from the feed's
  /// framework standing events).
  public var atNationalStandard: Bool
  /// When the self-review last changed.
  public var updatedAt: UTCTime

  public init(frameworkID: String, aspects: [Aspect], atNationalStandard: Bool, updatedAt: UTCTime) {
    self.frameworkID = frameworkID
    self.aspects = aspects
    self.atNationalStandard = atNationalStandard
    self.updatedAt = updatedAt
  }

  /// Whether every rated aspect has commentary. With the framework at the national standard
  /// every aspect is rated, so this is the Naace rule "commentary covers each aspect".
  public var commentaryComplete: Bool { !aspects.isEmpty && aspects.allSatisfy(\.hasCommentary) }

  /// The aspects still without commentary, by id.
  public var aspectsWithoutCommentary: [String] { aspects.filter { !$0.hasCommentary }.map(\.aspectID) }
}

/// Whether a school may apply for the ICT Mark (CHARTER-DOMAIN.md §3, §7.1): every aspect of
/// every element at its threshold, with commentary; and, after a NOT_MET outcome, only once the
/// school has worked on its self-review again.
public enum MarkEligibility {
  /// Why the school may not apply now; empty when it may.
  ///
  /// - Parameters:
  ///   - standing: Its self-review as learnt from the feed; `nil` when it has none.
  ///   - lastNotMetAt: When its latest application ended NOT_MET, if it did.
  public static func reasons(standing: SelfReviewStanding?, lastNotMetAt: UTCTime? = nil) -> [String] {
    guard let standing else { return ["the school has not started its self-review"] }
    var reasons: [String] = []
    if !standing.atNationalStandard {
      reasons.append("not every aspect of the framework is at its threshold (the national standard)")
    }
    let missing = standing.aspectsWithoutCommentary
    if standing.aspects.isEmpty {
      reasons.append("no aspect is rated")
    } else if !missing.isEmpty {
      let shown = missing.prefix(8).joined(separator: ", ") + (missing.count > 8 ? ", …" : "")
      reasons.append("aspects without commentary: \(shown)")
    }
    if let lastNotMetAt, standing.updatedAt <= lastNotMetAt {
      reasons.append(
        "the last assessment was not met on \(lastNotMetAt.date); the school returns to its self-review and "
          + "applies again once it has updated it")
    }
    return reasons
  }
}
