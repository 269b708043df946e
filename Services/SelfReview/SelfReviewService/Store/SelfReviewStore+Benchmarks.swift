import ServiceKit
import Storage

/// Benchmark totals for a framework version: level sums and school counts per aspect,
/// nationally, per local authority and per phase (maintained with every rating).
extension SelfReviewStore {
  /// Sums and counts for one scope.
  struct ScopeTotals: Sendable {
    var byAspect: [String: (sum: Int, count: Int)] = [:]
  }

  /// The totals of the national, authority and phase scopes a school belongs to.
  func totals(framework: String, localAuthority: String, phase: Int) async throws -> (
    national: ScopeTotals, authority: ScopeTotals, phase: ScopeTotals
  ) {
    try await database.read { db in
      var national = ScopeTotals()
      var authority = ScopeTotals()
      var samePhase = ScopeTotals()
      let la = "la:\(localAuthority)"
      let ph = "phase:\(phase)"
      for row in try db.fetchAll(
        sql:
          "SELECT scope, aspect_id, level_sum, school_count FROM level_total WHERE framework_id = ? AND scope IN ('national', ?, ?)",
        arguments: [framework, la, ph])
      {
        let scope: String = try row["scope"]
        let entry = (try row["level_sum"] as Int, try row["school_count"] as Int)
        let aspect: String = try row["aspect_id"]
        switch scope {
        case "national": national.byAspect[aspect] = entry
        case la: authority.byAspect[aspect] = entry
        default: samePhase.byAspect[aspect] = entry
        }
      }
      return (national, authority, samePhase)
    }
  }
}
