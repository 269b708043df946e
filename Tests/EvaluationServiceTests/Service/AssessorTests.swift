import CharterValues
import Contracts
import EvaluationService
import Identity
import RPCCore
import Testing

/// Assessors: registering a pen portrait, the code of practice, the conference, the listing.
@Suite("Evaluation: assessors")
struct AssessorTests {
  @Test("an assessor registers their pen portrait, normalised; the role comes from the registry")
  func register() async throws {
    let h = try await EvaluationHarness.start()
    defer { Task { await h.stop() } }
    let caller = EvaluationHarness.person("p-ann", "Ann Assessor", [try RoleGrant(.leadAssessor)])
    let ann = try await h.client(caller)
    var portrait = Evaluation.PenPortrait(
      localAuthorityCodes: ["383", " 330", "383"], regions: ["london", "North East"], phases: [.secondary, .primary],
      biography: "ICT consultant, 12 years.")
    portrait.baseLocation = Common.GeoPoint(latitude: 53.8, longitude: -1.5)
    portrait.worksInLocalAuthorityCode = "384"
    // Before the registry's feed brings the person, their token says they are a lead assessor.
    let registered = try await ann.registerAssessor(
      .init(penPortrait: portrait, supportedSchoolUrns: ["100002", "100001"]))
    #expect(registered.personId == "p-ann" && registered.displayName == "Ann Assessor" && registered.leadAssessor)
    #expect(registered.penPortrait?.localAuthorityCodes == ["330", "383"])
    #expect(registered.penPortrait?.regions == ["North East", "London"])
    #expect(registered.penPortrait?.phases == [.primary, .secondary])
    #expect(registered.supportedSchoolUrns == ["100001", "100002"])
    #expect(registered.active && registered.codeOfPracticeSignedAt == nil && registered.lastConferenceOn == nil)
    #expect(await rpcError { try await ann.registerAssessor(.init(penPortrait: portrait)) }?.code == .alreadyExists)

    // Signing is the assessor's, once; the conference is the office's, the latest kept.
    let signed = try await ann.signCodeOfPractice(.init())
    #expect(signed.codeOfPracticeSignedAt?.utcTime == h.now)
    h.clock.advance(by: .seconds(3600))
    #expect(try await ann.signCodeOfPractice(.init()).codeOfPracticeSignedAt == signed.codeOfPracticeSignedAt)
    let admin = try await h.admin()
    let id = registered.assessorId
    _ = try await admin.recordAssessorConference(
      .init(assessorId: id, attendedOn: Common.Date(h.today.adding(days: -10))))
    let older = try await admin.recordAssessorConference(
      .init(assessorId: id, attendedOn: Common.Date(h.today.adding(days: -100))))
    #expect(older.lastConferenceOn == Common.Date(h.today.adding(days: -10)))
    #expect(
      await rpcError {
        try await admin.recordAssessorConference(
          .init(assessorId: id, attendedOn: Common.Date(h.today.adding(days: 1))))
      }?
      .code == .invalidArgument)
    let events = try await h.events().compactMap { event -> String? in
      switch event.payload {
      case .assessorRegistered?: "registered"
      case .assessorChanged?: "changed"
      default: nil
      }
    }
    // The repeated signing and the older conference change nothing, so announce nothing.
    #expect(events == ["registered", "changed", "changed"])
  }

  @Test("pen portraits are checked; only assessors register themselves, the office registers anyone it knows")
  func checks() async throws {
    let h = try await EvaluationHarness.start()
    defer { Task { await h.stop() } }
    let caller = EvaluationHarness.person("p-bob", "Bob", [try RoleGrant(.assessor)])
    let bob = try await h.client(caller)
    func code(_ portrait: Evaluation.PenPortrait?) async -> RPCError? {
      await rpcError { try await bob.registerAssessor(.init(penPortrait: portrait)) }
    }
    #expect(await code(nil)?.code == .invalidArgument)
    #expect(await code(.init(regions: ["London"]))?.message.hasPrefix("pen_portrait.phases") == true)
    #expect(await code(.init(phases: [.primary]))?.message.contains("name the local authorities or regions") == true)
    #expect(await code(.init(regions: ["Mercia"], phases: [.primary]))?.message.contains("is not one of") == true)
    #expect(await code(.init(localAuthorityCodes: ["38"], phases: [.primary]))?.code == .invalidArgument)
    // A head teacher is not an assessor.
    let head = try await h.client(EvaluationHarness.head(of: "100001"))
    #expect(
      await rpcError {
        try await head.registerAssessor(.init(penPortrait: .init(regions: ["London"], phases: [.primary])))
      }?
      .code == .permissionDenied)
    // The office registers people the registry has announced, if they hold the role.
    let admin = try await h.admin()
    let carol = EvaluationHarness.person("p-carol", "Carol", [try RoleGrant(.assessor)])
    try await h.registryPerson(carol)
    let dave = EvaluationHarness.person(
      "p-dave", "Dave", [try RoleGrant(.localAuthorityAdviser, .localAuthority(code: "383"))])
    try await h.registryPerson(dave)
    let portrait = Evaluation.PenPortrait(regions: ["London"], phases: [.primary])
    #expect(try await admin.registerAssessor(.init(personId: "p-carol", penPortrait: portrait)).displayName == "Carol")
    #expect(
      await rpcError { try await admin.registerAssessor(.init(personId: "p-dave", penPortrait: portrait)) }?.code
        == .failedPrecondition)
    #expect(
      await rpcError { try await admin.registerAssessor(.init(personId: "p-erin", penPortrait: portrait)) }?.code
        == .notFound)
  }

  @Test("the list filters by area (code or region), phase, lead and conflicts, and pages by name")
  func listing() async throws {
    let h = try await EvaluationHarness.start()
    defer { Task { await h.stop() } }
    try await h.school("100001", la: "383")
    let yorkshire = try await h.assessor(regions: ["Yorkshire and the Humber"], phases: [.primary])
    let leeds = try await h.assessor(regions: [], codes: ["383"], phases: [.secondary])
    let lead = try await h.assessor(lead: true, regions: ["London"], phases: [.primary])
    let conflicted = try await h.assessor(phases: [.primary], supported: ["100001"])
    let admin = try await h.admin()
    func ids(_ request: Evaluation.ListAssessorsRequest) async throws -> Set<String> {
      Set(try await admin.listAssessors(request).assessors.map(\.assessorId))
    }
    #expect(try await ids(.init(localAuthorityCode: "383")) == [yorkshire.id, leeds.id, conflicted.id])
    #expect(try await ids(.init(localAuthorityCode: "383", phase: .primary)) == [yorkshire.id, conflicted.id])
    #expect(try await ids(.init(leadOnly: true)) == [lead.id])
    #expect(
      try await ids(.init(localAuthorityCode: "383", eligibleForSchoolUrn: "100001")) == [yorkshire.id, leeds.id])
    var names: [String] = []
    var token = ""
    repeat {
      let page = try await admin.listAssessors(.init(pageSize: 3, pageToken: token))
      names += page.assessors.map(\.displayName)
      token = page.nextPageToken
    } while !token.isEmpty
    #expect(names == names.sorted() && names.count == 4)
    #expect(await rpcError { try await admin.getAssessor(.init(assessorId: "asr-none")) }?.code == .notFound)
  }
}
