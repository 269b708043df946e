import CharterValues
import Contracts
import Foundation
import Identity
import RPCCore
import TestSupport
import Testing

/// The acceptance journey on the real executables: registry, self-review and evaluation,
/// talking gRPC to each other and following each other's feeds.
@Suite("Registry, self-review and evaluation processes together", .serialized)
struct EvaluationCrossServiceTests {
  @Test(
    "a school at the standard applies, pays, passes the check, is allocated (a conflict refused first), the assessor reads its self-review, visits, records met, a lead moderates, the admin approves; the Mark is on the feed and the assessor's access ends"
  )
  func journey() async throws {
    let system = try await EvaluationSystem.start()
    let urn = "830101"
    let headToken = try await system.schoolAtTheStandard(urn)
    let head = system.evaluation(headToken)
    let admin = system.evaluation(system.adminToken)

    // Assessors: one who supported the school, one independent, a lead assessor.
    func assessor(_ email: String, _ role: RoleGrant.Role, supported: [String] = []) async throws -> (String, String) {
      let token = try await system.person(email, email, [try RoleGrant(role)])
      let client = system.evaluation(token)
      let registered = try await client.registerAssessor(
        .init(
          penPortrait: .init(regions: ["Yorkshire and the Humber"], phases: [.primary, .secondary]),
          supportedSchoolUrns: supported))
      _ = try await client.signCodeOfPractice(.init())
      _ = try await admin.recordAssessorConference(
        .init(assessorId: registered.assessorId, attendedOn: Common.Date(UTCTime.now().date.adding(days: -20))))
      return (registered.assessorId, token)
    }
    let (conflictedID, _) = try await assessor("supporter@assess.example", .assessor, supported: [urn])
    let (assessorID, assessorToken) = try await assessor("independent@assess.example", .assessor)
    let (leadID, leadToken) = try await assessor("lead@assess.example", .leadAssessor)
    let assessorClient = system.evaluation(assessorToken)
    let assessorReview = system.selfReview(assessorToken)
    #expect(await rpcError { try await assessorReview.getReview(.init(schoolUrn: urn)) }?.code == .permissionDenied)

    // Apply, pay, pass the evidence check.
    let submitted = try await head.submitApplication(
      .init(schoolUrn: urn, route: .standard, assessorPreference: .allocateForMe(true)))
    #expect(submitted.fee?.amountMinor == 55_000 && submitted.selfReviewSnapshot?.aspects.count == 38)
    let id = submitted.applicationId
    _ = try await admin.recordPayment(.init(applicationId: id))
    _ = try await admin.recordEvidenceCheck(.init(applicationId: id, passed: true))

    // Allocation: the conflicted assessor is refused, the independent one allocated, with the
    // lead as moderator of their first assessment.
    let refused = await rpcError {
      try await admin.allocateAssessor(.init(applicationId: id, assessorId: conflictedID))
    }
    #expect(refused?.code == .failedPrecondition && refused?.message.contains("supported or works for school") == true)
    let allocated = try await admin.allocateAssessor(.init(applicationId: id, assessorId: assessorID))
    #expect(allocated.allocation?.moderatorAssessorId == leadID)
    #expect(allocated.allocation?.moderationReason == .firstAssessment)

    // The assessor reads the school's self-review once self-review has heard of the allocation.
    let reads = await EvaluationSystem.eventually {
      (try? await assessorReview.getReview(.init(schoolUrn: urn))) != nil
    }
    #expect(reads, "the allocated assessor could not read the self-review")
    #expect(try await assessorReview.getReviewStatus(.init(schoolUrn: urn)).frameworkAtNationalStandard)

    // The visit, today or tomorrow, starting in a moment.
    _ = try await assessorClient.acceptAllocation(.init(applicationId: id))
    let today = UTCTime.now().date
    _ = try await head.offerVisitDates(
      .init(applicationId: id, dates: [Common.Date(today), Common.Date(today.adding(days: 1))]))
    let start = UTCTime.now().adding(.seconds(2))
    _ = try await assessorClient.scheduleVisit(
      .init(applicationId: id, visit: .init(startsAt: Protobuf.Timestamp(start))))
    try await Task.sleep(for: .milliseconds(2500))
    var report = Evaluation.AssessmentReport()
    report.outcome = .met
    report.contextCommentary = "A large primary school where ICT is led well."
    report.strengths = ["Clear vision", "Confident staff", "Pupils use the learning platform at home"]
    report.areasForDevelopment = ["Assessment of ICT capability", "Parental engagement", "Technical sustainability"]
    #expect(
      try await assessorClient.recordAssessmentOutcome(.init(applicationId: id, report: report)).state == .moderation)
    #expect(
      try await system.evaluation(leadToken).recordModeration(.init(applicationId: id, moderatedOutcome: .met)).state
        == .met)
    let awarded = try await admin.approveAward(.init(applicationId: id))
    #expect(awarded.state == .awarded)

    // The Mark-awarded event is on the feed, as accreditation would read it.
    let events = try await admin.streamEvents(.init(stopAtHead: true, schoolUrn: urn)) { stream in
      var all: [Evaluation.EvaluationEvent] = []
      for try await event in stream { all.append(event) }
      return all
    }
    let mark = events.compactMap { if case .markAwarded(let m)? = $0.payload { m } else { nil } }.first
    #expect(mark?.applicationId == id && mark?.award?.includedVisit == true)
    #expect(mark?.award?.expiresAt?.utcTime.date == awarded.award?.awardedAt?.utcTime.date.adding(years: 3))

    // The application is closed: the assessor's (and moderator's) self-review access ends.
    let ended = await EvaluationSystem.eventually {
      await rpcError { try await assessorReview.getReview(.init(schoolUrn: urn)) }?.code == .permissionDenied
    }
    #expect(ended, "the assessor still reads the self-review after the award")
    #expect(
      await rpcError { try await system.selfReview(leadToken).getReview(.init(schoolUrn: urn)) }?.code
        == .permissionDenied)

    #expect(await system.stop() == [0, 0, 0])
  }

  @Test("a stock Python grpcio client submits and reads an application, built only from the protos")
  func pythonClient() async throws {
    let system = try await EvaluationSystem.start()
    let urn = "830201"
    let headToken = try await system.schoolAtTheStandard(urn)
    let script = ChildProcess.repositoryRoot.appendingPathComponent("Tests/Interop/grpc/evaluation_client.py").path
    let client = try ChildProcess.python(
      script, ["--port", "\(system.evaluationPort)", "--token", headToken, "--school-urn", urn])
    let status = await client.waitForExit()
    let lines = client.stdout.split(separator: "\n").map(String.init)
    for name in [
      "submit_application", "get_application", "list_applications", "school_events", "already_exists",
      "unknown_application_not_found", "bad_urn_invalid_argument", "no_token_unauthenticated",
    ] {
      #expect(
        lines.contains("PASS \(name)"),
        "\(name): \(lines.first { $0.contains(name) } ?? "no result") \(client.stderr.suffix(1000))")
    }
    #expect(status == 0, "python client: \(client.stdout)\n\(client.stderr.suffix(2000))")
    _ = await system.stop()
  }
}
