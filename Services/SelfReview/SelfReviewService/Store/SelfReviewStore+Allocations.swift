public import Contracts
public import ServiceKit
public import Storage

/// Which assessors may read which schools' reviews: the ICT Mark allocations evaluation
/// announces on its feed, kept while evaluation says the assessment is under way.
extension SelfReviewStore {
  /// The evaluation feed's name in this database.
  static let evaluationFeed = "evaluation"

  /// Applies one evaluation event: an application whose allocation gives self-review access
  /// is recorded (or updated, after a re-allocation); any other application's access ends.
  public static func applyEvaluationEvent(_ event: Evaluation.EvaluationEvent, in db: Connection) throws {
    guard let application = event.application else { return }
    if let allocation = application.allocation, allocation.selfReviewAccess, !allocation.assessorPersonId.isEmpty {
      try db.execute(
        sql: """
          INSERT INTO assessor_allocation (application_id, urn, assessor_person_id, moderator_person_id)
          VALUES (?, ?, ?, ?)
          ON CONFLICT (application_id) DO UPDATE SET urn = excluded.urn,
            assessor_person_id = excluded.assessor_person_id, moderator_person_id = excluded.moderator_person_id
          """,
        arguments: [
          application.applicationId, application.schoolUrn, allocation.assessorPersonId,
          allocation.moderatorPersonId.isEmpty ? nil : allocation.moderatorPersonId,
        ])
    } else {
      try db.execute(
        sql: "DELETE FROM assessor_allocation WHERE application_id = ?", arguments: [application.applicationId])
    }
  }

  /// Whether `personID` is allocated (as assessor or moderator) to an assessment of `urn` that
  /// is under way.
  public func isAllocated(personID: String, to urn: String) async throws -> Bool {
    try await database.read { db in
      try db.fetchOne(
        sql: """
          SELECT 1 AS allocated FROM assessor_allocation
          WHERE urn = ? AND (assessor_person_id = ? OR moderator_person_id = ?) LIMIT 1
          """, arguments: [urn, personID, personID]) != nil
    }
  }
}

extension Evaluation.EvaluationEvent {
  /// The application an event is about, as it was after the change; `nil` for events about
  /// assessors.
  var application: Evaluation.Application? {
    switch payload {
    case .applicationSubmitted(let e)?: e.application
    case .applicationStateChanged(let e)?: e.application
    case .markAwarded(let e)?: e.application
    case .evidenceReturned(let e)?: e.application
    case .assessorAllocated(let e)?: e.application
    case .causeForConcernRaised(let e)?: e.application
    case .causeForConcernResolved(let e)?: e.application
    case .visitScheduled(let e)?: e.application
    case .outcomeRecorded(let e)?: e.application
    case .moderationRecorded(let e)?: e.application
    case .applicationWithdrawn(let e)?: e.application
    case .markRenewalDue?, .markExpired?, .assessorRegistered?, .assessorChanged?, nil: nil
    }
  }
}
