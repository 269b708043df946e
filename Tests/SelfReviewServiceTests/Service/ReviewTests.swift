import Contracts
import Identity
import RPCCore
import Testing

@Suite("Self-review: reviews, ratings and standing over loopback gRPC")
struct ReviewTests {
  @Test("the frameworks are listed and the Charter's eight-element framework is the default")
  func frameworks() async throws {
    let h = try await SelfReviewHarness.start()
    defer { Task { await h.stop() } }
    let list = try await h.adminReview.listFrameworks(.init())
    #expect(Set(list.frameworks.map(\.frameworkId)) == ["srf-2008", "srf-2010"])
    let framework = try await h.adminReview.getFramework(.init())
    #expect(framework.frameworkId == "srf-2008")
    #expect(framework.elements.count == 8)
    #expect(framework.scale?.count == 5 && framework.scale?.best == 1)
    #expect(framework.elements.flatMap { $0.strands.flatMap(\.aspects) }.allSatisfy { $0.descriptors.count == 5 })
    let mapping = try await h.adminReview.getFrameworkMapping(
      .init(fromFrameworkId: "srf-2008", toFrameworkId: "srf-2010"))
    #expect(mapping.levelConversions.first { $0.fromLevel == 5 }?.toLevel == 4)
    #expect(await rpcError { try await h.adminReview.getFramework(.init(frameworkId: "nope")) }?.code == .notFound)
  }

  @Test("a committed school starts a review; an unknown or uncommitted one cannot")
  func start() async throws {
    let h = try await SelfReviewHarness.start()
    defer { Task { await h.stop() } }
    try await h.school("700001")
    try await h.school("700002", committed: false)
    let head = h.selfReview(token: try await h.person("head@700001.example", [.schoolAdmin("700001")]))
    let review = try await head.startReview(.init(schoolUrn: "700001"))
    #expect(review.frameworkId == "srf-2008")
    #expect(review.ratings.isEmpty)
    // Starting again returns the same review; another framework is refused.
    #expect(try await head.startReview(.init(schoolUrn: "700001")).createTime == review.createTime)
    #expect(
      await rpcError { try await head.startReview(.init(schoolUrn: "700001", frameworkId: "srf-2010")) }?.code
        == .failedPrecondition)
    #expect(
      await rpcError { try await h.adminReview.startReview(.init(schoolUrn: "700002")) }?.code == .failedPrecondition)
    #expect(await rpcError { try await h.adminReview.startReview(.init(schoolUrn: "799999")) }?.code == .notFound)
    #expect(await rpcError { try await head.startReview(.init(schoolUrn: "70000x")) }?.code == .invalidArgument)
  }

  @Test("a rating is stored with who and when, and every change is kept in history, newest first")
  func ratingAndHistory() async throws {
    let h = try await SelfReviewHarness.start()
    defer { Task { await h.stop() } }
    try await h.school("710001")
    let head = h.selfReview(token: try await h.person("head@710001.example", [.schoolAdmin("710001")]))
    _ = try await head.startReview(.init(schoolUrn: "710001"))
    let first = try await head.rateAspect(
      .init(
        schoolUrn: "710001", aspectId: "2a1", level: 4, commentary: "Only some subjects plan ICT.",
        evidence: [SelfReview.EvidenceReference(title: "Schemes of work", location: "shared drive", note: "")]))
    #expect(first.level == 4)
    #expect(first.ratedBy?.displayName == "head@710001.example")
    #expect(first.evidence.map(\.title) == ["Schemes of work"])
    _ = try await head.rateAspect(
      .init(schoolUrn: "710001", aspectId: "2a1", level: 3, commentary: "All subjects now plan ICT."))
    let review = try await head.getReview(.init(schoolUrn: "710001"))
    #expect(review.ratings.map(\.aspectId) == ["2a1"])
    #expect(review.ratings[0].level == 3)
    let history = try await head.getRatingHistory(.init(schoolUrn: "710001")).entries
    #expect(history.map(\.newLevel) == [3, 4])
    #expect(history.map(\.previousLevel) == [4, 0])
    #expect(history[0].previousCommentary == "Only some subjects plan ICT.")
    let page = try await head.getRatingHistory(.init(schoolUrn: "710001", pageSize: 1))
    #expect(page.entries.count == 1)
    #expect(
      try await head.getRatingHistory(.init(schoolUrn: "710001", pageSize: 1, pageToken: page.nextPageToken)).entries
        .map(\.newLevel) == [4])
  }

  @Test("rating an aspect again exactly as it stands records nothing new")
  func unchangedRating() async throws {
    let h = try await SelfReviewHarness.start()
    defer { Task { await h.stop() } }
    try await h.school("710101")
    _ = try await h.adminReview.startReview(.init(schoolUrn: "710101"))
    let evidence = [SelfReview.EvidenceReference(title: "Plan", location: "drive", note: "")]
    let first = try await h.adminReview.rateAspect(
      .init(schoolUrn: "710101", aspectId: "2a1", level: 3, commentary: "c", evidence: evidence))
    let again = try await h.adminReview.rateAspect(
      .init(schoolUrn: "710101", aspectId: "2a1", level: 3, commentary: "c", evidence: evidence))
    #expect(again.ratedAt == first.ratedAt)
    #expect(try await h.adminReview.getRatingHistory(.init(schoolUrn: "710101")).entries.count == 1)
    // Different evidence is a change.
    _ = try await h.adminReview.rateAspect(.init(schoolUrn: "710101", aspectId: "2a1", level: 3, commentary: "c"))
    #expect(try await h.adminReview.getRatingHistory(.init(schoolUrn: "710101")).entries.count == 2)
    let rated = try await h.events().filter { if case .aspectRated = $0.payload { true } else { false } }
    #expect(rated.count == 2)
  }

  @Test("invalid ratings get the right status and change nothing")
  func invalidRatings() async throws {
    let h = try await SelfReviewHarness.start()
    defer { Task { await h.stop() } }
    try await h.school("720001")
    try await h.school("720002")
    try await h.school("720003", committed: false)
    let head = h.selfReview(token: try await h.person("head@720001.example", [.schoolAdmin("720001")]))
    // Before the review starts.
    #expect(
      await rpcError { try await head.rateAspect(.init(schoolUrn: "720001", aspectId: "1a1", level: 2)) }?.code
        == .notFound)
    _ = try await head.startReview(.init(schoolUrn: "720001"))
    _ = try await h.adminReview.startReview(.init(schoolUrn: "720002"))
    let unknownAspect = await rpcError {
      try await head.rateAspect(.init(schoolUrn: "720001", aspectId: "9z9", level: 2))
    }
    #expect(unknownAspect?.code == .invalidArgument)
    #expect(unknownAspect?.message.hasPrefix("aspect_id") == true)
    let outside = await rpcError { try await head.rateAspect(.init(schoolUrn: "720001", aspectId: "1a1", level: 6)) }
    #expect(outside?.code == .invalidArgument)
    #expect(outside?.message.hasPrefix("level") == true)
    #expect(
      await rpcError { try await head.rateAspect(.init(schoolUrn: "720001", aspectId: "1a1", level: 0)) }?.code
        == .invalidArgument)
    #expect(
      await rpcError { try await head.rateAspect(.init(schoolUrn: "720002", aspectId: "1a1", level: 2)) }?.code
        == .permissionDenied)
    #expect(
      await rpcError { try await h.adminReview.rateAspect(.init(schoolUrn: "720003", aspectId: "1a1", level: 2)) }?.code
        == .notFound)
    // A batch with one bad rating stores none of them.
    var batch = SRF2008.atStandard("E2")
    batch[2].level = 9
    let batchError = await rpcError { try await head.rateAspects(.init(schoolUrn: "720001", ratings: batch)) }
    #expect(batchError?.code == .invalidArgument)
    #expect(batchError?.message.hasPrefix("ratings[2].level") == true, "\(batchError?.message ?? "")")
    #expect(try await head.getReview(.init(schoolUrn: "720001")).ratings.isEmpty)
    #expect(try await h.adminReview.getReview(.init(schoolUrn: "720002")).ratings.isEmpty)
    #expect(try await head.getRatingHistory(.init(schoolUrn: "720001")).entries.isEmpty)
  }

  @Test("§7.1: a level exactly at the threshold meets it, one step worse does not, unrated does not")
  func thresholdEdges() async throws {
    let h = try await SelfReviewHarness.start()
    defer { Task { await h.stop() } }
    try await h.school("730001")
    _ = try await h.adminReview.startReview(.init(schoolUrn: "730001"))
    _ = try await h.adminReview.rateAspects(
      .init(
        schoolUrn: "730001",
        ratings: [
          .init(aspectId: "2a1", level: 3, commentary: "at"),
          .init(aspectId: "2a2", level: 4, commentary: "one worse"),
          .init(aspectId: "2b1", level: 1, commentary: "better"),
        ]))
    let status = try await h.adminReview.getReviewStatus(.init(schoolUrn: "730001"))
    let aspects = Dictionary(uniqueKeysWithValues: status.aspects.map { ($0.aspectId, $0) })
    #expect(aspects["2a1"]?.meetsThreshold == true)
    #expect(aspects["2a2"]?.meetsThreshold == false)
    #expect(aspects["2b1"]?.meetsThreshold == true)
    #expect(aspects["2b2"]?.rated == false && aspects["2b2"]?.meetsThreshold == false)
    let e2 = try #require(status.elements.first { $0.elementId == "E2" })
    #expect(!e2.atNationalStandard)
    #expect(e2.aspectsMet == 2 && e2.aspectsRated == 3 && e2.aspectsTotal == 4)
    #expect(status.progress > 0.07 && status.progress < 0.08)  // 3 of 38 rated with commentary
    #expect(!status.commentaryComplete)
  }

  @Test("§7.1: elements, the Level 2 rule and the whole framework, reached and lost, each announced once")
  func standingJourney() async throws {
    let h = try await SelfReviewHarness.start()
    defer { Task { await h.stop() } }
    try await h.school("740001")
    let head = h.selfReview(token: try await h.person("head@740001.example", [.schoolAdmin("740001")]))
    _ = try await head.startReview(.init(schoolUrn: "740001"))
    // Two other elements first: no Level 2 without Leadership and management.
    _ = try await head.rateAspects(
      .init(schoolUrn: "740001", ratings: SRF2008.atStandard("E2") + SRF2008.atStandard("E3")))
    var status = try await head.getReviewStatus(.init(schoolUrn: "740001"))
    #expect(!status.level2RuleHolds)
    #expect(status.elements.filter(\.atNationalStandard).map(\.elementId) == ["E2", "E3"])
    // Leadership and management: the Level 2 rule now holds.
    _ = try await head.rateAspects(.init(schoolUrn: "740001", ratings: SRF2008.atStandard("E1")))
    status = try await head.getReviewStatus(.init(schoolUrn: "740001"))
    #expect(status.level2RuleHolds)
    #expect(!status.frameworkAtNationalStandard)
    // A fall below standard after reaching it.
    _ = try await head.rateAspect(
      .init(schoolUrn: "740001", aspectId: "2a1", level: 5, commentary: "lost our planning lead"))
    status = try await head.getReviewStatus(.init(schoolUrn: "740001"))
    #expect(!status.level2RuleHolds)
    // Everything at standard.
    for element in SRF2008.elements.map(\.id) where element != "E1" {
      _ = try await head.rateAspects(.init(schoolUrn: "740001", ratings: SRF2008.atStandard(element)))
    }
    status = try await head.getReviewStatus(.init(schoolUrn: "740001"))
    #expect(status.frameworkAtNationalStandard)
    #expect(status.level2RuleHolds)
    #expect(status.commentaryComplete)
    #expect(status.progress == 1)

    let events = try await h.events().filter { $0.schoolUrn == "740001" }
    func count(_ kind: (SelfReview.SelfReviewEvent.Payload) -> Bool) -> Int {
      events.compactMap(\.payload).filter(kind).count
    }
    #expect(count { if case .reviewStarted = $0 { true } else { false } } == 1)
    // E2's three unchanged aspects and E3's four were sent again as they stood: not events.
    #expect(count { if case .aspectRated = $0 { true } else { false } } == 17 + 1 + (29 - 7))
    #expect(count { if case .level2RuleNowHolds = $0 { true } else { false } } == 2)
    #expect(count { if case .level2RuleNoLongerHolds = $0 { true } else { false } } == 1)
    #expect(count { if case .frameworkReachedStandard = $0 { true } else { false } } == 1)
    let fell = events.compactMap { e -> SelfReview.ElementFellBelowStandard? in
      if case .elementFellBelowStandard(let f)? = e.payload { return f } else { return nil }
    }
    #expect(fell.map(\.elementId) == ["E2"])
    #expect(fell.first?.aspectsBelowThreshold == ["2a1"])
    #expect(events.map(\.sequence) == events.map(\.sequence).sorted())
  }

  @Test("next steps give the next level up and its descriptor, weakest aspects first")
  func nextSteps() async throws {
    let h = try await SelfReviewHarness.start()
    defer { Task { await h.stop() } }
    try await h.school("750001")
    _ = try await h.adminReview.startReview(.init(schoolUrn: "750001"))
    _ = try await h.adminReview.rateAspects(
      .init(
        schoolUrn: "750001",
        ratings: [
          .init(aspectId: "3a1", level: 5, commentary: "not begun"),
          .init(aspectId: "3a2", level: 1, commentary: "exemplary"),
        ]))
    let steps = try await h.adminReview.getNextSteps(.init(schoolUrn: "750001", elementId: "E3")).steps
    let byAspect = Dictionary(uniqueKeysWithValues: steps.map { ($0.aspectId, $0) })
    #expect(byAspect["3a1"]?.currentLevel == 5 && byAspect["3a1"]?.nextLevel == 4)
    #expect(byAspect["3a1"]?.nextLevelDescriptor.isEmpty == false)
    #expect(byAspect["3a2"]?.nextLevel == 0)  // already the best level
    #expect(byAspect["3b1"]?.currentLevel == 0 && byAspect["3b1"]?.nextLevel == 5)
    #expect(steps.first?.meetsThreshold == false)
    #expect(
      await rpcError { try await h.adminReview.getNextSteps(.init(schoolUrn: "750001", elementId: "E9")) }?.code
        == .notFound)
  }

  @Test("a school's review closes when it withdraws")
  func withdrawal() async throws {
    let h = try await SelfReviewHarness.start()
    defer { Task { await h.stop() } }
    try await h.school("760001")
    _ = try await h.adminReview.startReview(.init(schoolUrn: "760001"))
    _ = try await h.adminRegistry.withdrawSchool(.init(urn: "760001", reason: "closing"))
    let end = ContinuousClock.now.advanced(by: .seconds(10))
    var last: RPCError?
    while ContinuousClock.now < end {
      last = await rpcError {
        try await h.adminReview.rateAspect(.init(schoolUrn: "760001", aspectId: "1a1", level: 2))
      }
      if last?.code == .failedPrecondition { break }
      try await Task.sleep(for: .milliseconds(10))
    }
    #expect(last?.code == .failedPrecondition)
  }
}
