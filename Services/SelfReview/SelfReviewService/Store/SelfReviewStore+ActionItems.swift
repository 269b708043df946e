import Contracts
import FoundationEssentials
import RPCCore
import Storage

/// Each school's action plan: items per aspect with an owner, a due date and a state.
extension SelfReviewStore {
  func addActionItem(
    urn: String, aspectID: String, text: String, owner: String, dueDate: String?, actor: Common.Actor, now: Date,
    authorize: @escaping @Sendable (SchoolRecord) throws -> Void
  ) async throws -> SelfReview.ActionItem {
    let nowMS = Self.millis(now)
    let actorBytes = try actor.serializedBytes()
    let id = Self.newActionItemID()
    return try await database.write { db in
      let school = try Self.activeSchool(urn: urn, in: db)
      try authorize(school)
      guard try Self.review(urn: urn, in: db) != nil else { throw SelfReviewError.reviewNotStarted(urn: urn) }
      try db.execute(
        sql: """
          INSERT INTO action_item (id, urn, aspect_id, text, owner, due_date, state, created_at, created_by, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
          """,
        arguments: [id, urn, aspectID, text, owner, dueDate, nowMS, actorBytes, nowMS])
      return try Self.actionItem(id: id, in: db)!
    }
  }

  /// Changes an item after `authorize` saw its school; `change` returns the new values.
  func updateActionItem(
    id: String, now: Date,
    authorize: @escaping @Sendable (SchoolRecord) throws -> Void,
    change: @escaping @Sendable (SelfReview.ActionItem) throws -> SelfReview.ActionItem
  ) async throws -> SelfReview.ActionItem {
    let nowMS = Self.millis(now)
    return try await database.write { db in
      guard let item = try Self.actionItem(id: id, in: db) else { throw SelfReviewError.actionItemNotFound(id: id) }
      try authorize(try Self.activeSchool(urn: item.schoolUrn, in: db))
      let new = try change(item)
      try db.execute(
        sql:
          "UPDATE action_item SET aspect_id = ?, text = ?, owner = ?, due_date = ?, state = ?, updated_at = ? WHERE id = ?",
        arguments: [
          new.aspectId, new.text, new.owner, new.dueDate.map(Self.dateText), Int(new.state.rawValue), nowMS, id,
        ])
      return try Self.actionItem(id: id, in: db)!
    }
  }

  func actionItem(id: String) async throws -> SelfReview.ActionItem? {
    try await database.read { db in try Self.actionItem(id: id, in: db) }
  }

  func actionItems(urn: String, aspectID: String?, states: [Int], afterID: String?, limit: Int) async throws
    -> [SelfReview.ActionItem]
  {
    try await database.read { db in
      var sql = "SELECT id FROM action_item WHERE urn = ?"
      var arguments: [any SQLValueConvertible] = [urn]
      if let aspectID {
        sql += " AND aspect_id = ?"
        arguments.append(aspectID)
      }
      if !states.isEmpty {
        sql += " AND state IN (SELECT value FROM json_each(?))"
        arguments.append("[" + states.map(String.init).joined(separator: ",") + "]")
      }
      if let afterID {
        sql += " AND id > ?"
        arguments.append(afterID)
      }
      sql += " ORDER BY id LIMIT ?"
      arguments.append(limit)
      return try db.fetchAll(sql: sql, arguments: arguments).map {
        try Self.actionItem(id: try $0.value(at: 0), in: db)!
      }
    }
  }

  static func actionItem(id: String, in db: Connection) throws -> SelfReview.ActionItem? {
    try db.fetchOne(
      sql:
        "SELECT id, urn, aspect_id, text, owner, due_date, state, created_at, created_by, updated_at FROM action_item WHERE id = ?",
      arguments: [id]
    ).map { row in
      var item = SelfReview.ActionItem()
      item.actionItemId = try row.value(at: 0)
      item.schoolUrn = try row.value(at: 1)
      item.aspectId = try row.value(at: 2)
      item.text = try row.value(at: 3)
      item.owner = try row.value(at: 4)
      item.dueDate = try row.value(String?.self, at: 5).flatMap(Self.date)
      item.state = SelfReview.ActionItemState(rawValue: Int32(try row.value(Int.self, at: 6)))
      item.createTime = timestamp(try row.value(at: 7))
      item.createdBy = try Common.Actor(serializedBytes: try row.value([UInt8].self, at: 8))
      item.updateTime = timestamp(try row.value(at: 9))
      return item
    }
  }

  static func dateText(_ date: Common.Date) -> String {
    func pad(_ v: Int32, _ n: Int) -> String { String(repeating: "0", count: max(0, n - String(v).count)) + String(v) }
    return "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))"
  }

  static func date(_ text: String) -> Common.Date? {
    let parts = text.split(separator: "-").compactMap { Int32($0) }
    guard parts.count == 3 else { return nil }
    return Common.Date(year: parts[0], month: parts[1], day: parts[2])
  }

  static func newActionItemID() -> String {
    var rng = SystemRandomNumberGenerator()
    let hex = String(rng.next() as UInt64, radix: 16)
    return "a-" + String(repeating: "0", count: 16 - hex.count) + hex
  }
}
