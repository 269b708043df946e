internal import Contracts
internal import DemoData

/// The end of a demo-review import: how many reviews were loaded (with how many ratings),
/// which rows were skipped or failed and why, and the exit status.
///
/// Counts and lists are in file order whatever order the calls completed in. Loading is
/// idempotent (a review already started is reused, and re-rating the same levels changes
/// nothing that matters), so a stopped import is finished by running it again.
public struct DemoReviewImportSummary: Sendable, Hashable {
  /// The rows' outcomes, in file order.
  public var outcomes: [DemoReviewOutcome]
  /// Why the import stopped before loading every review, if it did.
  public var stopReason: String?
  /// How long the import took.
  public var elapsed: Duration

  public init(outcomes: [DemoReviewOutcome], stopReason: String? = nil, elapsed: Duration = .zero) {
    self.outcomes = outcomes
    self.stopReason = stopReason
    self.elapsed = elapsed
  }

  /// Reviews loaded.
  public var loadedCount: Int { count { if case .loaded = $0 { true } else { false } } }
  /// Ratings stored over all loaded reviews.
  public var ratingCount: Int {
    outcomes.reduce(0) { total, outcome in
      if case .loaded(let ratings) = outcome.result { total + ratings } else { total }
    }
  }
  /// Rows skipped (profile `none`).
  public var skippedCount: Int { count { $0 == .skipped } }
  /// Rows refused, by the client-side checks or the service.
  public var rejectedCount: Int { count { if case .rejected = $0 { true } else { false } } }
  /// Reviews not loaded because the import stopped.
  public var notLoadedCount: Int { count { if case .notLoaded = $0 { true } else { false } } }

  /// The rows that make the import fail, in file order: rejected rows and rows not loaded.
  public var failures: [DemoReviewOutcome] {
    outcomes.filter {
      switch $0.result {
      case .loaded, .skipped: false
      case .rejected, .notLoaded: true
      }
    }
  }

  /// 0 when every review was loaded (skipped rows are fine), 1 otherwise.
  public var exitStatus: Int32 { failures.isEmpty ? 0 : 1 }

  /// Loaded reviews per profile, in the profiles' order, leaving out profiles with none:
  /// `started 30, partway 210, level2 48, all-at-standard 12`.
  public var loadedByProfile: String {
    ReviewProfile.allCases.compactMap { profile in
      let loaded = outcomes.count { outcome in
        guard case .loaded = outcome.result else { return false }
        return outcome.profile == profile
      }
      return loaded == 0 ? nil : "\(profile.rawValue) \(loaded)"
    }.joined(separator: ", ")
  }

  /// The summary for people: the counts, the profiles loaded, why the import stopped (if it
  /// did), then up to `limit` failing rows as `row <n> (urn <urn>): <reason>`.
  public func report(limit: Int = 50) -> [String] {
    var counts =
      "loaded \(loadedCount) review\(loadedCount == 1 ? "" : "s") (\(ratingCount) ratings), "
      + "skipped \(skippedCount) (review_profile none), rejected \(rejectedCount)"
    if notLoadedCount > 0 { counts += ", not loaded \(notLoadedCount)" }
    var lines = [counts]
    if loadedCount > 0 { lines.append("loaded by profile: " + loadedByProfile) }
    if let stopReason {
      lines.append("the import stopped early: \(stopReason)")
      if notLoadedCount > 0 {
        lines.append(
          "\(notLoadedCount) review\(notLoadedCount == 1 ? " was" : "s were") not loaded; "
            + "run the import again to finish (loading a review twice is harmless)"
        )
      }
    }
    return lines + failureLines(limit: limit)
  }

  /// Up to `limit` rejected rows as `row <n> (urn <urn>): <reason>`, then how many more.
  public func failureLines(limit: Int = 50) -> [String] {
    let listed = failures.filter { if case .notLoaded = $0.result { false } else { true } }
    var lines = listed.prefix(limit).map(Self.line(for:))
    if listed.count > limit { lines.append("… and \(listed.count - limit) more") }
    return lines
  }

  /// One failing row as `row <n> (urn <urn>): <reason>`.
  public static func line(for outcome: DemoReviewOutcome) -> String {
    let urn = outcome.urn.isEmpty ? "no urn" : "urn \(outcome.urn)"
    return "row \(outcome.row) (\(urn)): \(reason(of: outcome.result))"
  }

  /// The counts and failing rows as one JSON object, for `--json`.
  public func json() -> String {
    var text = "{\"loaded\":\(loadedCount),\"ratings\":\(ratingCount)"
    text += ",\"skipped\":\(skippedCount),\"rejected\":\(rejectedCount)"
    text += ",\"notLoaded\":\(notLoadedCount)"
    if let stopReason { text += ",\"stopReason\":" + JSONString.quoted(stopReason) }
    text += ",\"failures\":["
    text += failures.map { outcome in
      "{\"row\":\(outcome.row),\"urn\":\(JSONString.quoted(outcome.urn)),\"reason\":"
        + JSONString.quoted(Self.reason(of: outcome.result)) + "}"
    }.joined(separator: ",")
    return text + "]}"
  }

  private static func reason(of result: DemoReviewOutcome.Result) -> String {
    switch result {
    case .loaded(let ratings): "loaded with \(ratings) ratings"
    case .skipped: "skipped"
    case .rejected(let reason), .notLoaded(let reason): reason
    }
  }

  private func count(where predicate: (DemoReviewOutcome.Result) -> Bool) -> Int {
    outcomes.reduce(0) { predicate($1.result) ? $0 + 1 : $0 }
  }
}
