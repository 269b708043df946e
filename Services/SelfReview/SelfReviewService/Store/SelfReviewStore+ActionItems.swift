import CharterValues
import Contracts
import FoundationEssentials
import RPCCore
import RegistryReplica
import ServiceKit
import Storage

/// Each school's action plan: items per aspect with an owner, a due date and a state.
extension SelfReviewStore {
  func addActionItem(
    urn: String, aspectID: String, text: String, owner: String, dueDate: CalendarDate?, actor: Common.Actor,
    now: UTCTime,
    authorize: @escaping @Sendable (RegistrySchool) throws -> Void
  ) async throws -> SelfReview.ActionItem {
    let nowMS = now.millisecondsSince1970
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
        arguments: [id, urn, aspectID, text, owner, dueDate?.description, nowMS, actorBytes, nowMS])
      return try Self.actionItem(id: id, in: db)!
    }
  }

  /// Changes an item after `authorize` saw its school; `change` returns the new values.
  func updateActionItem(
    id: String, now: UTCTime,
    authorize: @escaping @Sendable (RegistrySchool) throws -> Void,
    change: @escaping @Sendable (SelfReview.ActionItem) throws -> SelfReview.ActionItem
  ) async throws -> SelfReview.ActionItem {
    let nowMS = now.millisecondsSince1970
    return try await database.write { db in
      guard let item = try Self.actionItem(id: id, in: db) else { throw SelfReviewError.actionItemNotFound(id: id) }
      try authorize(try Self.activeSchool(urn: item.schoolUrn, in: db))
      let new = try change(item)
      try db.execute(
        sql:
          "UPDATE action_item SET aspect_id = ?, text = ?, owner = ?, due_date = ?, state = ?, updated_at = ? WHERE id = ?",
        arguments: [
          new.aspectId, new.text, new.owner, new.dueDate?.calendarDate?.description, new.state.rawValue, nowMS, id,
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
        try Self.actionItem(id: try $0["id"], in: db)!
      }
    }
  }

  static func actionItem(id: String, in db: Connection) throws -> SelfReview.ActionItem? {
    try db.fetchOne(
      ActionItemRecord.self,
      sql: """
        SELECT id, urn, aspect_id, text, owner, due_date, state, created_at, created_by, updated_at FROM action_item
        WHERE id = ?
        """,
      arguments: [id])?.message
  }

  static func newActionItemID() -> String { RecordID.random(prefix: "a") }
}

/// An `action_item` row, read by column name.
struct ActionItemRecord: FetchableRecord {
  let message: SelfReview.ActionItem

  init(row: Row) throws {
    var item = SelfReview.ActionItem()
    item.actionItemId = try row["id"]
    item.schoolUrn = try row["urn"]
    item.aspectId = try row["aspect_id"]
    item.text = try row["text"]
    item.owner = try row["owner"]
    item.dueDate = (try row["due_date"] as String?).flatMap(CalendarDate.init).map(Common.Date.init)
    item.state = SelfReview.ActionItemState(rawValue: try row["state"])
    item.createTime = Protobuf.Timestamp(milliseconds: try row["created_at"])
    item.createdBy = try Common.Actor(serializedBytes: try row["created_by"])
    item.updateTime = Protobuf.Timestamp(milliseconds: try row["updated_at"])
    message = item
  }
}
