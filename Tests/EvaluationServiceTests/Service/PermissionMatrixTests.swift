import CharterValues
import Contracts
import EvaluationService
import Identity
import RPCCore
import Testing

/// Each role against each RPC, on its own school's (or allocation's) application and on
/// another school's: whoever item 11 does not name gets PERMISSION_DENIED; whoever it names
/// gets past the permission check (the call may still fail for the application's state).
@Suite("Evaluation: the permission matrix")
struct PermissionMatrixTests {
  enum Role: String, CaseIterable, Sendable {
    case head, contributor, adviser, assessor, moderator, otherHead, otherAdviser, otherAssessor, otherModerator
    case admin, service, nobody
  }

  /// Roles named for application A; for application B the "other" roles play the same parts.
  static func mirrored(_ roles: Set<Role>) -> Set<Role> {
    Set(
      roles.map {
        switch $0 {
        case .head: .otherHead
        case .adviser: .otherAdviser
        case .assessor: .otherAssessor
        case .moderator: .otherModerator
        case .otherHead: .head
        case .otherAdviser: .adviser
        case .otherAssessor: .assessor
        case .otherModerator: .moderator
        case .contributor: .contributor  // B's school has no contributor in this cast; see below
        default: $0
        }
      })
  }

  struct Target: Sendable {
    let application: String
    let urn: String
    let assessorID: String
  }

  struct Check: Sendable {
    let rpc: String
    /// Who may, on application A.
    let allowed: Set<Role>
    let call: @Sendable (Evaluation.Client, Target, CalendarDate) async throws -> Void
  }

  static let schoolPeople: Set<Role> = [.head, .contributor]
  static let readers: Set<Role> = [.head, .contributor, .adviser, .assessor, .moderator, .admin, .service]
  static let schoolReaders: Set<Role> = [.head, .contributor, .adviser, .admin, .service]

  static let checks: [Check] = [
    Check(rpc: "GetApplication", allowed: readers) { c, t, _ in
      _ = try await c.getApplication(.init(applicationId: t.application))
    },
    Check(rpc: "SubmitApplication", allowed: [.head, .admin]) { c, t, _ in
      _ = try await c.submitApplication(.init(schoolUrn: t.urn, route: .standard))
    },
    Check(rpc: "RecordPayment", allowed: [.admin]) { c, t, _ in
      _ = try await c.recordPayment(.init(applicationId: t.application))
    },
    Check(rpc: "RecordEvidenceCheck", allowed: [.admin]) { c, t, _ in
      _ = try await c.recordEvidenceCheck(.init(applicationId: t.application, passed: true))
    },
    Check(rpc: "ResubmitEvidence", allowed: schoolPeople) { c, t, _ in
      _ = try await c.resubmitEvidence(.init(applicationId: t.application))
    },
    Check(rpc: "AllocateAssessor", allowed: [.admin]) { c, t, _ in
      _ = try await c.allocateAssessor(.init(applicationId: t.application, assessorId: t.assessorID))
    },
    Check(rpc: "SuggestAssessors", allowed: [.head, .contributor, .admin]) { c, t, _ in
      _ = try await c.suggestAssessors(.init(applicationId: t.application))
    },
    Check(rpc: "AcceptAllocation", allowed: [.assessor]) { c, t, _ in
      _ = try await c.acceptAllocation(.init(applicationId: t.application))
    },
    Check(rpc: "RequestDocuments", allowed: [.assessor]) { c, t, _ in
      _ = try await c.requestDocuments(.init(applicationId: t.application, documents: ["Plan"]))
    },
    Check(rpc: "RaiseCauseForConcern", allowed: [.assessor]) { c, t, _ in
      _ = try await c.raiseCauseForConcern(.init(applicationId: t.application, description: "Thin"))
    },
    Check(rpc: "ResolveCauseForConcern", allowed: schoolPeople) { c, t, _ in
      _ = try await c.resolveCauseForConcern(.init(applicationId: t.application, resolution: .evidenceAdded))
    },
    Check(rpc: "OfferVisitDates", allowed: schoolPeople) { c, t, today in
      _ = try await c.offerVisitDates(.init(applicationId: t.application, dates: [Common.Date(today.adding(days: 5))]))
    },
    Check(rpc: "ScheduleVisit", allowed: [.assessor]) { c, t, today in
      _ = try await c.scheduleVisit(
        .init(
          applicationId: t.application,
          visit: .init(startsAt: Protobuf.Timestamp(today.adding(days: 5).startInUTC.adding(.seconds(32_400))))))
    },
    Check(rpc: "RecordAssessmentOutcome", allowed: [.assessor]) { c, t, _ in
      _ = try await c.recordAssessmentOutcome(.init(applicationId: t.application, report: EvaluationHarness.report))
    },
    Check(rpc: "RecordReferralFollowUp", allowed: [.assessor]) { c, t, _ in
      _ = try await c.recordReferralFollowUp(.init(applicationId: t.application, kind: .evidence, outcome: .met))
    },
    Check(rpc: "RecordModeration", allowed: [.moderator]) { c, t, _ in
      _ = try await c.recordModeration(.init(applicationId: t.application, moderatedOutcome: .met))
    },
    Check(rpc: "ApproveAward", allowed: [.admin]) { c, t, _ in
      _ = try await c.approveAward(.init(applicationId: t.application))
    },
    Check(rpc: "GetEligibility", allowed: schoolReaders) { c, t, _ in
      _ = try await c.getEligibility(.init(schoolUrn: t.urn))
    },
    Check(rpc: "StreamEvents (school)", allowed: schoolReaders) { c, t, _ in
      _ = try await c.streamEvents(.init(stopAtHead: true, schoolUrn: t.urn)) { stream in
        for try await _ in stream {}
      }
    },
    // Last: once the head withdraws, every later call meets a closed application.
    Check(rpc: "WithdrawApplication", allowed: [.head, .admin]) { c, t, _ in
      _ = try await c.withdrawApplication(.init(applicationId: t.application, reason: "Matrix test"))
    },
  ]

  @Test("each role against each application RPC, on its own school's application and on another's")
  func matrix() async throws {
    let h = try await EvaluationHarness.start()
    defer { Task { await h.stop() } }
    let cast = try await h.cast()
    let otherLead = try await h.assessor(lead: true)
    let otherCast = EvaluationHarness.Cast(admin: cast.admin, lead: otherLead)
    // A: a Leeds (383) school's application with its assessor and moderator; B: a
    // Birmingham (330) school's with theirs. Both in the pre-visit review.
    let x = try await h.assessor()
    let y = try await h.assessor(regions: ["West Midlands"])
    let a = try await h.drive(to: .preVisitReview, moderated: true, cast: cast, assessor: x)
    let b = try await h.drive(to: .preVisitReview, moderated: true, cast: otherCast, assessor: y, la: "330")
    let targets = [
      "A": Target(application: a.id, urn: a.urn, assessorID: x.id),
      "B": Target(application: b.id, urn: b.urn, assessorID: y.id),
    ]
    let callers: [Role: Caller] = [
      .head: EvaluationHarness.head(of: a.urn),
      .contributor: EvaluationHarness.person(
        "p-teacher", "Teacher", [try RoleGrant(.schoolContributor, .school(urn: a.urn))]),
      .adviser: EvaluationHarness.person(
        "p-adviser", "Leeds adviser", [try RoleGrant(.localAuthorityAdviser, .localAuthority(code: "383"))]),
      .assessor: x.caller, .moderator: cast.lead.caller,
      .otherHead: EvaluationHarness.head(of: b.urn),
      .otherAdviser: EvaluationHarness.person(
        "p-adviser-2", "Birmingham adviser", [try RoleGrant(.localAuthorityAdviser, .localAuthority(code: "330"))]),
      .otherAssessor: y.caller, .otherModerator: otherLead.caller,
      .admin: EvaluationHarness.person("p-admin", "Programme Admin", [try RoleGrant(.programmeAdmin)]),
      .service: Caller(
        kind: .service(name: "charter-accreditation"), displayName: "charter-accreditation",
        grants: [try RoleGrant(.service)]),
      .nobody: EvaluationHarness.person("p-nobody", "Nobody", []),
    ]
    var clients: [Role: Evaluation.Client] = [:]
    for (role, caller) in callers { clients[role] = try await h.client(caller) }

    var cells = 0
    for check in Self.checks {
      for (name, target) in targets.sorted(by: { $0.key < $1.key }) {
        var allowed = name == "A" ? check.allowed : Self.mirrored(check.allowed)
        if name == "B" { allowed.remove(.contributor) }  // the contributor works at A's school
        for role in Role.allCases {
          let error = await rpcError { try await check.call(clients[role]!, target, h.today) }
          if allowed.contains(role) {
            #expect(
              error?.code != .permissionDenied, "\(role) on \(name): \(check.rpc) was refused: \(error?.message ?? "")")
          } else {
            #expect(
              error?.code == .permissionDenied,
              "\(role) on \(name): \(check.rpc) gave \(String(describing: error?.code))")
          }
          cells += 1
        }
        #expect(await rpcError { try await check.call(h.anonymous, target, h.today) }?.code == .unauthenticated)
      }
    }
    #expect(cells == Self.checks.count * 2 * Role.allCases.count)

    // Listings show each role exactly what it may see.
    func listed(_ role: Role) async throws -> Set<String> {
      Set(try await clients[role]!.listApplications(.init(pageSize: 1000)).applications.map(\.applicationId))
    }
    let everything = Set(
      try await clients[.admin]!.listApplications(.init(pageSize: 1000)).applications.map(\.applicationId))
    #expect(everything.isSuperset(of: [a.id, b.id]))
    #expect(try await listed(.service) == everything)
    #expect(try await listed(.head) == [a.id])
    #expect(try await listed(.contributor) == [a.id])
    let adviserSees = try await listed(.adviser)
    #expect(adviserSees.contains(a.id) && !adviserSees.contains(b.id))
    #expect(try await listed(.assessor) == [a.id])
    #expect(try await listed(.otherAssessor) == [b.id])
    let moderatorSees = try await listed(.moderator)
    #expect(moderatorSees.contains(a.id) && !moderatorSees.contains(b.id))
    #expect(try await listed(.otherHead) == [b.id])
    #expect(try await listed(.nobody).isEmpty)

    // Assessor records and the whole feed.
    for role in Role.allCases {
      let list = await rpcError { try await clients[role]!.listAssessors(.init()) }
      #expect(list == nil, "\(role) lists the published assessors")
      #expect(await rpcError { try await clients[role]!.getAssessor(.init(assessorId: x.id)) } == nil)
      let feed = await rpcError {
        try await clients[role]!.streamEvents(.init(stopAtHead: true)) { stream in for try await _ in stream {} }
      }
      #expect((feed == nil) == [.admin, .service].contains(role), "\(role) reading every school's events")
      let conference = await rpcError {
        try await clients[role]!.recordAssessorConference(.init(assessorId: x.id, attendedOn: Common.Date(h.today)))
      }
      #expect((conference?.code != .permissionDenied) == (role == .admin), "\(role) recording a conference")
      let signing = await rpcError { try await clients[role]!.signCodeOfPractice(.init(assessorId: x.id)) }
      #expect((signing?.code != .permissionDenied) == (role == .assessor), "\(role) signing x's code of practice")
      let registering = await rpcError {
        try await clients[role]!.registerAssessor(
          .init(personId: "p-somebody", penPortrait: .init(regions: ["London"], phases: [.primary])))
      }
      #expect((registering?.code != .permissionDenied) == (role == .admin), "\(role) registering someone else")
    }
  }
}
