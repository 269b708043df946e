import CharterValues
import Contracts
import RegistryReplica
import ServiceKit
import Storage

/// The registry's schools as this service knows them (its replica), and the benchmark totals
/// their ratings count towards.
extension SelfReviewStore {
  func school(urn: String) async throws -> RegistrySchool? {
    guard let parsed = SchoolURN(urn) else { return nil }
    return try await database.read { db in try RegistrySchoolsReplica.school(parsed, in: db) }
  }

  /// The benchmark totals a school's ratings count towards (none once withdrawn).
  static func benchmarkScopes(of school: RegistrySchool) -> [String]? {
    school.isWithdrawn ? nil : ["national", "la:\(school.localAuthorityCode)", "phase:\(school.phase.rawValue)"]
  }

  /// When the registry moves a school to another authority or phase, or withdraws it, its
  /// ratings move between benchmark totals accordingly (in the transaction that applies the
  /// registry's event).
  static func schoolChanged(from old: RegistrySchool?, to new: RegistrySchool, in db: Connection) throws {
    let before = old.flatMap(benchmarkScopes)
    let after = benchmarkScopes(of: new)
    guard before != after else { return }
    let review = try db.fetchOne(sql: "SELECT framework_id FROM review WHERE urn = ?", arguments: [new.urn.rawValue])
    guard let framework: String = try review?["framework_id"] else { return }
    for row in try db.fetchAll(sql: "SELECT aspect_id, level FROM rating WHERE urn = ?", arguments: [new.urn.rawValue])
    {
      let aspect: String = try row["aspect_id"]
      let level: Int = try row["level"]
      if let before {
        try adjustTotals(
          framework: framework, aspect: aspect, scopes: before, levelDelta: -level, countDelta: -1, in: db)
      }
      if let after {
        try adjustTotals(framework: framework, aspect: aspect, scopes: after, levelDelta: level, countDelta: 1, in: db)
      }
    }
  }

  static func adjustTotals(
    framework: String, aspect: String, scopes: [String], levelDelta: Int, countDelta: Int, in db: Connection
  ) throws {
    for scope in scopes {
      // Update in place; insert only for a first rating. (An upsert would check the candidate
      // row's CHECK constraints, with negative deltas, before resolving the conflict.)
      try db.execute(
        sql: """
          UPDATE level_total SET level_sum = level_sum + ?, school_count = school_count + ?
          WHERE framework_id = ? AND scope = ? AND aspect_id = ?
          """,
        arguments: [levelDelta, countDelta, framework, scope, aspect])
      if db.changedRowCount == 0 {
        try db.execute(
          sql:
            "INSERT INTO level_total (framework_id, scope, aspect_id, level_sum, school_count) VALUES (?, ?, ?, ?, ?)",
          arguments: [framework, scope, aspect, levelDelta, countDelta])
      }
    }
  }
}
