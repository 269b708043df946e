import CharterValues
import Contracts
import Identity
import RPCCore
import Testing

@testable import EvaluationService

/// Two things beside the workflow: clients of the released contract (plain-text evidence gaps,
/// the retired `resubmitted`) still work, and demo-load mode backdates a call only when the
/// service runs in it.
@Suite("Evaluation: released-contract clients and demo-load mode")
struct CompatibilityAndDemoTests {
  /// `client` calling with `charter-demo-as-of` set to `instant`.
  static func backdated(_ instant: UTCTime) -> CallOptions {
    CallOptions(metadata: [EvaluationService.demoAsOfKey: .string(instant.description)])
  }

  @Test(
    "an evidence check with the released contract's plain gaps returns the evidence; the check lists them both ways")
  func releasedContractGaps() async throws {
    let h = try await EvaluationHarness.start()
    defer { Task { await h.stop() } }
    let cast = try await h.cast()
    let (urn, head) = try await h.eligibleSchool()
    let id = try await head.submitApplication(.init(schoolUrn: urn, route: .standard)).applicationId
    _ = try await cast.admin.recordPayment(.init(applicationId: id))
    var legacy = Evaluation.RecordEvidenceCheckRequest()
    legacy.applicationId = id
    legacy.gaps = ["no commentary on e-safety"]
    let returned = try await cast.admin.recordEvidenceCheck(legacy)
    #expect(returned.state == .returnedToSchool)
    #expect(
      returned.evidenceChecks.last?.evidenceGaps == [Evaluation.EvidenceGap(missing: "no commentary on e-safety")])
    #expect(returned.evidenceChecks.last?.gaps == ["no commentary on e-safety"])

    _ = try await head.resubmitEvidence(.init(applicationId: id))
    var retired = Evaluation.RecordEvidenceCheckRequest()
    retired.applicationId = id
    retired.passed = true
    retired.resubmitted = true
    let refused = await rpcError { try await cast.admin.recordEvidenceCheck(retired) }
    #expect(refused?.code == .invalidArgument && refused?.message.contains("resubmitted") == true)
    #expect(try await cast.admin.getApplication(.init(applicationId: id)).state == .evidenceCheck)
  }

  @Test("without demo-load mode charter-demo-as-of is ignored: the call happens now")
  func backdatingOffByDefault() async throws {
    let h = try await EvaluationHarness.start()
    defer { Task { await h.stop() } }
    let (urn, head) = try await h.eligibleSchool()
    let past = h.now.adding(.seconds(-400 * 86_400))
    let submitted = try await head.submitApplication(
      .init(schoolUrn: urn, route: .standard), options: Self.backdated(past))
    #expect(submitted.createTime?.utcTime == h.now)
  }

  @Test(
    "in demo-load mode a call happens at the instant it names, its step too; an instant in the future or not RFC 3339 is refused"
  )
  func backdatingInDemoMode() async throws {
    let h = try await EvaluationHarness.start(rules: EvaluationRules(moderationSampleRate: 0, demoBackdating: true))
    defer { Task { await h.stop() } }
    let (urn, head) = try await h.eligibleSchool()
    let future = await rpcError {
      try await head.submitApplication(
        .init(schoolUrn: urn, route: .standard), options: Self.backdated(h.now.adding(.seconds(3600))))
    }
    #expect(future?.code == .invalidArgument && future?.message.contains("charter-demo-as-of") == true)
    let garbled = await rpcError {
      try await head.submitApplication(
        .init(schoolUrn: urn, route: .standard),
        options: CallOptions(metadata: [EvaluationService.demoAsOfKey: "yesterday"]))
    }
    #expect(garbled?.code == .invalidArgument)

    let past = h.now.adding(.seconds(-930 * 86_400))
    let submitted = try await head.submitApplication(
      .init(schoolUrn: urn, route: .standard), options: Self.backdated(past))
    #expect(submitted.createTime?.utcTime == past)
    let admin = try await h.admin()
    let paid = try await admin.recordPayment(
      .init(applicationId: submitted.applicationId), options: Self.backdated(past.adding(.seconds(86_400))))
    #expect(paid.state == .evidenceCheck && paid.paidAt?.utcTime == past.adding(.seconds(86_400)))
    let history = try await admin.getApplication(.init(applicationId: submitted.applicationId)).history
    #expect(history.compactMap { $0.changedAt?.utcTime } == [past, past.adding(.seconds(86_400))])
  }
}
