public import CharterValues
public import Contracts
import FoundationEssentials
public import Identity
import RPCCore
public import RegistryReplica
import ServiceKit
import Storage

/// The Excellence Award cycles: opening one with its categories, entries (one category per
/// school), the stages, and results, which may bring level 4.
extension StandingKeeper {
  /// Opens a cycle for `year`.
  public func openCycle(
    year: Int, deadline: CalendarDate, categories: [AwardCategory], requiresMark: Bool, threshold: AwardResult,
    caller: Caller
  ) async throws -> Accreditation.AwardCycle {
    let now = self.now
    let actor = caller.actor
    let holder = Accreditation.AwardCycle(
      categories: categories.map { category in
        Accreditation.AwardCategory(
          categoryId: category.id, title: category.title, description: category.description,
          subCategories: category.subCategories.map {
            Accreditation.AwardSubCategory(subCategoryId: $0.id, title: $0.title)
          })
      })
    let blob = try holder.serializedBytes()
    return try await store.database.write { db in
      if try db.fetchOne(sql: "SELECT id FROM award_cycle WHERE year = ?", arguments: [year]) != nil {
        throw AccreditationError.cycleExists(year: year)
      }
      let id = "cycle-\(year)"
      try db.execute(
        sql: """
          INSERT INTO award_cycle (id, year, state, entry_deadline, categories, requires_ict_mark, level4_threshold,
            created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          id, year, AwardStage.open.rawValue, deadline.description, blob, requiresMark, threshold.rawValue,
          now.millisecondsSince1970, now.millisecondsSince1970,
        ])
      let cycle = try CycleRecord.load(id: id, in: db)!.message(entryCount: 0)
      try store.append(
        .awardCycleAdvanced(Accreditation.AwardCycleAdvanced(cycle: cycle, previousState: .unspecified)), school: "",
        actor: actor, at: now, in: db)
      return cycle
    }
  }

  /// Enters a school into an open cycle.
  public func enterAward(
    cycleID: String, urn: String, categoryID: String, subCategoryID: String, statement: String, caller: Caller,
    authorize: @escaping @Sendable (RegistrySchool) throws -> Void
  ) async throws -> Accreditation.AwardEntry {
    let now = self.now
    let actor = caller.actor
    return try await store.database.write { db in
      guard let cycle = try CycleRecord.load(id: cycleID, in: db) else {
        throw AccreditationError.cycleNotFound(id: cycleID)
      }
      guard let school = try Self.school(urn, in: db) else { throw AccreditationError.schoolNotFound(urn: urn) }
      try authorize(school)
      let category = try AwardCategory.placement(
        categoryID: categoryID, subCategoryID: subCategoryID, in: cycle.categories)
      guard cycle.stage.takesEntries else {
        throw AccreditationRuleError.cycleNotOpen(year: cycle.year, stage: cycle.stage)
      }
      guard !school.isWithdrawn else { throw AccreditationRuleError.schoolWithdrawn(urn: urn) }
      if cycle.requiresMark, try self.facts(of: school, in: db).validMark(at: now) == nil {
        throw AccreditationRuleError.ictMarkRequired(urn: urn, year: cycle.year)
      }
      if try db.fetchOne(
        sql: "SELECT id FROM award_entry WHERE cycle_id = ? AND urn = ?", arguments: [cycleID, urn]) != nil
      {
        throw AccreditationError.alreadyEntered(urn: urn, year: cycle.year)
      }
      let id = RecordID.random(prefix: "entry")
      try db.execute(
        sql: """
          INSERT INTO award_entry (id, cycle_id, urn, category_id, sub_category_id, statement, result, entered_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          id, cycleID, urn, category.id, subCategoryID, statement, AwardResult.entrant.rawValue,
          now.millisecondsSince1970,
        ])
      let entry = try EntryRecord.load(id: id, in: db)!.message(categories: cycle.categories, schoolName: school.name)
      let sequence = try store.append(
        .awardEntered(Accreditation.AwardEntered(entry: entry)), school: urn, actor: actor, at: now, in: db)
      try settle(
        urn, at: now,
        cause: LevelChangeCause(source: .accreditation, eventType: "award_entered", sequence: sequence, subjectID: id),
        actor: actor, in: db)
      return entry
    }
  }

  /// Moves a cycle to its next stage (the stage it is at: no change).
  public func advanceCycle(id: String, to target: AwardStage, caller: Caller) async throws -> Accreditation.AwardCycle {
    let now = self.now
    let actor = caller.actor
    return try await store.database.write { db in
      guard let cycle = try CycleRecord.load(id: id, in: db) else { throw AccreditationError.cycleNotFound(id: id) }
      if cycle.stage != target {
        guard cycle.stage.mayAdvance(to: target) else {
          throw AccreditationRuleError.cycleCannotMove(year: cycle.year, from: cycle.stage, to: target)
        }
        try db.execute(
          sql: "UPDATE award_cycle SET state = ?, updated_at = ? WHERE id = ?",
          arguments: [target.rawValue, now.millisecondsSince1970, id])
      }
      let updated = try CycleRecord.load(id: id, in: db)!.message(entryCount: try Self.entryCount(id, in: db))
      if cycle.stage != target {
        try store.append(
          .awardCycleAdvanced(Accreditation.AwardCycleAdvanced(cycle: updated, previousState: cycle.stage.contract)),
          school: "", actor: actor, at: now, in: db)
      }
      return updated
    }
  }

  static func entryCount(_ cycleID: String, in db: Connection) throws -> Int {
    try db.fetchOne(sql: "SELECT COUNT(*) AS n FROM award_entry WHERE cycle_id = ?", arguments: [cycleID])?["n"] ?? 0
  }

  /// Records an entry's result (the same result again changes nothing).
  public func recordResult(entryID: String, result: AwardResult, caller: Caller) async throws
    -> Accreditation.AwardEntry
  {
    let now = self.now
    let actor = caller.actor
    return try await store.database.write { db in
      guard let entry = try EntryRecord.load(id: entryID, in: db),
        let cycle = try CycleRecord.load(id: entry.cycleID, in: db)
      else { throw AccreditationError.entryNotFound(id: entryID) }
      let school = try Self.school(entry.urn, in: db)
      if entry.result == result {
        return entry.message(categories: cycle.categories, schoolName: school?.name ?? "")
      }
      guard cycle.stage.allows(result) else {
        throw AccreditationRuleError.resultNotAllowed(result, stage: cycle.stage)
      }
      try db.execute(
        sql: "UPDATE award_entry SET result = ?, result_at = ? WHERE id = ?",
        arguments: [result.rawValue, now.millisecondsSince1970, entryID])
      let updated = try EntryRecord.load(id: entryID, in: db)!.message(
        categories: cycle.categories, schoolName: school?.name ?? "")
      let sequence = try store.append(
        .awardResultRecorded(
          Accreditation.AwardResultRecorded(
            entry: updated, year: Int32(cycle.year), previousResult: entry.result.contract)), school: entry.urn,
        actor: actor, at: now, in: db)
      try settle(
        entry.urn, at: now,
        cause: LevelChangeCause(
          source: .accreditation, eventType: "award_result_recorded", sequence: sequence, subjectID: entryID),
        actor: actor, in: db)
      return updated
    }
  }
}

/// The programme switch: closing freezes new level 1 and 2 transitions (schools keep what
/// they earned); opening again lets the commitments made meanwhile count.
extension StandingKeeper {
  public func setProgramme(open: Bool, reason: String, caller: Caller) async throws -> Accreditation.ProgrammeStatus {
    let now = self.now
    let actor = caller.actor
    return try await store.database.write { db in
      let before = try Self.programme(in: db)
      if before.open != open {
        try db.execute(
          sql: "UPDATE programme SET open = ?, closed_at = ?, changed_at = ?, changed_by = ?, reason = ? WHERE id = 1",
          arguments: [
            open, open ? nil : now.millisecondsSince1970, now.millisecondsSince1970, try actor.serializedBytes(),
            reason,
          ])
        let status = try Self.programmeStatus(in: db)
        let sequence = try store.append(
          .programmeStatusChanged(Accreditation.ProgrammeStatusChanged(status: status)), school: "", actor: actor,
          at: now, in: db)
        let cause = LevelChangeCause(source: .accreditation, eventType: "programme_status_changed", sequence: sequence)
        if open {
          // Commitments made while closed count now; schools the level 2 rule holds for may
          // ask for recognition again.
          let closedAt = before.closedAt?.millisecondsSince1970 ?? 0
          let schools = try db.fetchAll(
            sql: """
              SELECT urn FROM registry_school WHERE withdrawn = 0 AND committed_at >= ?
              UNION SELECT urn FROM review_signal WHERE level2_rule_holds = 1
              """, arguments: [closedAt])
          for row in schools { try settle(try row["urn"], at: now, cause: cause, actor: actor, in: db) }
        } else {
          try db.execute(sql: "UPDATE standing SET recognition_available = 0 WHERE recognition_available = 1")
        }
      }
      return try Self.programmeStatus(in: db)
    }
  }

  static func programmeStatus(in db: Connection) throws -> Accreditation.ProgrammeStatus {
    guard let row = try db.fetchOne(sql: "SELECT * FROM programme WHERE id = 1") else { return .init(open: true) }
    var status = Accreditation.ProgrammeStatus()
    status.open = try row["open"]
    status.changedAt = (try row["changed_at"] as Int64?).map(Protobuf.Timestamp.init(milliseconds:))
    status.changedBy = try (try row["changed_by"] as [UInt8]?).map { try Common.Actor(serializedBytes: $0) }
    status.reason = try row["reason"]
    return status
  }
}
