import CharterValues
import Contracts
import Foundation
import Identity
import RPCCore
import Testing

@testable import AccreditationService

/// Every transition of CHARTER-DOMAIN.md §7.2 as the store lives it: facts arrive on the
/// feeds (or from the service's own decisions), the keeper settles the standing in the same
/// transaction, and the clock, moved by the test, brings the lapses and notices when the
/// scheduler ticks.
@Suite("Charter level transitions in the store")
struct StandingTransitionTests {
  func kinds(_ events: [Accreditation.AccreditationEvent]) -> [String] {
    events.compactMap { $0.payload.map(Accreditation.AccreditationEvent.eventType(of:)) }
  }

  @Test("none → level 1: the registry's commitment; certificate, history with its cause, deadline three years on")
  func committed() async throws {
    let ledger = try await Ledger.open()
    defer { Task { await ledger.close() } }
    try await ledger.school("100001", committed: false)
    #expect(try await ledger.level("100001") == .notCommitted)
    try await ledger.commit("100001")
    let standing = try await ledger.standing("100001")
    #expect(standing.level == .committed)
    #expect(standing.commitDeadline?.utcTime == Ledger.start.adding(years: 3))
    let entry = try #require(standing.history.last)
    #expect(entry.fromLevel == .notCommitted && entry.toLevel == .committed)
    #expect(entry.cause?.source == "registry" && entry.cause?.eventType == "school_committed")
    #expect(entry.cause?.sequence == 2)
    #expect(entry.reason == "Committed to ICT")
    let certificates = try await ledger.certificates("100001")
    #expect(certificates.map(\.title) == ["Committed to ICT"])
    #expect(certificates.first?.certificateNumber == "NGL-2009-L1-000001")
    #expect(kinds(try await ledger.events(of: "100001")) == ["level_changed", "certificate_issued"])
  }

  @Test(
    "level 1 → recognition pending → level 2: the rule holds, the school asks, the referee confirms, the admin approves"
  )
  func recognised() async throws {
    let ledger = try await Ledger.open()
    defer { Task { await ledger.close() } }
    try await ledger.school("100002")
    #expect(try await ledger.standing("100002").mayRequestRecognition == false)
    try await ledger.level2Holds("100002")
    let told = try await ledger.standing("100002")
    #expect(told.mayRequestRecognition && told.level2RuleHolds && told.elementsAtStandard == ["E1", "E5", "E7"])
    #expect(kinds(try await ledger.events(of: "100002")).last == "recognition_available")

    let request = try await ledger.requestRecognition("100002")
    #expect(request.state == .awaitingReferee)
    #expect(request.elementsAtStandard == ["E1", "E5", "E7"])
    #expect(try await ledger.standing("100002").mayRequestRecognition == false)
    // A second request while one is pending.
    #expect(await statusCode { try await ledger.requestRecognition("100002") } == .alreadyExists)
    // The admin cannot decide before the referee confirms.
    #expect(
      await statusCode {
        try await ledger.keeper.decideRecognition(
          id: request.recognitionId, approve: true, reason: "", caller: Ledger.admin)
      } == .failedPrecondition)

    ledger.advance(days: 10)
    _ = try await ledger.keeper.answerAsReferee(
      recognitionID: request.recognitionId, invitationCode: nil, confirmed: true, comment: "Confirmed.",
      actor: Ledger.adviserCaller.actor)
    #expect(try await ledger.level("100002") == .committed)
    ledger.advance(days: 5)
    let decided = try await ledger.keeper.decideRecognition(
      id: request.recognitionId, approve: true, reason: "", caller: Ledger.admin)
    #expect(decided.state == .recognised)
    #expect(decided.expiresAt?.utcTime == ledger.now.adding(years: 3))
    let standing = try await ledger.standing("100002")
    #expect(standing.level == .recognised)
    #expect(standing.expiresAt?.utcTime == ledger.now.adding(years: 3))
    #expect(standing.history.last?.cause?.eventType == "recognition_decided")
    #expect(try await ledger.certificates("100002").map(\.title) == ["Recognised for ICT 2009", "Committed to ICT"])
    // Already recognised: no second request.
    #expect(await statusCode { try await ledger.requestRecognition("100002") } == .failedPrecondition)
  }

  @Test("recognition pending → level 1: the referee declines, or the admin rejects with a reason")
  func declinedOrRejected() async throws {
    let ledger = try await Ledger.open()
    defer { Task { await ledger.close() } }
    for urn in ["100003", "100004"] {
      try await ledger.school(urn)
      try await ledger.level2Holds(urn)
    }
    let declined = try await ledger.requestRecognition("100003")
    let answer = try await ledger.keeper.answerAsReferee(
      recognitionID: declined.recognitionId, invitationCode: nil, confirmed: false,
      comment: "I do not know the school.",
      actor: Ledger.adviserCaller.actor)
    #expect(answer.state == .rejected && answer.closedReason == "the referee declined")
    #expect(try await ledger.level("100003") == .committed)
    // Told again that it may ask, now with another referee.
    #expect(try await ledger.standing("100003").mayRequestRecognition)

    let rejected = try await ledger.requestRecognition("100004")
    _ = try await ledger.keeper.answerAsReferee(
      recognitionID: rejected.recognitionId, invitationCode: nil, confirmed: true, comment: "",
      actor: Ledger.adviserCaller.actor)
    let decision = try await ledger.keeper.decideRecognition(
      id: rejected.recognitionId, approve: false, reason: "Evidence for E7 is thin.", caller: Ledger.admin)
    #expect(decision.state == .rejected && decision.decision?.reason == "Evidence for E7 is thin.")
    #expect(try await ledger.level("100004") == .committed)
    let decided = try await ledger.events(of: "100004").filter {
      if case .recognitionDecided = $0.payload { true } else { false }
    }
    #expect(decided.count == 1)
  }

  @Test("a referee who is one of the school's own people is refused, by account and by address")
  func refereeIndependence() async throws {
    let ledger = try await Ledger.open()
    defer { Task { await ledger.close() } }
    try await ledger.school("100005")
    try await ledger.level2Holds("100005")
    try await ledger.person("p-deputy", email: "Deputy@School100005.example", schoolAdminOf: ["100005"])
    let byAccount = Referee(
      name: "Deputy", email: "other@example.org", organisation: "", kind: .consultant, personID: "p-deputy")
    let byAddress = Referee(name: "Deputy", email: "deputy@school100005.example", organisation: "", kind: .partner)
    #expect(await statusCode { try await ledger.requestRecognition("100005", referee: byAccount) } == .invalidArgument)
    #expect(await statusCode { try await ledger.requestRecognition("100005", referee: byAddress) } == .invalidArgument)
    // The head naming themself.
    let himself = Referee(
      name: "Head", email: "head@elsewhere.example", organisation: "", kind: .consultant, personID: "p-head-100005")
    #expect(await statusCode { try await ledger.requestRecognition("100005", referee: himself) } == .invalidArgument)
    // Once the registry revokes the deputy's role, they are independent.
    var event = Registry.RoleRevoked()
    event.personId = "p-deputy"
    event.grant = RoleGrant.schoolAdmin("100005").message
    try await ledger.registry(.roleRevoked(event))
    #expect(try await ledger.requestRecognition("100005", referee: byAccount).state == .awaitingReferee)
  }

  @Test("the level 2 rule ceasing to hold closes a pending request with that reason; it cannot then be approved")
  func ruleStopsWhilePending() async throws {
    let ledger = try await Ledger.open()
    defer { Task { await ledger.close() } }
    try await ledger.school("100006")
    try await ledger.level2Holds("100006")
    let request = try await ledger.requestRecognition("100006")
    _ = try await ledger.keeper.answerAsReferee(
      recognitionID: request.recognitionId, invitationCode: nil, confirmed: true, comment: "",
      actor: Ledger.adviserCaller.actor)
    try await ledger.level2Stops("100006", remaining: ["E5", "E7"])
    let standing = try await ledger.standing("100006")
    #expect(standing.recognition?.state == .closed)
    #expect(
      standing.recognition?.closedReason
        == "the level 2 rule no longer holds (elements at the national standard: E5, E7)")
    #expect(standing.level == .committed && !standing.mayRequestRecognition && !standing.level2RuleHolds)
    #expect(
      await statusCode {
        try await ledger.keeper.decideRecognition(
          id: request.recognitionId, approve: true, reason: "", caller: Ledger.admin)
      } == .failedPrecondition)
    #expect(await statusCode { try await ledger.requestRecognition("100006") } == .failedPrecondition)
    #expect(kinds(try await ledger.events(of: "100006")).contains("recognition_closed"))
  }

  @Test("level 2 → level 1 when Recognised status lapses: the clock moves three years, the scheduler ticks, once")
  func recognitionLapses() async throws {
    let ledger = try await Ledger.open()
    defer { Task { await ledger.close() } }
    try await ledger.school("100007")
    try await ledger.level2Holds("100007")
    let recognition = try await ledger.recognise("100007")
    let expires = try #require(recognition.expiresAt?.utcTime)
    ledger.clock.set(expires.adding(.seconds(-1)))
    try await ledger.scheduler.tick()  // the commitment reminder falls before
    #expect(try await ledger.level("100007") == .recognised)
    ledger.clock.set(expires.adding(.seconds(3600)))
    #expect(try await ledger.scheduler.tick() == 1)
    let before = try await ledger.events().count
    #expect(try await ledger.scheduler.tick() == 0)
    #expect(try await ledger.events().count == before)
    let standing = try await ledger.standing("100007")
    #expect(standing.level == .committed)
    let lapse = try #require(standing.history.last)
    #expect(lapse.changedAt?.utcTime == expires)
    #expect(lapse.reason == "Recognised status lapsed after three years: back to Committed to ICT")
    #expect(lapse.cause?.source == "clock" && lapse.cause?.eventType == "recognition_lapsed")
    #expect(standing.recognition?.state == .lapsed)
    let certificate = try #require(try await ledger.certificates("100007").first { $0.kind == .recognised })
    #expect(certificate.status == .expired)
    #expect(try await ledger.keeper.verify(code: certificate.facts!.verificationCode).status == .expired)
  }

  @Test("level 2 → level 3 with the Mark (the recognition is superseded); the Mark's expiry falls back to level 1")
  func markThenFallBack() async throws {
    let ledger = try await Ledger.open()
    defer { Task { await ledger.close() } }
    try await ledger.school("100008")
    try await ledger.level2Holds("100008")
    try await ledger.recognise("100008")
    ledger.advance(days: 200)
    try await ledger.markAwarded("100008")
    let awarded = try await ledger.standing("100008")
    #expect(awarded.level == .ictMark)
    #expect(awarded.recognition?.state == .superseded)
    #expect(awarded.mark?.status == .valid)
    #expect(awarded.history.last?.cause?.source == "evaluation")
    #expect(awarded.history.last?.cause?.subjectId == "award-1")
    #expect(try await ledger.certificates("100008").first?.title == "ICT Mark Accredited")
    // The commitment is fulfilled: no reminder, no overdue flag.
    ledger.advance(years: 3)
    try await ledger.scheduler.tick()
    let expired = try await ledger.standing("100008")
    #expect(expired.level == .committed)
    #expect(expired.mark?.status == .expired)
    #expect(expired.history.last?.reason == "ICT Mark expired: back to Committed to ICT")
    #expect(!expired.commitmentOverdue)
    #expect(!kinds(try await ledger.events(of: "100008")).contains("commitment_overdue"))
  }

  @Test("level 3 → level 4 with a result at the cycle's threshold; the Mark's expiry falls back, the badge stays")
  func excellenceAndFallBack() async throws {
    let ledger = try await Ledger.open()
    defer { Task { await ledger.close() } }
    try await ledger.school("100009")
    try await ledger.markAwarded("100009")
    let cycle = try await ledger.keeper.openCycle(
      year: 2009, deadline: CalendarDate("2009-03-24")!,
      categories: [
        AwardCategory(
          id: "leadership", title: "Leadership, management and collaboration",
          subCategories: [
            .init(id: "primary", title: "Primary"), .init(id: "secondary", title: "Secondary"),
          ])
      ], requiresMark: true, threshold: .shortlisted, caller: Ledger.admin)
    let entry = try await ledger.keeper.enterAward(
      cycleID: cycle.cycleId, urn: "100009", categoryID: "leadership", subCategoryID: "primary", statement: "",
      caller: Ledger.head(of: "100009")
    ) { _ in }
    #expect(try await ledger.level("100009") == .ictMark)
    // Results come with the stages.
    #expect(
      await statusCode {
        try await ledger.keeper.recordResult(entryID: entry.entryId, result: .winner, caller: Ledger.admin)
      }
        == .failedPrecondition)
    for stage in [AwardStage.closed, .shortlisting] {
      _ = try await ledger.keeper.advanceCycle(id: cycle.cycleId, to: stage, caller: Ledger.admin)
    }
    _ = try await ledger.keeper.recordResult(entryID: entry.entryId, result: .shortlisted, caller: Ledger.admin)
    #expect(try await ledger.level("100009") == .excellence)
    for stage in [AwardStage.judgeVisits, .results] {
      _ = try await ledger.keeper.advanceCycle(id: cycle.cycleId, to: stage, caller: Ledger.admin)
    }
    _ = try await ledger.keeper.recordResult(entryID: entry.entryId, result: .winner, caller: Ledger.admin)
    let titles = try await ledger.certificates("100009").map(\.title)
    #expect(titles.filter { $0 == "ICT Excellence Award 2009" }.count == 2)
    let winner = try #require(try await ledger.certificates("100009").first)
    #expect(winner.facts?.awardResult == .winner)
    #expect(winner.facts?.awardCategory == "Leadership, management and collaboration — Primary")

    ledger.advance(years: 3)
    try await ledger.scheduler.tick()
    let after = try await ledger.standing("100009")
    #expect(after.level == .committed)
    #expect(
      after.history.last?.reason
        == "ICT Mark expired; the ICT Excellence Award 2009 stays in the history: back to Committed to ICT")
    #expect(after.badges.map(\.year) == [2009] && after.badges.first?.result == .winner)
    #expect(after.badges.first?.countsForLevel4 == false)
  }

  @Test(
    "a cycle whose threshold is the accepted entry gives level 4 on entering; one requiring the Mark refuses schools without it"
  )
  func entryThreshold() async throws {
    let ledger = try await Ledger.open()
    defer { Task { await ledger.close() } }
    try await ledger.school("100010")
    try await ledger.school("100011")
    try await ledger.markAwarded("100010")
    let cycle = try await ledger.keeper.openCycle(
      year: 2010, deadline: CalendarDate("2010-03-24")!,
      categories: [AwardCategory(id: "support", title: "Support for schools")], requiresMark: true,
      threshold: .entrant, caller: Ledger.admin)
    _ = try await ledger.keeper.enterAward(
      cycleID: cycle.cycleId, urn: "100010", categoryID: "support", subCategoryID: "", statement: "",
      caller: Ledger.admin
    ) { _ in }
    #expect(try await ledger.level("100010") == .excellence)
    #expect(
      await statusCode {
        try await ledger.keeper.enterAward(
          cycleID: cycle.cycleId, urn: "100011", categoryID: "support", subCategoryID: "", statement: "",
          caller: Ledger.admin
        ) { _ in }
      } == .failedPrecondition)
    #expect(
      await statusCode {
        try await ledger.keeper.enterAward(
          cycleID: cycle.cycleId, urn: "100010", categoryID: "support", subCategoryID: "", statement: "",
          caller: Ledger.admin
        ) { _ in }
      } == .alreadyExists)
  }

  @Test("any level → withdrawn: certificates revoked, the pending request closed, the history kept")
  func withdrawn() async throws {
    let ledger = try await Ledger.open()
    defer { Task { await ledger.close() } }
    try await ledger.school("100012")
    try await ledger.level2Holds("100012")
    try await ledger.requestRecognition("100012")
    try await ledger.withdraw("100012")
    let standing = try await ledger.standing("100012")
    #expect(standing.level == .withdrawn)
    #expect(standing.history.map(\.toLevel) == [.committed, .withdrawn])
    #expect(standing.recognition?.state == .closed)
    let certificate = try #require(try await ledger.certificates("100012").first)
    #expect(certificate.status == .revoked && certificate.revocationReason == "the school withdrew from the Charter")
    let verification = try await ledger.keeper.verify(code: certificate.facts!.verificationCode)
    #expect(verification.status == .revoked)
    #expect(kinds(try await ledger.events(of: "100012")).contains("certificate_revoked"))
  }

  @Test("the programme switch: closed, new commitments and recognitions wait, earned levels stay; reopened, they count")
  func programmeSwitch() async throws {
    let ledger = try await Ledger.open()
    defer { Task { await ledger.close() } }
    try await ledger.school("100013")
    try await ledger.school("100014")
    try await ledger.level2Holds("100014")
    try await ledger.recognise("100014")
    try await ledger.school("100015")
    try await ledger.level2Holds("100015")
    let pending = try await ledger.requestRecognition("100015")
    _ = try await ledger.keeper.answerAsReferee(
      recognitionID: pending.recognitionId, invitationCode: nil, confirmed: true, comment: "",
      actor: Ledger.adviserCaller.actor)

    ledger.advance(days: 30)
    let closed = try await ledger.keeper.setProgramme(
      open: false, reason: "Funding withdrawn, 1 July 2010", caller: Ledger.admin)
    #expect(!closed.open)
    // Schools keep what they earned.
    #expect(try await ledger.level("100013") == .committed)
    #expect(try await ledger.level("100014") == .recognised)
    // No new level 1…
    ledger.advance(days: 1)
    try await ledger.school("100016")
    let waiting = try await ledger.standing("100016")
    #expect(waiting.level == .notCommitted && waiting.programmeClosed)
    // …and no new level 2.
    #expect(
      await statusCode {
        try await ledger.keeper.decideRecognition(
          id: pending.recognitionId, approve: true, reason: "", caller: Ledger.admin)
      } == .failedPrecondition)
    try await ledger.school("100017")
    try await ledger.level2Holds("100017")
    #expect(try await ledger.standing("100017").mayRequestRecognition == false)
    #expect(await statusCode { try await ledger.requestRecognition("100017") } == .failedPrecondition)

    ledger.advance(days: 1)
    _ = try await ledger.keeper.setProgramme(open: true, reason: "", caller: Ledger.admin)
    let counted = try await ledger.standing("100016")
    #expect(counted.level == .committed)
    #expect(counted.history.last?.cause?.eventType == "programme_status_changed")
    #expect(try await ledger.standing("100017").mayRequestRecognition)
    #expect(
      try await ledger.keeper.decideRecognition(
        id: pending.recognitionId, approve: true, reason: "", caller: Ledger.admin
      )
      .state == .recognised)
    #expect(kinds(try await ledger.events()).filter { $0 == "programme_status_changed" }.count == 2)
  }

  @Test("the three-year commitment: a reminder six months before, the overdue flag on the day, each once; no removal")
  func commitmentDeadline() async throws {
    let ledger = try await Ledger.open()
    defer { Task { await ledger.close() } }
    try await ledger.school("100018")
    try await ledger.school("100019", la: "330")
    try await ledger.school("100020")
    ledger.advance(days: 100)
    try await ledger.markAwarded("100020")  // fulfils its commitment
    let deadline = Ledger.start.adding(years: 3)
    ledger.clock.set(deadline.adding(months: -6))
    try await ledger.scheduler.tick()
    #expect(kinds(try await ledger.events(of: "100018")).filter { $0 == "commitment_due" }.count == 1)
    #expect(!kinds(try await ledger.events(of: "100020")).contains("commitment_due"))
    #expect(try await ledger.standing("100018").commitmentReminderSentAt?.utcTime == deadline.adding(months: -6))
    #expect(try await ledger.keeper.overdueCommitments(localAuthorities: nil, after: nil, limit: 10).total == 0)

    ledger.clock.set(deadline.adding(.seconds(86_400 * 12)))
    try await ledger.scheduler.tick()
    try await ledger.scheduler.tick()
    let overdue = try await ledger.events(of: "100018").compactMap { event -> Accreditation.OverdueCommitment? in
      if case .commitmentOverdue(let o) = event.payload { return o.commitment }
      return nil
    }
    #expect(overdue.count == 1 && overdue.first?.commitDeadline?.utcTime == deadline)
    let standing = try await ledger.standing("100018")
    #expect(standing.commitmentOverdue && standing.level == .committed)
    let all = try await ledger.keeper.overdueCommitments(localAuthorities: nil, after: nil, limit: 10)
    #expect(all.total == 2 && all.commitments.map(\.schoolUrn) == ["100018", "100019"])
    #expect(all.commitments.first?.daysOverdue == 12)
    let leeds = try await ledger.keeper.overdueCommitments(localAuthorities: ["383"], after: nil, limit: 10)
    #expect(leeds.commitments.map(\.schoolUrn) == ["100018"])
    // A Mark after the deadline ends the flag.
    try await ledger.markAwarded("100018", award: "award-2")
    #expect(try await ledger.keeper.overdueCommitments(localAuthorities: ["383"], after: nil, limit: 10).total == 0)
  }

  @Test("evaluation saying a Mark expired ends level 3 at once, before its date")
  func markExpiredEvent() async throws {
    let ledger = try await Ledger.open()
    defer { Task { await ledger.close() } }
    try await ledger.school("100021")
    try await ledger.markAwarded("100021")
    ledger.advance(days: 40)
    try await ledger.markExpired("100021")
    let standing = try await ledger.standing("100021")
    #expect(standing.level == .committed)
    #expect(standing.history.last?.reason == "ICT Mark expired without renewal: back to Committed to ICT")
    #expect(standing.history.last?.cause?.eventType == "mark_expired")
  }

  @Test("a spot-check audit that does not uphold a recognition revokes it and its certificate")
  func spotCheck() async throws {
    var rules = AccreditationRules()
    rules.spotCheckShare = 1
    let ledger = try await Ledger.open(rules: rules)
    defer { Task { await ledger.close() } }
    try await ledger.school("100022")
    try await ledger.level2Holds("100022")
    let recognition = try await ledger.recognise("100022")
    #expect(recognition.spotCheck?.selected == true && recognition.spotCheck?.completed == false)
    let audited = try await ledger.keeper.recordSpotCheck(
      id: recognition.recognitionId, upheld: false, note: "No evidence for element 7.", caller: Ledger.admin)
    #expect(audited.state == .revoked)
    let standing = try await ledger.standing("100022")
    #expect(standing.level == .committed)
    #expect(standing.history.last?.reason == "Recognition revoked after a spot-check audit: back to Committed to ICT")
    let certificate = try #require(try await ledger.certificates("100022").first { $0.kind == .recognised })
    #expect(certificate.status == .revoked)
    #expect(
      await statusCode {
        try await ledger.keeper.recordSpotCheck(
          id: recognition.recognitionId, upheld: true, note: "", caller: Ledger.admin)
      } == .failedPrecondition)
  }

  @Test("with no audit share nothing is selected, and an audit of an unselected recognition is refused")
  func noSpotCheck() async throws {
    var rules = AccreditationRules()
    rules.spotCheckShare = 0
    let ledger = try await Ledger.open(rules: rules)
    defer { Task { await ledger.close() } }
    try await ledger.school("100023")
    try await ledger.level2Holds("100023")
    let recognition = try await ledger.recognise("100023")
    #expect(recognition.spotCheck?.selected == false)
    #expect(
      await statusCode {
        try await ledger.keeper.recordSpotCheck(
          id: recognition.recognitionId, upheld: true, note: "", caller: Ledger.admin)
      } == .failedPrecondition)
  }

  @Test("a referee without an account answers with a one-time invitation code, which then stops working")
  func invitationCode() async throws {
    let ledger = try await Ledger.open()
    defer { Task { await ledger.close() } }
    try await ledger.school("100024")
    try await ledger.level2Holds("100024")
    let consultant = Referee(
      name: "Carl Consultant", email: "carl@ict-advice.example", organisation: "ICT Advice Ltd", kind: .consultant)
    let request = try await ledger.requestRecognition("100024", referee: consultant)
    let first = try await ledger.keeper.issueRefereeInvitation(id: request.recognitionId, caller: Ledger.admin)
    let second = try await ledger.keeper.issueRefereeInvitation(id: request.recognitionId, caller: Ledger.admin)
    #expect(first.invitationCode != second.invitationCode)
    // The first code was replaced.
    #expect(
      await statusCode {
        try await ledger.keeper.answerAsReferee(
          recognitionID: nil, invitationCode: first.invitationCode, confirmed: true, comment: "", actor: .accreditation)
      } == .notFound)
    let answered = try await ledger.keeper.answerAsReferee(
      recognitionID: nil, invitationCode: second.invitationCode, confirmed: true, comment: "A strong school.",
      actor: .accreditation)
    #expect(answered.state == .awaitingDecision && answered.refereeResponse?.comment == "A strong school.")
    #expect(
      await statusCode {
        try await ledger.keeper.answerAsReferee(
          recognitionID: nil, invitationCode: second.invitationCode, confirmed: true, comment: "", actor: .accreditation
        )
      } == .notFound)
  }
}
