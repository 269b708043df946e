import CharterValues
import Contracts
import Foundation
import Identity
import SelfReviewService
import ServiceKit
import Storage
import Testing

/// Assessors read the reviews of the schools evaluation allocated to them, while the
/// assessment is under way: the allocations kept from evaluation's feed, and the rule.
@Suite("Self-review: assessors read only the schools allocated to them")
struct AssessorAllocationTests {
  static func event(
    _ id: String, urn: String, assessor: String, moderator: String = "", access: Bool,
    payload: (Evaluation.Application) -> Evaluation.EvaluationEvent.Payload
  ) -> Evaluation.EvaluationEvent {
    var application = Evaluation.Application(applicationId: id, schoolUrn: urn)
    application.allocation = Evaluation.Allocation(
      assessorId: "asr-1", moderatorAssessorId: moderator.isEmpty ? "" : "asr-2", assessorPersonId: assessor,
      moderatorPersonId: moderator, selfReviewAccess: access)
    var event = Evaluation.EvaluationEvent()
    event.schoolUrn = urn
    event.payload = payload(application)
    return event
  }

  @Test("an allocation gives its assessor and moderator access; re-allocation moves it; the decision ends it")
  func allocations() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("allocations-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let store = try await SelfReviewStore.open(inDirectory: directory)
    func apply(_ event: Evaluation.EvaluationEvent) async throws {
      try await store.database.write { db in try SelfReviewStore.applyEvaluationEvent(event, in: db) }
    }
    try await apply(
      Self.event("app-1", urn: "100001", assessor: "p-x", moderator: "p-lead", access: true) {
        .assessorAllocated(Evaluation.AssessorAllocated(application: $0))
      })
    #expect(try await store.isAllocated(personID: "p-x", to: "100001"))
    #expect(try await store.isAllocated(personID: "p-lead", to: "100001"))
    #expect(try await !store.isAllocated(personID: "p-x", to: "100002"))
    // The office re-allocates to someone else: the first assessor's access ends.
    try await apply(
      Self.event("app-1", urn: "100001", assessor: "p-y", access: true) {
        .assessorAllocated(Evaluation.AssessorAllocated(application: $0))
      })
    #expect(try await !store.isAllocated(personID: "p-x", to: "100001"))
    #expect(try await store.isAllocated(personID: "p-y", to: "100001"))
    // The Mark is awarded (evaluation says access ends): nobody reads any more.
    try await apply(
      Self.event("app-1", urn: "100001", assessor: "p-y", access: false) {
        .markAwarded(Evaluation.MarkAwarded(schoolUrn: "100001", applicationId: "app-1", application: $0))
      })
    #expect(try await !store.isAllocated(personID: "p-y", to: "100001"))
    await store.close()
  }

  @Test("the rule: an assessor reads only with an allocation; everyone else as before")
  func policy() throws {
    let assessor = Caller(kind: .person(id: "p-x"), displayName: "X", grants: [try RoleGrant(.assessor)])
    #expect(!SelfReviewPolicy.mayRead(school: "100001", localAuthority: "383", caller: assessor))
    #expect(
      SelfReviewPolicy.mayRead(school: "100001", localAuthority: "383", caller: assessor, allocatedAssessor: true))
    let head = Caller(
      kind: .person(id: "p-h"), displayName: "H", grants: [try RoleGrant(.schoolAdmin, .school(urn: "100001"))])
    #expect(SelfReviewPolicy.mayRead(school: "100001", localAuthority: "383", caller: head))
    // An allocation means nothing to someone who is not an assessor.
    let stranger = Caller(kind: .person(id: "p-s"), displayName: "S", grants: [])
    #expect(
      !SelfReviewPolicy.mayRead(school: "100001", localAuthority: "383", caller: stranger, allocatedAssessor: true))
  }
}
