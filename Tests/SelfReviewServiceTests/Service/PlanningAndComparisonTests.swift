import Contracts
import Identity
import RPCCore
import Testing

@Suite("Self-review: action plans, benchmarks, who may see what, the per-school feed")
struct PlanningAndComparisonTests {
  @Test("an action plan item is added, listed, changed by field and filtered by state")
  func actionPlan() async throws {
    let h = try await SelfReviewHarness.start()
    defer { Task { await h.stop() } }
    try await h.school("770001")
    let head = h.selfReview(token: try await h.person("head@770001.example", [.schoolAdmin("770001")]))
    // No plan before the review starts.
    #expect(
      await rpcError { try await head.addActionItem(.init(schoolUrn: "770001", aspectId: "1a1", text: "x")) }?.code
        == .notFound)
    _ = try await head.startReview(.init(schoolUrn: "770001"))
    let item = try await head.addActionItem(
      .init(
        schoolUrn: "770001", aspectId: "2a1", text: "  Map ICT into every scheme of work  ", owner: "Deputy head",
        dueDate: Common.Date(year: 2027, month: 3, day: 31)))
    #expect(item.text == "Map ICT into every scheme of work")
    #expect(item.state == .open)
    #expect(item.createdBy?.displayName == "head@770001.example")
    _ = try await head.addActionItem(.init(schoolUrn: "770001", aspectId: "3a1", text: "Observe ICT in lessons"))
    // A whole-school item has no aspect.
    let wholeSchool = try await head.addActionItem(
      .init(schoolUrn: "770001", text: "Share the ICT vision with parents"))
    #expect(wholeSchool.aspectId.isEmpty)

    // Only the named fields change.
    let started = try await head.updateActionItem(
      .init(actionItemId: item.actionItemId, text: "ignored", state: .inProgress, updatePaths: ["state"]))
    #expect(started.state == .inProgress)
    #expect(started.text == "Map ICT into every scheme of work")
    #expect(started.owner == "Deputy head")

    let all = try await head.listActionItems(.init(schoolUrn: "770001")).items
    #expect(all.map(\.aspectId).sorted() == ["", "2a1", "3a1"])
    #expect(
      try await head.listActionItems(.init(schoolUrn: "770001", states: [.inProgress])).items.map(\.actionItemId) == [
        item.actionItemId
      ])
    #expect(try await head.listActionItems(.init(schoolUrn: "770001", aspectId: "3a1")).items.count == 1)
    let firstPage = try await head.listActionItems(.init(schoolUrn: "770001", pageSize: 1))
    #expect(firstPage.items.count == 1 && !firstPage.nextPageToken.isEmpty)
    let secondPage = try await head.listActionItems(
      .init(schoolUrn: "770001", pageSize: 1, pageToken: firstPage.nextPageToken))
    #expect(secondPage.items.count == 1 && secondPage.items[0].actionItemId != firstPage.items[0].actionItemId)
  }

  @Test("bad action plan input is refused with the field named, and changes nothing")
  func actionPlanErrors() async throws {
    let h = try await SelfReviewHarness.start()
    defer { Task { await h.stop() } }
    try await h.school("771001")
    try await h.school("771002")
    let head = h.selfReview(token: try await h.person("head@771001.example", [.schoolAdmin("771001")]))
    _ = try await head.startReview(.init(schoolUrn: "771001"))
    _ = try await h.adminReview.startReview(.init(schoolUrn: "771002"))
    let item = try await head.addActionItem(.init(schoolUrn: "771001", aspectId: "1a1", text: "Write an ICT vision"))

    let blank = await rpcError {
      try await head.addActionItem(.init(schoolUrn: "771001", aspectId: "1a1", text: "   "))
    }
    #expect(blank?.code == .invalidArgument && blank?.message.hasPrefix("text") == true)
    let aspect = await rpcError { try await head.addActionItem(.init(schoolUrn: "771001", aspectId: "9z9", text: "x")) }
    #expect(aspect?.code == .invalidArgument && aspect?.message.hasPrefix("aspect_id") == true)
    let date = await rpcError {
      try await head.addActionItem(
        .init(schoolUrn: "771001", aspectId: "1a1", text: "x", dueDate: Common.Date(year: 2027, month: 2, day: 30)))
    }
    #expect(date?.code == .invalidArgument && date?.message.hasPrefix("due_date") == true)
    let path = await rpcError {
      try await head.updateActionItem(.init(actionItemId: item.actionItemId, updatePaths: ["colour"]))
    }
    #expect(path?.code == .invalidArgument)
    let state = await rpcError {
      try await head.updateActionItem(.init(actionItemId: item.actionItemId, updatePaths: ["state"]))
    }
    #expect(state?.code == .invalidArgument && state?.message.hasPrefix("state") == true)
    #expect(
      await rpcError { try await head.updateActionItem(.init(actionItemId: "nope", state: .done)) }?.code == .notFound)
    // Another school's plan is out of reach.
    #expect(
      await rpcError { try await head.addActionItem(.init(schoolUrn: "771002", aspectId: "1a1", text: "x")) }?.code
        == .permissionDenied)
    let theirs = try await h.adminReview.addActionItem(.init(schoolUrn: "771002", aspectId: "1a1", text: "Theirs"))
    #expect(
      await rpcError { try await head.updateActionItem(.init(actionItemId: theirs.actionItemId, state: .dropped)) }?
        .code == .permissionDenied)

    let items = try await head.listActionItems(.init(schoolUrn: "771001")).items
    #expect(items.count == 1 && items[0].text == "Write an ICT vision" && items[0].state == .open)
    #expect(try await h.adminReview.listActionItems(.init(schoolUrn: "771002")).items.map(\.state) == [.open])
  }

  @Test("benchmarks average national, local-authority and same-phase levels, hiding groups under five schools")
  func benchmarks() async throws {
    let h = try await SelfReviewHarness.start()
    defer { Task { await h.stop() } }
    // Six primaries in authority 330 rate 2a1 at 1…6 (clamped to 5); two secondaries in 331 rate it 4.
    let primaries = (1...6).map { "78000\($0)" }
    for urn in primaries { try await h.school(urn, la: "330", phase: .primary) }
    for urn in ["780011", "780012"] { try await h.school(urn, la: "331", phase: .secondary) }
    for (i, urn) in primaries.enumerated() {
      _ = try await h.adminReview.startReview(.init(schoolUrn: urn))
      _ = try await h.adminReview.rateAspects(
        .init(
          schoolUrn: urn,
          ratings: [
            .init(aspectId: "2a1", level: Int32(min(i + 1, 5)), commentary: "c"),
            .init(aspectId: "2a2", level: 3, commentary: "c"),
          ]))
    }
    for urn in ["780011", "780012"] {
      _ = try await h.adminReview.startReview(.init(schoolUrn: urn))
      _ = try await h.adminReview.rateAspect(.init(schoolUrn: urn, aspectId: "2a1", level: 4, commentary: "c"))
    }
    let mine = try await h.adminReview.getBenchmarks(.init(schoolUrn: "780001"))
    #expect(mine.frameworkId == "srf-2008")
    #expect(mine.aspects.count == 38 && mine.elements.count == 8)
    let a = try #require(mine.aspects.first { $0.aspectId == "2a1" })
    #expect(a.schoolLevel == 1)
    // National: 1+2+3+4+5+5+4+4 = 28 over 8 schools.
    #expect(a.national?.schoolCount == 8 && a.national?.averageLevel == 3.5)
    // Authority 330 and primary phase: the six primaries, 20 / 6.
    #expect(a.localAuthority?.schoolCount == 6 && abs((a.localAuthority?.averageLevel ?? 0) - 20.0 / 6) < 1e-9)
    #expect(a.similarSchools?.schoolCount == 6)
    // Element 2: the school's own mean over its rated aspects (1 and 3), and nationally 2a1+2a2 levels.
    let e2 = try #require(mine.elements.first { $0.elementId == "E2" })
    #expect(e2.schoolAverageLevel == 2)
    #expect(e2.national?.averageLevel == Double(28 + 18) / 14)
    // A secondary's authority and phase groups have two schools: not shown.
    let theirs = try await h.adminReview.getBenchmarks(.init(schoolUrn: "780011"))
    let b = try #require(theirs.aspects.first { $0.aspectId == "2a1" })
    #expect(b.national?.averageLevel == 3.5)
    #expect(b.localAuthority?.schoolCount == 2 && b.localAuthority?.averageLevel == 0)
    #expect(b.similarSchools?.averageLevel == 0)
    // Re-rating replaces a school's contribution rather than adding to it.
    _ = try await h.adminReview.rateAspect(.init(schoolUrn: "780001", aspectId: "2a1", level: 5, commentary: "c"))
    let again = try await h.adminReview.getBenchmarks(.init(schoolUrn: "780002"))
    #expect(again.aspects.first { $0.aspectId == "2a1" }?.national?.averageLevel == 4)
    #expect(again.aspects.first { $0.aspectId == "2a1" }?.national?.schoolCount == 8)
  }

  @Test("a school that moves authority takes its levels with it")
  func authorityMove() async throws {
    let h = try await SelfReviewHarness.start()
    defer { Task { await h.stop() } }
    let urns = (1...5).map { "79000\($0)" }
    for urn in urns {
      try await h.school(urn, la: "330")
      _ = try await h.adminReview.startReview(.init(schoolUrn: urn))
      _ = try await h.adminReview.rateAspect(.init(schoolUrn: urn, aspectId: "4a1", level: 2, commentary: "c"))
    }
    var before = try await h.adminReview.getBenchmarks(.init(schoolUrn: "790001"))
    #expect(before.aspects.first { $0.aspectId == "4a1" }?.localAuthority?.schoolCount == 5)
    _ = try await h.adminRegistry.updateSchoolDetails(
      .init(
        urn: "790005", localAuthority: Common.LocalAuthority(code: "331", name: "Authority 331"),
        updatePaths: ["local_authority"]))
    let end = ContinuousClock.now.advanced(by: .seconds(10))
    while ContinuousClock.now < end {
      before = try await h.adminReview.getBenchmarks(.init(schoolUrn: "790001"))
      if before.aspects.first(where: { $0.aspectId == "4a1" })?.localAuthority?.schoolCount == 4 { break }
      try await Task.sleep(for: .milliseconds(10))
    }
    let a = try #require(before.aspects.first { $0.aspectId == "4a1" })
    #expect(a.localAuthority?.schoolCount == 4 && a.localAuthority?.averageLevel == 0)
    #expect(a.national?.schoolCount == 5 && a.national?.averageLevel == 2)
    let moved = try await h.adminReview.getBenchmarks(.init(schoolUrn: "790005"))
    #expect(moved.aspects.first { $0.aspectId == "4a1" }?.localAuthority?.schoolCount == 1)
  }

  @Test("the school's people, its authority's advisers and programme admins read; an unallocated assessor does not")
  func permissions() async throws {
    let h = try await SelfReviewHarness.start()
    defer { Task { await h.stop() } }
    try await h.school("781001", la: "330")
    try await h.school("781002", la: "331")
    let head = h.selfReview(token: try await h.person("head@781001.example", [.schoolAdmin("781001")]))
    let teacher = h.selfReview(token: try await h.person("teacher@781001.example", [.contributor("781001")]))
    let adviser = h.selfReview(token: try await h.person("adviser@330.example", [.adviser("330")]))
    let otherAdviser = h.selfReview(token: try await h.person("adviser@331.example", [.adviser("331")]))
    let assessor = h.selfReview(token: try await h.person("assessor@charter.example", [.assessor]))
    let otherHead = h.selfReview(token: try await h.person("head@781002.example", [.schoolAdmin("781002")]))
    let stranger = h.selfReview(token: try await h.person("teacher@781002.example", [.contributor("781002")]))
    let anonymous = SelfReview.Client(RPCClient(transport: h.transport))

    _ = try await head.startReview(.init(schoolUrn: "781001"))
    // A contributor rates (the school's people rate together).
    _ = try await teacher.rateAspect(
      .init(schoolUrn: "781001", aspectId: "5a1", level: 3, commentary: "CPD audit done"))
    // Readers.
    for reader in [head, teacher, adviser, h.adminReview] {
      #expect(try await reader.getReview(.init(schoolUrn: "781001")).ratings.count == 1)
      #expect(try await reader.getReviewStatus(.init(schoolUrn: "781001")).aspects.count == 38)
    }
    // Not readers (an assessor reads a school only while evaluation has allocated its
    // assessment to them: see AssessorAllocationTests and evaluation's cross-service test).
    for outsider in [otherAdviser, otherHead, stranger, assessor] {
      #expect(await rpcError { try await outsider.getReview(.init(schoolUrn: "781001")) }?.code == .permissionDenied)
      #expect(
        await rpcError { try await outsider.getBenchmarks(.init(schoolUrn: "781001")) }?.code == .permissionDenied)
      #expect(
        await rpcError { try await outsider.listActionItems(.init(schoolUrn: "781001")) }?.code == .permissionDenied)
    }
    #expect(await rpcError { try await anonymous.getReview(.init(schoolUrn: "781001")) }?.code == .unauthenticated)
    // Readers who are not the school's people do not write.
    for reader in [adviser, assessor, otherHead] {
      #expect(
        await rpcError { try await reader.rateAspect(.init(schoolUrn: "781001", aspectId: "5a1", level: 1)) }?.code
          == .permissionDenied)
      #expect(
        await rpcError { try await reader.addActionItem(.init(schoolUrn: "781001", aspectId: "5a1", text: "x")) }?.code
          == .permissionDenied)
    }
    #expect(try await head.getReview(.init(schoolUrn: "781001")).ratings.map(\.level) == [3])
    // A tampered token is refused outright.
    let token = try await h.person("tamper@781001.example", [.schoolAdmin("781001")])
    let tampered = h.selfReview(token: String(token.dropLast(2)) + (token.hasSuffix("AA") ? "BB" : "AA"))
    #expect(await rpcError { try await tampered.getReview(.init(schoolUrn: "781001")) }?.code == .unauthenticated)
  }

  @Test("the event feed: every school's to admins and services, one school's to its own readers")
  func eventFeedScopes() async throws {
    let h = try await SelfReviewHarness.start()
    defer { Task { await h.stop() } }
    try await h.school("782001")
    try await h.school("782002")
    let head = h.selfReview(token: try await h.person("head@782001.example", [.schoolAdmin("782001")]))
    _ = try await head.startReview(.init(schoolUrn: "782001"))
    _ = try await head.rateAspect(.init(schoolUrn: "782001", aspectId: "6a1", level: 3, commentary: "c"))
    _ = try await h.adminReview.startReview(.init(schoolUrn: "782002"))

    let own = try await head.streamEvents(.init(stopAtHead: true, schoolUrn: "782001")) { stream in
      var all: [SelfReview.SelfReviewEvent] = []
      for try await event in stream { all.append(event) }
      return all
    }
    #expect(own.count == 2 && own.allSatisfy { $0.schoolUrn == "782001" })
    if case .aspectRated(let rated)? = own.last?.payload {
      #expect(rated.rating?.aspectId == "6a1" && rated.previousLevel == 0)
    } else {
      Issue.record("expected an aspect-rated event, got \(String(describing: own.last?.payload))")
    }
    let denied = await rpcError {
      try await head.streamEvents(.init(stopAtHead: true)) { stream in for try await _ in stream {} }
    }
    #expect(denied?.code == .permissionDenied)
    let otherSchool = await rpcError {
      try await head.streamEvents(.init(stopAtHead: true, schoolUrn: "782002")) { stream in for try await _ in stream {}
      }
    }
    #expect(otherSchool?.code == .permissionDenied)
    let everything = try await h.events()
    #expect(Set(everything.map(\.schoolUrn)) == ["782001", "782002"])
    // Resuming after a sequence gives only what followed it.
    let after = try await h.events(after: everything[0].sequence)
    #expect(after.map(\.sequence) == everything.dropFirst().map(\.sequence))
  }
}
