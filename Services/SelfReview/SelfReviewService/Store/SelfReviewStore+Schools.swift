import Contracts
import Storage

/// The registry's schools as this service knows them (its read model), and the benchmark
/// totals their ratings count towards.
extension SelfReviewStore {
  /// A school as the registry last described it.
  struct SchoolRecord: Sendable, Equatable {
    let urn: String
    let name: String
    let localAuthorityCode: String
    let phase: Int
    let committed: Bool
    let withdrawn: Bool

    /// The benchmark totals this school's ratings count towards (none once withdrawn).
    var scopes: [String]? {
      withdrawn ? nil : ["national", "la:\(localAuthorityCode)", "phase:\(phase)"]
    }
  }

  func school(urn: String) async throws -> SchoolRecord? {
    try await database.read { db in try Self.school(urn: urn, in: db) }
  }

  static func school(urn: String, in db: Connection) throws -> SchoolRecord? {
    try db.fetchOne(
      sql: "SELECT urn, name, la_code, phase, committed, withdrawn FROM school WHERE urn = ?", arguments: [urn]
    ).map { row in
      SchoolRecord(
        urn: try row.value(at: 0), name: try row.value(at: 1), localAuthorityCode: try row.value(at: 2),
        phase: try row.value(at: 3), committed: try row.value(Int.self, at: 4) == 1,
        withdrawn: try row.value(Int.self, at: 5) == 1)
    }
  }

  /// Applies one registry event to the read model, inside the transaction that records the
  /// feed position (see `EventFeedConsumer`). Events about people are not needed here.
  static func apply(_ event: Registry.RegistryEvent, in db: Connection) throws {
    let school: Registry.School?
    switch event.payload {
    case .schoolRegistered(let e)?: school = e.school
    case .schoolCommitted(let e)?: school = e.school
    case .publicListingChanged(let e)?: school = e.school
    case .schoolDetailsChanged(let e)?: school = e.school
    case .schoolWithdrawn(let e)?: school = e.school
    default: school = nil
    }
    if let school { try upsert(school, in: db) }
  }

  /// Records the registry's latest view of a school; when its authority or phase changes, or
  /// it withdraws, its ratings move between benchmark totals accordingly.
  static func upsert(_ school: Registry.School, in db: Connection) throws {
    let old = try Self.school(urn: school.urn, in: db)
    let new = SchoolRecord(
      urn: school.urn, name: school.name, localAuthorityCode: school.localAuthority?.code ?? "",
      phase: Int(school.phase.rawValue), committed: school.commitment?.committed ?? false,
      withdrawn: school.withdrawal != nil)
    guard new != old else { return }
    try db.execute(
      sql: """
        INSERT INTO school (urn, name, la_code, phase, committed, withdrawn) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (urn) DO UPDATE SET name = excluded.name, la_code = excluded.la_code, phase = excluded.phase,
          committed = excluded.committed, withdrawn = excluded.withdrawn
        """,
      arguments: [new.urn, new.name, new.localAuthorityCode, new.phase, new.committed ? 1 : 0, new.withdrawn ? 1 : 0])
    let before = old?.scopes
    let after = new.scopes
    guard before != after else { return }
    let review = try db.fetchOne(sql: "SELECT framework_id FROM review WHERE urn = ?", arguments: [school.urn])
    guard let framework: String = try review?.value(at: 0) else { return }
    for row in try db.fetchAll(sql: "SELECT aspect_id, level FROM rating WHERE urn = ?", arguments: [school.urn]) {
      let aspect: String = try row.value(at: 0)
      let level: Int = try row.value(at: 1)
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
