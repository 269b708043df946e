import CharterValues
import Contracts
import RPCCore
public import ServiceKit
import Storage

/// ICT Marks falling due for renewal and expiring: what the scheduler does on time, each once.
extension EvaluationStore {
  /// What one pass of the scheduler did.
  public struct MarkChanges: Sendable, Hashable {
    /// Applications whose Mark fell due for renewal.
    public var renewalsDue: [String] = []
    /// Applications whose Mark expired.
    public var expired: [String] = []
  }

  /// Moves every Mark whose renewal date has come to RENEWAL_DUE, then every Mark whose expiry
  /// has come to EXPIRED, each with its step and event, in one transaction. A Mark past both
  /// dates goes through both, in order. Idempotent: a Mark already moved is not found again.
  func applyMarkDates(now: UTCTime) async throws -> MarkChanges {
    let ms = now.millisecondsSince1970
    return try await database.write { db in
      var changes = MarkChanges()
      let due: [String] = try db.fetchAll(
        sql: "SELECT id FROM application WHERE state = 14 AND renewal_due_at <= ? ORDER BY renewal_due_at, id",
        arguments: [ms]
      ).map { try $0["id"] }
      for id in due {
        _ = try self.change(id, actor: .evaluationService, now: now, in: db, authorize: { _ in }) { draft in
          try draft.apply(.markRenewalDue, note: "renewal is due; the Mark expires on \(Self.expiry(draft).date)")
          return .markRenewalDue(
            Evaluation.MarkRenewalDue(
              schoolUrn: draft.application.schoolUrn, awardId: draft.application.award?.awardId ?? "",
              expiresAt: draft.application.award?.expiresAt, applicationId: draft.application.applicationId,
              lateRenewalUntil: draft.application.award?.lateRenewalUntil))
        }
        changes.renewalsDue.append(id)
      }
      let expiring: [String] = try db.fetchAll(
        sql: "SELECT id FROM application WHERE state = 15 AND expires_at <= ? ORDER BY expires_at, id",
        arguments: [ms]
      ).map { try $0["id"] }
      for id in expiring {
        _ = try self.change(id, actor: .evaluationService, now: now, in: db, authorize: { _ in }) { draft in
          let until = draft.application.award?.lateRenewalUntil?.utcTime.date
          try draft.apply(
            .expireMark, note: "the Mark expired" + (until.map { "; a late renewal is possible until \($0)" } ?? ""))
          return .markExpired(
            Evaluation.MarkExpired(
              schoolUrn: draft.application.schoolUrn, awardId: draft.application.award?.awardId ?? "",
              expiredAt: draft.application.award?.expiresAt, applicationId: draft.application.applicationId))
        }
        changes.expired.append(id)
      }
      return changes
    }
  }

  /// The next instant a Mark falls due or expires, if any is pending.
  func nextMarkDate() async throws -> UTCTime? {
    try await database.read { db in
      let row = try db.fetchOne(
        sql: """
          SELECT MIN(at) AS next FROM (
            SELECT MIN(renewal_due_at) AS at FROM application WHERE state = 14
            UNION ALL SELECT MIN(expires_at) FROM application WHERE state = 15)
          """)
      return (try row?["next"] as Int64?).map(UTCTime.init(millisecondsSince1970:))
    }
  }

  private static func expiry(_ draft: ApplicationDraft) -> UTCTime {
    draft.application.award?.expiresAt?.utcTime ?? draft.now
  }
}
