import CharterValues
import Contracts
import FoundationEssentials
import RPCCore
import RegistryReplica
import ServiceKit
import Storage

/// Reviews: starting one, rating aspects (with history, totals and events), reading them.
extension SelfReviewStore {
  struct ReviewRecord: Sendable, FetchableRecord {
    let urn: String
    let frameworkID: String
    let fingerprint: String
    let createdAt: Int64
    let updatedAt: Int64

    init(row: Row) throws {
      urn = try row["urn"]
      frameworkID = try row["framework_id"]
      fingerprint = try row["framework_fingerprint"]
      createdAt = try row["created_at"]
      updatedAt = try row["updated_at"]
    }
  }

  /// A stored rating with who made it and when.
  struct StoredRating: Sendable {
    let aspectID: String
    let rating: AspectRating
    let ratedAt: Int64
    let ratedBy: Common.Actor?
  }

  /// Starts a school's review against a framework version (idempotent for the same version).
  func startReview(
    urn: String, framework: FrameworkVersion, actor: Common.Actor, now: UTCTime,
    authorize: @escaping @Sendable (RegistrySchool) throws -> Void
  ) async throws -> ReviewRecord {
    let nowMS = now.millisecondsSince1970
    let actorBytes = try actor.serializedBytes()
    return try await database.write { db in
      let school = try Self.activeSchool(urn: urn, in: db)
      try authorize(school)
      guard school.isCommitted else { throw SelfReviewError.schoolNotCommitted(urn: urn) }
      if let existing = try Self.review(urn: urn, in: db) {
        guard existing.frameworkID == framework.id else {
          throw SelfReviewError.reviewUsesOtherFramework(urn: urn, frameworkID: existing.frameworkID)
        }
        return existing
      }
      try db.execute(
        sql:
          "INSERT INTO review (urn, framework_id, framework_fingerprint, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        arguments: [urn, framework.id, framework.fingerprint.description, nowMS, actorBytes, nowMS])
      try self.append(
        .reviewStarted(SelfReview.ReviewStarted(frameworkId: framework.id)), school: urn, actor: actor, at: now, in: db)
      return try Self.review(urn: urn, in: db)!
    }
  }

  /// Stores ratings (one or several) in one transaction: validates each against the review's
  /// framework, keeps history, updates benchmark totals, and appends `aspect_rated` plus
  /// every standing change (element, Level 2 rule, framework) as events.
  func rate(
    urn: String, ratings: [(aspectID: String, rating: AspectRating)], frameworks: FrameworkCatalog,
    actor: Common.Actor, now: UTCTime, authorize: @escaping @Sendable (RegistrySchool) throws -> Void
  ) async throws -> [StoredRating] {
    let nowMS = now.millisecondsSince1970
    let actorBytes = try actor.serializedBytes()
    return try await database.write { db in
      let school = try Self.activeSchool(urn: urn, in: db)
      try authorize(school)
      guard let review = try Self.review(urn: urn, in: db) else { throw SelfReviewError.reviewNotStarted(urn: urn) }
      guard let framework = frameworks.version(id: review.frameworkID) else {
        throw SelfReviewError.frameworkNotFound(id: review.frameworkID)
      }
      for (i, item) in ratings.enumerated() {
        do {
          try framework.validate(item.rating, forAspect: item.aspectID)
        } catch let error as SelfReviewRuleError {
          guard ratings.count > 1 else { throw error }
          throw InvalidField(field: "ratings[\(i)].\(error.field)", reason: error.rpcErrorMessage)
        }
      }
      // Standing changes can only come from the elements of the aspects rated: compare those
      // elements before and after, and work out the whole standing only when one of them moved.
      var levels = try Self.levelsOnly(urn: urn, in: db)
      var affected: [Element] = []
      for item in ratings {
        if let id = framework.elementId(ofAspect: item.aspectID), let element = framework.element(id: id),
          !affected.contains(where: { $0.id == id })
        {
          affected.append(element)
        }
      }
      let elementsBefore = affected.map { framework.scale.elementMeets($0, levels: levels) }
      var previousRatings: [String: AspectRating?] = [:]
      var stored: [StoredRating] = []
      for item in ratings {
        let existing = try Self.storedRating(urn: urn, aspectID: item.aspectID, in: db)
        let previous = existing?.rating
        let level = item.rating.level!
        let evidence = try Self.encode(item.rating.evidence)
        if let existing, previous?.level == level, previous?.commentary == item.rating.commentary,
          existing.evidenceBytes == evidence
        {
          // The same level, commentary and evidence again: nothing happened, nothing to record.
          stored.append(existing.stored)
          continue
        }
        previousRatings[item.aspectID] = previous
        try db.execute(
          sql: """
            INSERT INTO rating (urn, aspect_id, level, commentary, evidence, rated_at, rated_by) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (urn, aspect_id) DO UPDATE SET level = excluded.level, commentary = excluded.commentary,
              evidence = excluded.evidence, rated_at = excluded.rated_at, rated_by = excluded.rated_by
            """,
          arguments: [urn, item.aspectID, level, item.rating.commentary, evidence, nowMS, actorBytes])
        try db.execute(
          sql: """
            INSERT INTO rating_history (urn, aspect_id, changed_at, changed_by, previous_level, new_level,
              previous_commentary, new_commentary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            urn, item.aspectID, nowMS, actorBytes, previous?.level, level, previous?.commentary, item.rating.commentary,
          ])
        if let scopes = Self.benchmarkScopes(of: school) {
          try Self.adjustTotals(
            framework: framework.id, aspect: item.aspectID, scopes: scopes,
            levelDelta: level - (previous?.level ?? 0), countDelta: previous == nil ? 1 : 0, in: db)
        }
        let record = StoredRating(aspectID: item.aspectID, rating: item.rating, ratedAt: nowMS, ratedBy: actor)
        levels[item.aspectID] = level
        stored.append(record)
        var rated = SelfReview.AspectRated()
        rated.rating = record.message
        rated.previousLevel = Int32(previous?.level ?? 0)
        try self.append(.aspectRated(rated), school: urn, actor: actor, at: now, in: db)
      }
      guard !previousRatings.isEmpty else { return stored }
      try db.execute(sql: "UPDATE review SET updated_at = ? WHERE urn = ?", arguments: [nowMS, urn])
      let elementsAfter = affected.map { framework.scale.elementMeets($0, levels: levels) }
      if elementsAfter != elementsBefore {
        let after = try Self.levels(urn: urn, in: db)
        var before = after
        for (aspect, previous) in previousRatings { before[aspect] = previous }
        let changes = StandingChange.changes(
          from: ReviewStanding(framework: framework, ratings: before),
          to: ReviewStanding(framework: framework, ratings: after))
        for change in changes {
          try self.append(change.eventPayload, school: urn, actor: actor, at: now, in: db)
        }
      }
      return stored
    }
  }

  /// A school's review and its current ratings.
  func review(urn: String) async throws -> (review: ReviewRecord, ratings: [String: StoredRating])? {
    try await database.read { db in
      guard let review = try Self.review(urn: urn, in: db) else { return nil }
      return (review, try Self.ratings(urn: urn, in: db))
    }
  }

  /// Changes to a school's ratings, newest first.
  func history(urn: String, aspectID: String?, beforeID: Int64?, limit: Int) async throws -> [(
    id: Int64, entry: SelfReview.RatingHistoryEntry
  )] {
    try await database.read { db in
      var sql =
        "SELECT id, aspect_id, changed_at, changed_by, previous_level, new_level, previous_commentary, new_commentary FROM rating_history WHERE urn = ?"
      var arguments: [any SQLValueConvertible] = [urn]
      if let aspectID {
        sql += " AND aspect_id = ?"
        arguments.append(aspectID)
      }
      if let beforeID {
        sql += " AND id < ?"
        arguments.append(beforeID)
      }
      sql += " ORDER BY id DESC LIMIT ?"
      arguments.append(limit)
      return try db.fetchAll(sql: sql, arguments: arguments).map { row in
        var entry = SelfReview.RatingHistoryEntry()
        entry.aspectId = try row["aspect_id"]
        entry.changedAt = Protobuf.Timestamp(milliseconds: try row["changed_at"])
        entry.changedBy = try Common.Actor(serializedBytes: try row["changed_by"])
        entry.previousLevel = (try row["previous_level"] as Int32?) ?? 0
        entry.newLevel = try row["new_level"]
        entry.previousCommentary = (try row["previous_commentary"] as String?) ?? ""
        entry.newCommentary = try row["new_commentary"]
        return (try row["id"], entry)
      }
    }
  }

  // MARK: rows

  /// The school, which must be known and not withdrawn.
  static func activeSchool(urn: String, in db: Connection) throws -> RegistrySchool {
    guard let parsed = SchoolURN(urn), let school = try RegistrySchoolsReplica.school(parsed, in: db) else {
      throw SelfReviewError.schoolNotFound(urn: urn)
    }
    guard !school.isWithdrawn else { throw SelfReviewError.schoolWithdrawn(urn: urn) }
    return school
  }

  static func review(urn: String, in db: Connection) throws -> ReviewRecord? {
    try db.fetchOne(
      ReviewRecord.self,
      sql: "SELECT urn, framework_id, framework_fingerprint, created_at, updated_at FROM review WHERE urn = ?",
      arguments: [urn])
  }

  static func ratings(urn: String, in db: Connection) throws -> [String: StoredRating] {
    var result: [String: StoredRating] = [:]
    for row in try db.fetchAll(
      sql: "SELECT aspect_id, level, commentary, evidence, rated_at, rated_by FROM rating WHERE urn = ?",
      arguments: [urn])
    {
      let aspect: String = try row["aspect_id"]
      result[aspect] = StoredRating(
        aspectID: aspect,
        rating: AspectRating(
          level: try row["level"], commentary: try row["commentary"], evidence: try decode(try row["evidence"])),
        ratedAt: try row["rated_at"], ratedBy: try Common.Actor(serializedBytes: try row["rated_by"]))
    }
    return result
  }

  /// One stored rating, with its evidence as stored (to compare without decoding).
  static func storedRating(urn: String, aspectID: String, in db: Connection) throws -> (
    stored: StoredRating, evidenceBytes: [UInt8], rating: AspectRating
  )? {
    guard
      let row = try db.fetchOne(
        sql: "SELECT level, commentary, evidence, rated_at, rated_by FROM rating WHERE urn = ? AND aspect_id = ?",
        arguments: [urn, aspectID])
    else { return nil }
    let evidence: [UInt8] = try row["evidence"]
    let rating = AspectRating(
      level: try row["level"], commentary: try row["commentary"], evidence: try decode(evidence))
    let stored = StoredRating(
      aspectID: aspectID, rating: rating, ratedAt: try row["rated_at"],
      ratedBy: try Common.Actor(serializedBytes: try row["rated_by"]))
    return (stored, evidence, rating)
  }

  /// A school's levels by aspect: all the element rules need.
  static func levelsOnly(urn: String, in db: Connection) throws -> [String: Int] {
    var result: [String: Int] = [:]
    for row in try db.fetchAll(sql: "SELECT aspect_id, level FROM rating WHERE urn = ?", arguments: [urn]) {
      result[try row["aspect_id"]] = try row["level"] as Int
    }
    return result
  }

  /// What the standing rules need of a school's ratings (levels and commentary, not evidence
  /// or who rated), read on every rating change.
  static func levels(urn: String, in db: Connection) throws -> [String: AspectRating] {
    var result: [String: AspectRating] = [:]
    for row in try db.fetchAll(sql: "SELECT aspect_id, level, commentary FROM rating WHERE urn = ?", arguments: [urn]) {
      result[try row["aspect_id"]] = AspectRating(
        level: try row["level"], commentary: try row["commentary"], evidence: [])
    }
    return result
  }

  /// Evidence lists are stored as the contract's own encoding.
  static func encode(_ evidence: [EvidenceReference]) throws -> [UInt8] {
    try SelfReview.AspectRating(evidence: evidence.map(\.message)).serializedBytes()
  }

  static func decode(_ bytes: [UInt8]) throws -> [EvidenceReference] {
    try SelfReview.AspectRating(serializedBytes: bytes).evidence.map(EvidenceReference.init)
  }
}

extension SelfReviewStore.StoredRating {
  var message: SelfReview.AspectRating {
    SelfReview.AspectRating(
      aspectId: aspectID, level: Int32(rating.level ?? 0), commentary: rating.commentary,
      evidence: rating.evidence.map(\.message), ratedAt: Protobuf.Timestamp(milliseconds: ratedAt), ratedBy: ratedBy)
  }
}

extension EvidenceReference {
  var message: SelfReview.EvidenceReference {
    SelfReview.EvidenceReference(title: title, location: location, note: note)
  }

  init(_ message: SelfReview.EvidenceReference) {
    self.init(title: message.title, location: message.location, note: message.note)
  }
}

extension StandingChange {
  /// The event that announces this change.
  var eventPayload: SelfReview.SelfReviewEvent.Payload {
    switch self {
    case .elementReachedStandard(let element):
      .elementReachedStandard(SelfReview.ElementReachedStandard(elementId: element))
    case .elementFellBelowStandard(let element, let below):
      .elementFellBelowStandard(SelfReview.ElementFellBelowStandard(elementId: element, aspectsBelowThreshold: below))
    case .level2RuleNowHolds(let elements, let complete):
      .level2RuleNowHolds(SelfReview.Level2RuleNowHolds(elementsAtStandard: elements, commentaryComplete: complete))
    case .level2RuleNoLongerHolds(let elements):
      .level2RuleNoLongerHolds(SelfReview.Level2RuleNoLongerHolds(elementsAtStandard: elements))
    case .frameworkReachedStandard(let complete):
      .frameworkReachedStandard(SelfReview.FrameworkReachedStandard(commentaryComplete: complete))
    case .frameworkFellBelowStandard(let below):
      .frameworkFellBelowStandard(SelfReview.FrameworkFellBelowStandard(elementsBelowStandard: below))
    }
  }
}
