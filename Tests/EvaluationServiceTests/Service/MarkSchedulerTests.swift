import CharterValues
import Contracts
import EvaluationService
import RPCCore
import Testing

/// Renewal due and expiry happen on time by the store's clock: moved here by the test.
@Suite("Evaluation: renewal due and expiry by moving the clock")
struct MarkSchedulerTests {
  func count(_ h: EvaluationHarness, _ kind: String, _ urn: String) async throws -> Int {
    try await h.events().filter { $0.schoolUrn == urn }.count { event in
      switch event.payload {
      case .markRenewalDue?: kind == "due"
      case .markExpired?: kind == "expired"
      default: false
      }
    }
  }

  @Test("renewal falls due six months before expiry and the Mark expires three years on, each once")
  func onTime() async throws {
    let h = try await EvaluationHarness.start()
    defer { Task { await h.stop() } }
    let cast = try await h.cast()
    let driven = try await h.drive(to: .awarded, cast: cast)
    let award = try #require(try await driven.head.getApplication(.init(applicationId: driven.id)).award)
    let due = try #require(award.renewalDueAt?.utcTime)
    let expiry = try #require(award.expiresAt?.utcTime)
    #expect(due == MarkTerms.init().dates(awardedAt: award.awardedAt!.utcTime).renewalDueAt)

    h.clock.set(due.adding(.seconds(-1)))
    #expect(try await h.scheduler.tick().renewalsDue.isEmpty)
    #expect(try await driven.head.getApplication(.init(applicationId: driven.id)).state == .awarded)
    h.clock.set(due)
    #expect(try await h.scheduler.tick().renewalsDue == [driven.id])
    #expect(try await h.scheduler.tick().renewalsDue.isEmpty)  // idempotent
    #expect(try await driven.head.getApplication(.init(applicationId: driven.id)).state == .renewalDue)
    #expect(try await count(h, "due", driven.urn) == 1)

    h.clock.set(expiry.adding(.seconds(-1)))
    #expect(try await h.scheduler.tick().expired.isEmpty)
    h.clock.set(expiry)
    #expect(try await h.scheduler.tick().expired == [driven.id])
    _ = try await h.scheduler.tick()
    let expired = try await driven.head.getApplication(.init(applicationId: driven.id))
    #expect(expired.state == .expired)
    #expect(expired.history.suffix(2).map(\.step) == ["renewal_due", "mark_expired"])
    #expect(expired.history.last?.actor?.principal == .serviceName("charter-evaluation"))
    #expect(try await count(h, "expired", driven.urn) == 1)
    let event = try await h.events().last { if case .markExpired? = $0.payload { true } else { false } }
    if case .markExpired(let e)? = event?.payload {
      #expect(e.awardId == award.awardId && e.expiredAt?.utcTime == expiry && e.applicationId == driven.id)
    }
  }

  @Test("a late renewal is allowed until twelve months after expiry, and not after")
  func lateRenewal() async throws {
    let h = try await EvaluationHarness.start()
    defer { Task { await h.stop() } }
    let cast = try await h.cast()
    let late = try await h.drive(to: .expired, cast: cast)
    let lateAward = try #require(try await late.head.getApplication(.init(applicationId: late.id)).award)
    try await h.eligible(late.urn)
    #expect(
      try await late.head.submitApplication(
        .init(schoolUrn: late.urn, route: .renewalWithVisit, previousAwardId: lateAward.awardId)
      ).state == .registered)
    let tooLate = try await h.drive(to: .expired, cast: cast)
    let tooLateAward = try #require(try await tooLate.head.getApplication(.init(applicationId: tooLate.id)).award)
    h.clock.set(tooLateAward.lateRenewalUntil!.utcTime.adding(.seconds(1)))
    try await h.eligible(tooLate.urn)
    let refused = await rpcError {
      try await tooLate.head.submitApplication(
        .init(schoolUrn: tooLate.urn, route: .renewalWithVisit, previousAwardId: tooLateAward.awardId))
    }
    #expect(refused?.code == .failedPrecondition && refused?.message.contains("late-renewal window closed") == true)
  }

  @Test("a clock jump past both dates moves the Mark through renewal due, then expiry, in order")
  func jump() async throws {
    let h = try await EvaluationHarness.start()
    defer { Task { await h.stop() } }
    let cast = try await h.cast()
    let driven = try await h.drive(to: .awarded, cast: cast)
    h.clock.advance(by: .seconds(4 * 365 * 86_400))
    let changes = try await h.scheduler.tick()
    #expect(changes.renewalsDue == [driven.id] && changes.expired == [driven.id])
    let kinds = try await h.events().filter { $0.schoolUrn == driven.urn }.suffix(2).compactMap { event -> String? in
      switch event.payload {
      case .markRenewalDue?: "due"
      case .markExpired?: "expired"
      default: nil
      }
    }
    #expect(kinds == ["due", "expired"])
  }

  @Test("the renewal notice is configurable")
  func notice() async throws {
    let h = try await EvaluationHarness.start(
      rules: EvaluationRules(markTerms: MarkTerms(renewalNoticeMonths: 3), moderationSampleRate: 0))
    defer { Task { await h.stop() } }
    let driven = try await h.drive(to: .awarded, cast: try await h.cast())
    let award = try #require(try await driven.head.getApplication(.init(applicationId: driven.id)).award)
    #expect(
      award.renewalDueAt?.utcTime
        == MarkTerms(renewalNoticeMonths: 3).dates(awardedAt: award.awardedAt!.utcTime).renewalDueAt)
    #expect(award.expiresAt!.utcTime.date == award.renewalDueAt!.utcTime.date.adding(months: 3))
  }

  @Test("the service's own scheduler moves a Mark when its date comes, with nobody calling")
  func runsByItself() async throws {
    let h = try await EvaluationHarness.start(schedulerInterval: .milliseconds(50))
    defer { Task { await h.stop() } }
    let driven = try await h.drive(to: .awarded, cast: try await h.cast())
    let award = try #require(try await driven.head.getApplication(.init(applicationId: driven.id)).award)
    h.clock.set(award.renewalDueAt!.utcTime.adding(.seconds(1)))
    let end = ContinuousClock.now.advanced(by: .seconds(10))
    var state = Evaluation.ApplicationState.awarded
    while state == .awarded, ContinuousClock.now < end {
      try await Task.sleep(for: .milliseconds(20))
      state = try await driven.head.getApplication(.init(applicationId: driven.id)).state
    }
    #expect(state == .renewalDue)
  }
}
