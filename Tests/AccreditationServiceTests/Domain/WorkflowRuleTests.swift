import AccreditationService
import CharterValues
import Testing

/// The smaller rules around the levels: the commitment's notices, the recognition request's
/// states, referees, the award cycle's stages and results, verification codes.
@Suite("Accreditation workflow rules")
struct WorkflowRuleTests {
  @Test("a commitment's reminder falls six months before its three-year deadline, the overdue flag on the day")
  func commitmentSchedule() {
    let committed = UTCTime("2009-08-31T10:00:00Z")!
    let schedule = CommitmentSchedule(committedAt: committed)
    #expect(schedule.deadline == UTCTime("2012-08-31T10:00:00Z")!)
    #expect(schedule.reminderAt == UTCTime("2012-02-29T10:00:00Z")!)  // a leap year's last day of February
    #expect(schedule.notices(at: schedule.reminderAt, sent: [], fulfilled: false) == [.reminder])
    #expect(schedule.notices(at: schedule.deadline, sent: [.reminder], fulfilled: false) == [.overdue])
    #expect(schedule.notices(at: schedule.deadline, sent: [], fulfilled: true).isEmpty)
    #expect(schedule.nextNotice(after: committed, sent: [], fulfilled: false) == schedule.reminderAt)
    #expect(schedule.nextNotice(after: schedule.reminderAt, sent: [.reminder], fulfilled: false) == schedule.deadline)
    #expect(schedule.isOverdue(at: schedule.deadline, fulfilled: false))
    #expect(schedule.daysOverdue(at: schedule.deadline.adding(.seconds(86_400 * 3))) == 3)
  }

  @Test("a recognition request moves only as §7.2 allows")
  func recognitionStages() throws {
    #expect(try RecognitionStage.awaitingReferee.answeredByReferee(confirmed: true) == .awaitingDecision)
    #expect(try RecognitionStage.awaitingReferee.answeredByReferee(confirmed: false) == .rejected)
    #expect(throws: AccreditationRuleError.self) {
      try RecognitionStage.awaitingDecision.answeredByReferee(confirmed: true)
    }
    #expect(try RecognitionStage.awaitingDecision.decided(approve: true) == .recognised)
    #expect(try RecognitionStage.awaitingDecision.decided(approve: false) == .rejected)
    #expect(throws: AccreditationRuleError.self) { try RecognitionStage.awaitingReferee.decided(approve: true) }
    #expect(RecognitionStage.awaitingReferee.closed(schoolWithdrew: false) == .closed)
    #expect(RecognitionStage.recognised.closed(schoolWithdrew: false) == .recognised)
    #expect(RecognitionStage.recognised.closed(schoolWithdrew: true) == .closed)
    #expect(RecognitionStage.awaitingDecision.afterMarkAwarded == .closed)
    #expect(RecognitionStage.recognised.afterMarkAwarded == .superseded)
    #expect(RecognitionStage.recognised.afterExpiry == .lapsed)
    #expect(RecognitionStage.recognised.audited(upheld: false) == .revoked)
    #expect(RecognitionStage.recognised.audited(upheld: true) == .recognised)
    #expect(RecognitionStage.lapsed.audited(upheld: false) == .lapsed)
  }

  @Test("a referee needs a name, an address and a kind")
  func refereeFields() throws {
    let referee = try Referee.validated(
      name: " Ann Adviser ", email: "Ann.Adviser@Leeds.gov.uk ", organisation: "Leeds", kind: 1, personID: "")
    #expect(referee.name == "Ann Adviser" && referee.email == "ann.adviser@leeds.gov.uk" && referee.personID == nil)
    #expect(referee.kind == .localAuthorityAdviser)
    #expect(throws: InvalidField.self) {
      try Referee.validated(name: "", email: "a@b.uk", organisation: "", kind: 1, personID: "")
    }
    #expect(throws: InvalidField.self) {
      try Referee.validated(name: "A", email: "ab.uk", organisation: "", kind: 1, personID: "")
    }
    #expect(throws: InvalidField.self) {
      try Referee.validated(name: "A", email: "a@b.uk", organisation: "", kind: 0, personID: "")
    }
    #expect(Referee.emailDigest(" Ann.Adviser@LEEDS.gov.uk") == Referee.emailDigest("ann.adviser@leeds.gov.uk"))
    #expect(throws: InvalidField.self) {
      try referee.checkIndependent(
        schoolPeople: [], schoolEmailDigests: [Referee.emailDigest("ann.adviser@leeds.gov.uk")], requester: nil)
    }
    try referee.checkIndependent(schoolPeople: ["p-1"], schoolEmailDigests: [], requester: "p-1")
  }

  @Test("spot checks select about the configured share, reproducibly")
  func spotCheckShare() {
    let ids = (0..<2000).map { "rec-\($0)" }
    let selected = ids.filter { SpotCheckSelection.isSelected(recognitionID: $0, share: 0.1) }
    #expect((150...250).contains(selected.count))
    #expect(selected == ids.filter { SpotCheckSelection.isSelected(recognitionID: $0, share: 0.1) })
    #expect(ids.allSatisfy { !SpotCheckSelection.isSelected(recognitionID: $0, share: 0) })
    #expect(ids.allSatisfy { SpotCheckSelection.isSelected(recognitionID: $0, share: 1) })
  }

  @Test("an award cycle moves one stage at a time, and results belong to their stages")
  func awardStages() {
    #expect(AwardStage.open.mayAdvance(to: .closed))
    #expect(!AwardStage.open.mayAdvance(to: .shortlisting))
    #expect(!AwardStage.results.mayAdvance(to: .open))
    #expect(AwardStage.published.next == nil)
    #expect(AwardStage.open.takesEntries && !AwardStage.closed.takesEntries)
    #expect(!AwardStage.closed.allows(.shortlisted))
    #expect(AwardStage.shortlisting.allows(.notShortlisted) && !AwardStage.shortlisting.allows(.winner))
    #expect(AwardStage.results.allows(.winner) && AwardStage.results.allows(.shortlisted))
    #expect(!AwardStage.published.allows(.winner) && !AwardStage.results.allows(.entrant))
    #expect(AwardResult.winner.meets(.shortlisted) && !AwardResult.notShortlisted.meets(.shortlisted))
    #expect(AwardResult.notShortlisted.meets(.entrant))
  }

  @Test("a cycle's categories are data, checked: ids unique, sub-categories required where a category has them")
  func categories() throws {
    let set = try AwardCategory.validated([
      AwardCategory(
        id: "beyond", title: "Beyond the classroom", subCategories: [.init(id: "primary", title: "Primary")]),
      AwardCategory(id: "support", title: "Support for schools"),
    ])
    #expect(try AwardCategory.placement(categoryID: "beyond", subCategoryID: "primary", in: set).id == "beyond")
    #expect(throws: InvalidField.self) { try AwardCategory.placement(categoryID: "beyond", subCategoryID: "", in: set) }
    #expect(throws: InvalidField.self) {
      try AwardCategory.placement(categoryID: "support", subCategoryID: "x", in: set)
    }
    #expect(throws: InvalidField.self) { try AwardCategory.placement(categoryID: "nope", subCategoryID: "", in: set) }
    #expect(throws: InvalidField.self) { try AwardCategory.validated([]) }
    #expect(throws: InvalidField.self) {
      try AwardCategory.validated([AwardCategory(id: "a", title: "A"), AwardCategory(id: "a", title: "B")])
    }
  }

  @Test("verification codes are twelve characters anyone can type back, whatever the case, spaces and look-alikes")
  func verificationCodes() {
    let code = VerificationCode.random()
    #expect(code.count == 12 && VerificationCode.normalised(code) == code)
    #expect(VerificationCode.formatted("7KQM2XPA9DHT") == "7KQM-2XPA-9DHT")
    #expect(VerificationCode.normalised("7kqm-2xpa 9dht") == "7KQM2XPA9DHT")
    #expect(VerificationCode.normalised("O1LI-2XPA-9DHT") == "0111-2XPA-9DHT".replacingHyphens())
    #expect(VerificationCode.normalised("7KQM-2XPA-9DH") == nil)
    #expect(VerificationCode.normalised("7KQM-2XPA-9DHU") == nil)
    #expect(Set((0..<1000).map { _ in VerificationCode.random() }).count == 1000)
  }
}

extension String {
  fileprivate func replacingHyphens() -> String { filter { $0 != "-" } }
}
