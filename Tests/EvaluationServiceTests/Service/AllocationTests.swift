import CharterValues
import Contracts
import EvaluationService
import Identity
import RPCCore
import ServiceKit
import Storage
import Testing

/// Allocation through the RPCs: the refusals with their reasons, the suggestions, and when a
/// lead assessor moderates.
@Suite("Evaluation: allocating assessors and moderators")
struct AllocationTests {
  /// An application past its evidence check, waiting for an assessor.
  func waiting(_ h: EvaluationHarness, _ cast: EvaluationHarness.Cast) async throws -> (id: String, urn: String) {
    let (urn, head) = try await h.eligibleSchool()
    let id = try await head.submitApplication(.init(schoolUrn: urn, route: .standard)).applicationId
    _ = try await cast.admin.recordPayment(.init(applicationId: id))
    _ = try await cast.admin.recordEvidenceCheck(.init(applicationId: id, passed: true))
    return (id, urn)
  }

  @Test("conflicts, a lapsed conference, an unsigned code and a phase or area not covered are refused by name")
  func refusals() async throws {
    let h = try await EvaluationHarness.start()
    defer { Task { await h.stop() } }
    let cast = try await h.cast()
    let (id, urn) = try await waiting(h, cast)
    func refusal(_ assessor: EvaluationHarness.TestAssessor) async -> RPCError? {
      await rpcError { try await cast.admin.allocateAssessor(.init(applicationId: id, assessorId: assessor.id)) }
    }
    let supported = try await h.assessor(supported: [urn])
    let error = await refusal(supported)
    #expect(error?.code == .failedPrecondition)
    #expect(error?.message == "assessor \(supported.id) cannot be allocated: supported or works for school \(urn)")
    let local = try await h.assessor(worksIn: "383")
    #expect(await refusal(local)?.message.contains("works in the school's local authority 383") == true)
    let lapsed = try await h.assessor(conference: .on(h.today.adding(months: -13)))
    #expect(await refusal(lapsed)?.message.contains("more than twelve months ago") == true)
    let never = try await h.assessor(conference: .never)
    #expect(await refusal(never)?.message.contains("has not attended an assessor conference") == true)
    let unsigned = try await h.assessor(signs: false)
    #expect(await refusal(unsigned)?.message.contains("has not signed the code of practice") == true)
    let secondary = try await h.assessor(phases: [.secondary])
    #expect(await refusal(secondary)?.message.contains("does not cover the primary phase") == true)
    let london = try await h.assessor(regions: ["London"])
    #expect(
      await refusal(london)?.message.contains(
        "covers neither local authority 383 nor the Yorkshire and the Humber region")
        == true)
    // Nothing moved.
    #expect(try await cast.admin.getApplication(.init(applicationId: id)).state == .evidenceCheck)

    // SuggestAssessors ranks the eligible and says why the others are excluded.
    let byCode = try await h.assessor(regions: [], codes: ["383"])
    let suggested = try await cast.admin.suggestAssessors(.init(applicationId: id, limit: 50))
    #expect(suggested.suggestions.first?.assessor?.assessorId == byCode.id)  // names Leeds itself
    #expect(suggested.suggestions.contains { $0.assessor?.assessorId == cast.lead.id })
    let reasons = Dictionary(
      uniqueKeysWithValues: suggested.excluded.map { ($0.assessorId, $0.refusals.map(\.reason)) })
    #expect(reasons[supported.id] == [.supportedSchool])
    #expect(reasons[local.id] == [.worksInLocalAuthority])
    #expect(reasons[lapsed.id] == [.conferenceLapsed])
    #expect(reasons[unsigned.id] == [.codeOfPracticeUnsigned])
    #expect(reasons[secondary.id] == [.phaseNotCovered])
    #expect(reasons[london.id] == [.areaNotCovered])

    // Once the lapsed assessor attends this year's conference, they may be allocated.
    _ = try await cast.admin.recordAssessorConference(.init(assessorId: lapsed.id, attendedOn: Common.Date(h.today)))
    let allocated = try await cast.admin.allocateAssessor(.init(applicationId: id, assessorId: lapsed.id))
    #expect(allocated.allocation?.assessorId == lapsed.id)
  }

  @Test("the store keeps 32 MiB of its file in memory, and counts workloads from an index alone")
  func storeSettings() async throws {
    let h = try await EvaluationHarness.start()
    defer { Task { await h.stop() } }
    let cacheSize = try await h.store.database.read { db in
      try db.fetchOne(sql: "PRAGMA cache_size").map { try $0.value(Int.self, at: 0) }
    }
    #expect(cacheSize == -32768)
    let plan = try await h.store.database.read { db in
      try db.fetchAll(
        sql:
          "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM application WHERE assessor_id = ? AND state IN (4, 5) AND id != ?",
        arguments: ["asr-x", "app-x"]
      ).map { try $0["detail"] as String }
    }
    #expect(plan.contains { $0.contains("COVERING INDEX application_workload") }, "\(plan)")
  }

  @Test("an assessor whose registry role ends can no longer be allocated; a lead role granted makes a lead")
  func registryRoles() async throws {
    let h = try await EvaluationHarness.start()
    defer { Task { await h.stop() } }
    let cast = try await h.cast()
    let (id, _) = try await waiting(h, cast)
    let assessor = try await h.assessor()
    try await h.registry(
      .roleGranted(
        Registry.RoleGranted(personId: assessor.caller.personID!, grant: Registry.RoleGrant(role: .leadAssessor))))
    #expect(try await cast.admin.getAssessor(.init(assessorId: assessor.id)).leadAssessor)
    try await h.registry(
      .personRemoved(Registry.PersonRemoved(personId: assessor.caller.personID!, reason: "Retired")))
    let record = try await cast.admin.getAssessor(.init(assessorId: assessor.id))
    #expect(!record.active && !record.leadAssessor)
    let refused = await rpcError {
      try await cast.admin.allocateAssessor(.init(applicationId: id, assessorId: assessor.id))
    }
    #expect(refused?.message.contains("no longer holds the assessor role") == true)
    let changes = try await h.events().filter {
      if case .assessorChanged(let c)? = $0.payload { c.assessor?.assessorId == assessor.id } else { false }
    }
    #expect(changes.count >= 3)  // signed, conference, lead, removed
  }

  @Test("an assessor's first assessment is moderated by a lead assessor; their second is not")
  func firstAssessment() async throws {
    let h = try await EvaluationHarness.start()
    defer { Task { await h.stop() } }
    let cast = try await h.cast()
    let assessor = try await h.assessor()
    let first = try await h.drive(to: .assessorAllocated, moderated: false, cast: cast, assessor: assessor)
    let allocation = try #require(try await cast.admin.getApplication(.init(applicationId: first.id)).allocation)
    #expect(allocation.moderationRequired && allocation.moderationReason == .firstAssessment)
    #expect(allocation.moderatorAssessorId == cast.lead.id && allocation.assessmentNumber == 1)
    // While the first is in hand, the next allocation is their second assessment.
    let second = try await h.drive(to: .assessorAllocated, moderated: false, cast: cast, assessor: assessor)
    let next = try #require(try await cast.admin.getApplication(.init(applicationId: second.id)).allocation)
    #expect(!next.moderationRequired && next.assessmentNumber == 2 && next.moderatorAssessorId.isEmpty)
    #expect(try await cast.admin.getAssessor(.init(assessorId: assessor.id)).openAllocations == 2)
  }

  @Test("the tenth assessment triggers the quality review; completed assessments are counted")
  func qualityReview() async throws {
    let h = try await EvaluationHarness.start()
    defer { Task { await h.stop() } }
    let cast = try await h.cast()
    let assessor = try await h.assessor()
    for n in 1...9 {
      _ = try await h.drive(to: .met, moderated: n == 1, cast: cast, assessor: assessor)
    }
    #expect(try await cast.admin.getAssessor(.init(assessorId: assessor.id)).completedAssessments == 9)
    let tenth = try await h.drive(to: .assessorAllocated, moderated: false, cast: cast, assessor: assessor)
    let allocation = try #require(try await cast.admin.getApplication(.init(applicationId: tenth.id)).allocation)
    #expect(allocation.assessmentNumber == 10)
    #expect(allocation.moderationRequired && allocation.moderationReason == .qualityReview)
    #expect(!allocation.moderatorAssessorId.isEmpty)
  }

  @Test("the sample rate moderates other assessments; with no lead assessor able to, allocation is refused")
  func sample() async throws {
    let h = try await EvaluationHarness.start(rules: EvaluationRules(moderationSampleRate: 1))
    defer { Task { await h.stop() } }
    let cast = try await h.cast()
    let assessor = try await h.assessor()
    _ = try await h.drive(to: .met, moderated: true, cast: cast, assessor: assessor)
    let second = try await h.drive(to: .assessorAllocated, moderated: false, cast: cast, assessor: assessor)
    let allocation = try #require(try await cast.admin.getApplication(.init(applicationId: second.id)).allocation)
    #expect(allocation.moderationReason == .sample && allocation.assessmentNumber == 2)

    let lone = try await EvaluationHarness.start()
    defer { Task { await lone.stop() } }
    let admin = try await lone.admin()
    let newcomer = try await lone.assessor()
    let (urn, head) = try await lone.eligibleSchool()
    let id = try await head.submitApplication(.init(schoolUrn: urn, route: .standard)).applicationId
    _ = try await admin.recordPayment(.init(applicationId: id))
    _ = try await admin.recordEvidenceCheck(.init(applicationId: id, passed: true))
    let refused = await rpcError { try await admin.allocateAssessor(.init(applicationId: id, assessorId: newcomer.id)) }
    #expect(refused?.code == .failedPrecondition)
    #expect(refused?.message.contains("no lead assessor can moderate") == true)
    // A named moderator must be a lead assessor and someone else.
    let other = try await lone.assessor()
    let notLead = await rpcError {
      try await admin.allocateAssessor(.init(applicationId: id, assessorId: newcomer.id, moderatorAssessorId: other.id))
    }
    #expect(notLead?.message.contains("is not a lead assessor") == true)
  }

  @Test("allocation waits for a passed evidence check; the office names an assessor when the school chose none")
  func preconditions() async throws {
    let h = try await EvaluationHarness.start()
    defer { Task { await h.stop() } }
    let cast = try await h.cast()
    let (urn, head) = try await h.eligibleSchool()
    let id = try await head.submitApplication(
      .init(schoolUrn: urn, route: .standard, assessorPreference: .allocateForMe(true))
    ).applicationId
    _ = try await cast.admin.recordPayment(.init(applicationId: id))
    let early = await rpcError {
      try await cast.admin.allocateAssessor(.init(applicationId: id, assessorId: cast.lead.id))
    }
    #expect(early?.message.contains("evidence check has not passed") == true)
    _ = try await cast.admin.recordEvidenceCheck(.init(applicationId: id, passed: true))
    let unnamed = await rpcError { try await cast.admin.allocateAssessor(.init(applicationId: id)) }
    #expect(unnamed?.message.contains("name an assessor") == true)
    #expect(
      await rpcError { try await cast.admin.allocateAssessor(.init(applicationId: id, assessorId: "asr-nobody")) }?.code
        == .notFound)
  }
}
