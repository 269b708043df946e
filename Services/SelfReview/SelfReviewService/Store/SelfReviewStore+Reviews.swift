import Contracts
import FoundationEssentials
import RPCCore
import Storage

/// Reviews: starting one, rating aspects (with history, totals and events), reading them.
extension SelfReviewStore {
  struct ReviewRecord: Sendable {
    let urn: String
    let frameworkID: String
    let fingerprint: String
    let createdAt: Int64
    let updatedAt: Int64
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
    urn: String, framework: FrameworkVersion, actor: Common.Actor, now: Date,
    authorize: @escaping @Sendable (SchoolRecord) throws -> Void
  ) async throws -> ReviewRecord {
    let nowMS = Self.millis(now)
    let actorBytes = try actor.serializedBytes()
    return try await database.write { db in
      let school = try Self.activeSchool(urn: urn, in: db)
      try authorize(school)
      guard school.committed else { throw SelfReviewError.schoolNotCommitted(urn: urn) }
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
      try Self.append(
        .reviewStarted(SelfReview.ReviewStarted(frameworkId: framework.id)), school: urn, actor: actor, at: now, in: db)
      return try Self.review(urn: urn, in: db)!
    }
  }

  /// Stores ratings (one or several) in one transaction: validates each against the review's
  /// framework, keeps history, updates benchmark totals, and appends `aspect_rated` plus
  /// every standing change (element, Level 2 rule, framework) as events.
  func rate(
    urn: String, ratings: [(aspectID: String, rating: AspectRating)], frameworks: FrameworkCatalog,
    actor: Common.Actor, now: Date, authorize: @escaping @Sendable (SchoolRecord) throws -> Void
  ) async throws -> [StoredRating] {
    let nowMS = Self.millis(now)
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
          throw SelfReviewError.invalidField(field: "ratings[\(i)].\(error.field)", reason: error.rpcErrorMessage)
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
        if let scopes = school.scopes {
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
        try Self.append(.aspectRated(rated), school: urn, actor: actor, at: now, in: db)
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
          try Self.append(change.eventPayload, school: urn, actor: actor, at: now, in: db)
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
        entry.aspectId = try row.value(at: 1)
        entry.changedAt = Self.timestamp(try row.value(at: 2))
        entry.changedBy = try Common.Actor(serializedBytes: try row.value([UInt8].self, at: 3))
        entry.previousLevel = Int32(try row.value(Int?.self, at: 4) ?? 0)
        entry.newLevel = Int32(try row.value(Int.self, at: 5))
        entry.previousCommentary = try row.value(String?.self, at: 6) ?? ""
        entry.newCommentary = try row.value(at: 7)
        return (try row.value(Int64.self, at: 0), entry)
      }
    }
  }

  // MARK: rows

  /// The school, which must be known and not withdrawn.
  static func activeSchool(urn: String, in db: Connection) throws -> SchoolRecord {
    guard let school = try school(urn: urn, in: db) else { throw SelfReviewError.schoolNotFound(urn: urn) }
    guard !school.withdrawn else { throw SelfReviewError.schoolWithdrawn(urn: urn) }
    return school
  }

  static func review(urn: String, in db: Connection) throws -> ReviewRecord? {
    try db.fetchOne(
      sql: "SELECT urn, framework_id, framework_fingerprint, created_at, updated_at FROM review WHERE urn = ?",
      arguments: [urn]
    ).map { row in
      ReviewRecord(
        urn: try row.value(at: 0), frameworkID: try row.value(at: 1), fingerprint: try row.value(at: 2),
        createdAt: try row.value(at: 3), updatedAt: try row.value(at: 4))
    }
  }

  static func ratings(urn: String, in db: Connection) throws -> [String: StoredRating] {
    var result: [String: StoredRating] = [:]
    for row in try db.fetchAll(
      sql: "SELECT aspect_id, level, commentary, evidence, rated_at, rated_by FROM rating WHERE urn = ?",
      arguments: [urn])
    {
      let aspect: String = try row.value(at: 0)
      result[aspect] = StoredRating(
        aspectID: aspect,
        rating: AspectRating(
          level: try row.value(at: 1), commentary: try row.value(at: 2), evidence: try decode(try row.value(at: 3))),
        ratedAt: try row.value(at: 4), ratedBy: try Common.Actor(serializedBytes: try row.value([UInt8].self, at: 5)))
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
    let evidence: [UInt8] = try row.value(at: 2)
    let rating = AspectRating(
      level: try row.value(at: 0), commentary: try row.value(at: 1), evidence: try decode(evidence))
    let stored = StoredRating(
      aspectID: aspectID, rating: rating, ratedAt: try row.value(at: 3),
      ratedBy: try Common.Actor(serializedBytes: try row.value([UInt8].self, at: 4)))
    return (stored, evidence, rating)
  }

  /// A school's levels by aspect: all the element rules need.
  static func levelsOnly(urn: String, in db: Connection) throws -> [String: Int] {
    var result: [String: Int] = [:]
    for row in try db.fetchAll(sql: "SELECT aspect_id, level FROM rating WHERE urn = ?", arguments: [urn]) {
      result[try row.value(String.self, at: 0)] = try row.value(Int.self, at: 1)
    }
    return result
  }

  /// What the standing rules need of a school's ratings (levels and commentary, not evidence
  /// or who rated), read on every rating change.
  static func levels(urn: String, in db: Connection) throws -> [String: AspectRating] {
    var result: [String: AspectRating] = [:]
    for row in try db.fetchAll(sql: "SELECT aspect_id, level, commentary FROM rating WHERE urn = ?", arguments: [urn]) {
      result[try row.value(String.self, at: 0)] = AspectRating(
        level: try row.value(at: 1), commentary: try row.value(at: 2), evidence: [])
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
      evidence: rating.evidence.map(\.message), ratedAt: SelfReviewStore.timestamp(ratedAt), ratedBy: ratedBy)
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
