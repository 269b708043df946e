import CharterValues
import Contracts
import Foundation
import Identity
import RPCCore
import TestSupport
import Testing

/// The acceptance journey on the real executables: registry, self-review, evaluation and
/// accreditation talking gRPC, accreditation deriving every level from the others' feeds.
@Suite("Registry, self-review, evaluation and accreditation processes together", .serialized)
struct AccreditationCrossServiceTests {
  @Test(
    "one school from level 1 through 2 and 3 to 4, a verifiable certificate at each level, and back to level 1 when its Mark expires"
  )
  func journey() async throws {
    let system = try await AccreditationSystem.start()
    let urn = "830401"
    let headToken = try await system.committedSchool(urn, name: "Charter Row Primary")
    // Clients are made afresh for each call: accreditation restarts on a new port below.
    var head: Accreditation.Client { system.accreditation(headToken) }
    var admin: Accreditation.Client { system.accreditation(system.adminToken) }
    var anonymous: Accreditation.Client { system.accreditation(nil) }

    /// The school's certificate of `kind`, checked to verify (with no token) as `status`.
    func certificate(_ kind: Accreditation.CertificateKind, verifies status: Accreditation.VerificationStatus)
      async throws -> Accreditation.Certificate
    {
      let all = try await head.listCertificates(.init(schoolUrn: urn)).certificates
      let found = try #require(all.first { $0.kind == kind }, "no \(kind) certificate among \(all.map(\.title))")
      let verification = try await anonymous.verifyCertificate(.init(verificationCode: found.verificationCode))
      #expect(verification.status == status, "\(found.title): \(verification.explanation)")
      #expect(verification.facts?.schoolName == "Charter Row Primary" && verification.facts?.kind == kind)
      return found
    }

    // Level 1: the registry's commitment.
    #expect(try await head.getCharterStanding(.init(schoolUrn: urn)).level == .committed)
    let committed = try await certificate(.committed, verifies: .valid)
    let pdf = try await head.getCertificate(.init(certificateId: committed.certificateId, format: .pdf))
    #expect(pdf.mediaType == "application/pdf" && pdf.document.starts(with: Array("%PDF".utf8)))

    // Level 2: self-review says the rule holds; the head names the LA adviser as referee, who
    // confirms; the programme admin approves.
    try await system.rateToTheStandard(urn, head: headToken)
    let adviser = try await system.person(
      "adviser@leeds.example", "Ann Adviser", [try RoleGrant(.localAuthorityAdviser, .localAuthority(code: "383"))])
    let requested = try await head.requestRecognition(
      .init(
        schoolUrn: urn,
        referee: .init(
          name: "Ann Adviser", email: "adviser@leeds.example", organisation: "Leeds City Council",
          kind: .localAuthorityAdviser, personId: adviser.id)))
    _ = try await system.accreditation(adviser.token).recordRefereeResponse(
      .init(recognitionId: requested.recognitionId, confirmed: true, comment: "Seen their evidence."))
    #expect(
      try await admin.decideRecognition(.init(recognitionId: requested.recognitionId, approve: true)).state
        == .recognised)
    #expect(try await head.getCharterStanding(.init(schoolUrn: urn)).level == .recognised)
    _ = try await certificate(.recognised, verifies: .valid)

    // Level 3: the ICT Mark through evaluation (application, payment, check, an assessor and a
    // moderating lead, a visit, met, approved); accreditation hears of it from the feed.
    let evaluationAdmin = system.evaluation(system.adminToken)
    func assessor(_ email: String, _ role: RoleGrant.Role) async throws -> (String, String) {
      let token = try await system.person(email, email, [try RoleGrant(role)]).token
      let client = system.evaluation(token)
      let registered = try await client.registerAssessor(
        .init(penPortrait: .init(regions: ["Yorkshire and the Humber"], phases: [.primary, .secondary])))
      _ = try await client.signCodeOfPractice(.init())
      _ = try await evaluationAdmin.recordAssessorConference(
        .init(assessorId: registered.assessorId, attendedOn: Common.Date(UTCTime.now().date.adding(days: -20))))
      return (registered.assessorId, token)
    }
    let (assessorID, assessorToken) = try await assessor("independent@assess.example", .assessor)
    let (_, leadToken) = try await assessor("lead@assess.example", .leadAssessor)
    let application = try await system.evaluation(headToken).submitApplication(
      .init(schoolUrn: urn, route: .standard, assessorPreference: .allocateForMe(true)))
    let id = application.applicationId
    _ = try await evaluationAdmin.recordPayment(.init(applicationId: id))
    _ = try await evaluationAdmin.recordEvidenceCheck(.init(applicationId: id, passed: true))
    _ = try await evaluationAdmin.allocateAssessor(.init(applicationId: id, assessorId: assessorID))
    let assessorClient = system.evaluation(assessorToken)
    _ = try await assessorClient.acceptAllocation(.init(applicationId: id))
    let today = UTCTime.now().date
    _ = try await system.evaluation(headToken).offerVisitDates(
      .init(applicationId: id, dates: [Common.Date(today), Common.Date(today.adding(days: 1))]))
    _ = try await assessorClient.scheduleVisit(
      .init(applicationId: id, visit: .init(startsAt: Protobuf.Timestamp(UTCTime.now().adding(.seconds(2))))))
    try await Task.sleep(for: .milliseconds(2500))
    var report = Evaluation.AssessmentReport()
    report.outcome = .met
    report.contextCommentary = "A primary school where ICT is led well."
    report.strengths = ["Clear vision", "Confident staff", "Pupils use the learning platform at home"]
    report.areasForDevelopment = ["Assessment of ICT capability", "Parental engagement", "Technical sustainability"]
    _ = try await assessorClient.recordAssessmentOutcome(.init(applicationId: id, report: report))
    _ = try await system.evaluation(leadToken).recordModeration(.init(applicationId: id, moderatedOutcome: .met))
    let awarded = try await evaluationAdmin.approveAward(.init(applicationId: id))
    #expect(awarded.state == .awarded)
    let reachedMark = await AccreditationSystem.eventually {
      (try? await head.getCharterStanding(.init(schoolUrn: urn)))?.level == .ictMark
    }
    #expect(reachedMark, "accreditation never heard of the Mark")
    let atMark = try await head.getCharterStanding(.init(schoolUrn: urn))
    #expect(atMark.mark?.awardId == awarded.award?.awardId && atMark.mark?.status == .valid)
    #expect(atMark.recognition?.state == .superseded)
    let mark = try await certificate(.ictMark, verifies: .valid)
    #expect(mark.validUntil?.utcTime.date == awarded.award?.expiresAt?.utcTime.date)

    // Level 4: this year's Excellence Award cycle (a current Mark required), an entry, the
    // stages, a result.
    let year = Int32(UTCTime.now().date.year)
    let cycle = try await admin.openAwardCycle(
      .init(
        year: year, entryDeadline: Common.Date(UTCTime.now().date.adding(days: 30)),
        categories: [
          .init(
            categoryId: "leadership", title: "Leadership, management and collaboration",
            subCategories: [.init(subCategoryId: "primary", title: "Primary")])
        ], requiresIctMark: true))
    let entry = try await head.enterAward(
      .init(
        cycleId: cycle.cycleId, schoolUrn: urn, categoryId: "leadership", subCategoryId: "primary",
        statement: "Leadership of ICT across the whole school."))
    for stage in [Accreditation.AwardCycleState.closed, .shortlisting, .judgeVisits, .results] {
      _ = try await admin.advanceAwardCycle(.init(cycleId: cycle.cycleId, toState: stage))
    }
    _ = try await admin.recordAwardResult(.init(entryId: entry.entryId, result: .winner))
    _ = try await admin.advanceAwardCycle(.init(cycleId: cycle.cycleId, toState: .published))
    let excellent = try await head.getCharterStanding(.init(schoolUrn: urn))
    #expect(excellent.level == .excellence)
    #expect(excellent.history.map(\.toLevel) == [.committed, .recognised, .ictMark, .excellence])
    let award = try await certificate(.excellenceAward, verifies: .valid)
    #expect(award.title == "ICT Excellence Award \(year)" && award.facts?.awardResult == .winner)

    // Three years and a week on (accreditation restarted with its clock ahead): the Mark has
    // expired, the school is back at level 1, the award stays in the history as a badge.
    #expect(try await system.restartAccreditation(["--clock-offset-days", "\(3 * 366 + 7)"]) == 0)
    let fellBack = await AccreditationSystem.eventually {
      (try? await head.getCharterStanding(.init(schoolUrn: urn)))?.level == .committed
    }
    #expect(fellBack, "the school did not fall back when its Mark expired")
    let after = try await head.getCharterStanding(.init(schoolUrn: urn))
    #expect(after.mark?.status == .expired)
    #expect(after.badges.map(\.year) == [year] && after.badges.first?.result == .winner)
    #expect(
      after.history.last?.toLevel == .committed && after.history.last?.reason.contains("ICT Mark expired") == true)
    _ = try await certificate(.ictMark, verifies: .expired)
    _ = try await certificate(.committed, verifies: .valid)
    let events = try await system.accreditation(system.adminToken).streamEvents(
      .init(stopAtHead: true, schoolUrn: urn)
    ) { stream in
      var levels: [Common.CharterLevel] = []
      for try await event in stream {
        if case .levelChanged(let changed)? = event.payload { levels.append(changed.level) }
      }
      return levels
    }
    #expect(events == [.committed, .recognised, .ictMark, .excellence, .committed])

    #expect(await system.stop() == [0, 0, 0, 0])
  }

  @Test("a stock Python grpcio client reads a standing and verifies certificates, built only from the protos")
  func pythonClient() async throws {
    let system = try await AccreditationSystem.start()
    let urn = "830402"
    let headToken = try await system.committedSchool(urn, name: "Python Lane Primary")
    _ = try await system.committedSchool("830403", name: "Another Lane Primary")
    let code = try #require(
      try await system.accreditation(headToken).listCertificates(.init(schoolUrn: urn)).certificates.first
    ).verificationCode
    let script = ChildProcess.repositoryRoot.appendingPathComponent("Tests/Interop/grpc/accreditation_client.py").path
    let client = try ChildProcess.python(
      script,
      [
        "--port", "\(system.accreditationPort)", "--token", headToken, "--school-urn", urn, "--school-name",
        "Python Lane Primary", "--verification-code", code, "--other-school-urn", "830403",
      ])
    let status = await client.waitForExit()
    let lines = client.stdout.split(separator: "\n").map(String.init)
    for name in [
      "standing", "certificates", "verify_valid", "verify_lenient_code", "verify_unknown", "signing_key_verifies",
      "other_school_permission_denied", "unknown_school_not_found", "no_token_unauthenticated",
      "bad_urn_invalid_argument",
    ] {
      #expect(
        lines.contains("PASS \(name)"),
        "\(name): \(lines.first { $0.contains(name) } ?? "no result") \(client.stderr.suffix(1000))")
    }
    #expect(status == 0, "python client: \(client.stdout)\n\(client.stderr.suffix(2000))")
    _ = await system.stop()
  }
}
