import CharterValues
import Contracts
import Foundation
import Identity
import RPCCore
import ServiceKit
import Storage
import Testing

@testable import AccreditationService

/// The accreditation service through its typed client, wired as production wires it, with
/// the real registry and self-review services on in-process transports: levels come from
/// their feeds, recognition from the RPCs, lapses from the moved clock.
@Suite("Accreditation over the in-process transport", .serialized)
struct AccreditationInProcessTests {
  @Test("a school commits, meets the level 2 rule, is recognised with its adviser as referee, lapses, withdraws")
  func journey() async throws {
    let h = try await AccreditationHarness.start()
    defer { Task { await h.stop() } }
    try await h.school("910001")
    let head = try await h.person("head@910001.example", [.schoolAdmin("910001")])
    let deputy = try await h.person("deputy@910001.example", [.contributor("910001")])
    let adviser = try await h.person("adviser@leeds.example", [.adviser("383")])
    let school = h.accreditation(token: head.token)
    let anonymous = h.accreditation(token: nil)

    // Level 1, with its certificate, verifiable by anyone.
    let committed = try await school.getCharterStanding(.init(schoolUrn: "910001"))
    #expect(committed.level == .committed && committed.schoolName == "School 910001")
    let first = try #require(try await school.listCertificates(.init(schoolUrn: "910001")).certificates.first)
    #expect(first.kind == .committed && first.status == .valid)
    let checked = try await anonymous.verifyCertificate(.init(verificationCode: first.verificationCode.lowercased()))
    #expect(checked.status == .valid && checked.facts?.schoolName == "School 910001")
    #expect(checked.facts?.level == .committed)

    // Level 2: the rule holds (from self-review's feed), the head asks, naming the adviser.
    try await h.meetLevel2Rule("910001", headToken: head.token)
    var ownPerson = Accreditation.Referee(
      name: "Deputy", email: "deputy@910001.example", organisation: "School 910001", kind: .partner)
    #expect(
      await rpcCode { try await school.requestRecognition(.init(schoolUrn: "910001", referee: ownPerson)) }
        == .invalidArgument)
    ownPerson.email = "someone@else.example"
    ownPerson.personId = deputy.id
    #expect(
      await rpcCode { try await school.requestRecognition(.init(schoolUrn: "910001", referee: ownPerson)) }
        == .invalidArgument)
    let request = try await school.requestRecognition(
      .init(
        schoolUrn: "910001",
        referee: .init(
          name: "Ann Adviser", email: "adviser@leeds.example", organisation: "Leeds City Council",
          kind: .localAuthorityAdviser, personId: adviser.id), note: "Please see our review."))
    #expect(request.state == .awaitingReferee && request.elementsAtStandard == ["E1", "E5", "E7"])
    // Only the named referee answers.
    #expect(
      await rpcCode {
        try await school.recordRefereeResponse(.init(recognitionId: request.recognitionId, confirmed: true))
      } == .permissionDenied)
    let confirmed = try await h.accreditation(token: adviser.token).recordRefereeResponse(
      .init(recognitionId: request.recognitionId, confirmed: true, comment: "I reviewed their evidence."))
    #expect(confirmed.state == .awaitingDecision)
    let pending = try await h.accreditation(token: adviser.token).getLocalAuthorityView(.init())
    #expect(pending.recognitionsPending.map(\.recognitionId) == [request.recognitionId])
    let decided = try await h.admin.decideRecognition(.init(recognitionId: request.recognitionId, approve: true))
    #expect(decided.state == .recognised)
    let recognised = try await school.getCharterStanding(.init(schoolUrn: "910001"))
    #expect(recognised.level == .recognised)
    #expect(recognised.history.map(\.toLevel) == [.committed, .recognised])

    // The certificate, as a PDF and a badge, verifiable; a tampered record is not.
    let certificates = try await school.listCertificates(.init(schoolUrn: "910001")).certificates
    let recognition = try #require(certificates.first { $0.kind == .recognised })
    let year = UTCTime.now().date.year
    #expect(recognition.title == "Recognised for ICT \(year)")
    let pdf = try await school.getCertificate(.init(certificateId: recognition.certificateId))
    #expect(pdf.mediaType == "application/pdf" && pdf.document.starts(with: Array("%PDF".utf8)))
    #expect(pdf.certificate?.sizeBytes == Int64(pdf.document.count))
    let png = try await school.getCertificate(.init(certificateId: recognition.certificateId, format: .pngBadge))
    #expect(png.mediaType == "image/png" && png.document.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    let code = recognition.verificationCode
    #expect(try await anonymous.verifyCertificate(.init(verificationCode: code)).status == .valid)
    let keys = try await anonymous.getCertificateSigningKeys(.init())
    #expect(keys.keys.map(\.keyId) == [recognition.signingKeyId])
    try await h.assembly.keeper.store.database.write { db in
      try db.execute(
        sql: "UPDATE certificate SET school_name = 'Forged Academy' WHERE id = ?", arguments: [first.certificateId])
    }
    let forged = try await anonymous.verifyCertificate(.init(verificationCode: first.verificationCode))
    #expect(forged.status == .invalid && forged.facts?.schoolName == "Forged Academy")
    #expect(try await anonymous.verifyCertificate(.init(verificationCode: "ZZZZ-ZZZZ-ZZZZ")).status == .unknown)

    // Three years on, recognition has lapsed: a read shows it before the scheduler runs.
    h.clock.set(h.clock.now().adding(years: 3).adding(.seconds(86_400)))
    let lapsed = try await school.getCharterStanding(.init(schoolUrn: "910001"))
    #expect(lapsed.level == .committed)
    #expect(lapsed.history.last?.cause?.eventType == "recognition_lapsed")
    #expect(try await anonymous.verifyCertificate(.init(verificationCode: code)).status == .expired)
    try await h.assembly.scheduler.tick()

    // Withdrawn from the register: every certificate revoked.
    _ = try await h.adminRegistry.withdrawSchool(.init(urn: "910001", reason: "School closed"))
    try await h.until("accreditation hears of the withdrawal") {
      (try? await h.admin.getCharterStanding(.init(schoolUrn: "910001")).level) == .withdrawn
    }
    let revoked = try await anonymous.verifyCertificate(.init(verificationCode: code))
    #expect(revoked.status == .revoked && revoked.revocationReason == "the school withdrew from the Charter")

    let events = try await h.admin.streamEvents(.init(stopAtHead: true, schoolUrn: "910001")) { stream in
      var all: [Accreditation.AccreditationEvent] = []
      for try await event in stream { all.append(event) }
      return all
    }
    let kinds = Set(events.compactMap { $0.payload.map(Accreditation.AccreditationEvent.eventType(of:)) })
    for kind in [
      "level_changed", "certificate_issued", "recognition_available", "recognition_requested", "recognition_decided",
      "recognition_closed", "certificate_revoked",
    ] {
      #expect(kinds.contains(kind), "no \(kind) event")
    }
  }

  @Test("the level 2 rule ceasing to hold in self-review closes the pending request")
  func ruleStopsHolding() async throws {
    let h = try await AccreditationHarness.start()
    defer { Task { await h.stop() } }
    try await h.school("910002")
    let head = try await h.person("head@910002.example", [.schoolAdmin("910002")])
    try await h.meetLevel2Rule("910002", headToken: head.token)
    let school = h.accreditation(token: head.token)
    let request = try await school.requestRecognition(
      .init(
        schoolUrn: "910002",
        referee: .init(name: "Carl", email: "carl@consult.example", organisation: "Consult", kind: .consultant)))
    _ = try await h.selfReview(token: head.token).rateAspects(
      .init(schoolUrn: "910002", ratings: SRF2008.belowStandard("E7")))
    try await h.until("the request closes") {
      (try? await school.getCharterStanding(.init(schoolUrn: "910002")).recognition?.state) == .closed
    }
    let standing = try await school.getCharterStanding(.init(schoolUrn: "910002"))
    #expect(standing.recognition?.recognitionId == request.recognitionId)
    #expect(standing.recognition?.closedReason.hasPrefix("the level 2 rule no longer holds") == true)
    #expect(!standing.level2RuleHolds && standing.level == .committed)
  }

  @Test("a referee with no account answers with the invitation code the programme office sends, without a token")
  func invitationCode() async throws {
    let h = try await AccreditationHarness.start()
    defer { Task { await h.stop() } }
    try await h.school("910003")
    let head = try await h.person("head@910003.example", [.schoolAdmin("910003")])
    try await h.meetLevel2Rule("910003", headToken: head.token)
    let request = try await h.accreditation(token: head.token).requestRecognition(
      .init(
        schoolUrn: "910003",
        referee: .init(name: "Pat Partner", email: "pat@partner.example", organisation: "Partner Trust", kind: .partner)
      ))
    #expect(
      await rpcCode {
        try await h.accreditation(token: head.token).issueRefereeInvitation(.init(recognitionId: request.recognitionId))
      } == .permissionDenied)
    let invitation = try await h.admin.issueRefereeInvitation(.init(recognitionId: request.recognitionId))
    #expect(invitation.referee?.email == "pat@partner.example" && invitation.schoolName == "School 910003")
    let answered = try await h.accreditation(token: nil).answerRefereeInvitation(
      .init(invitationCode: invitation.invitationCode, confirmed: true, comment: "Strong leadership."))
    #expect(answered.state == .awaitingDecision)
    #expect(
      await rpcCode {
        try await h.accreditation(token: nil).answerRefereeInvitation(
          .init(invitationCode: invitation.invitationCode, confirmed: true))
      } == .notFound)
  }
}

/// The status code of the RPC error `body` throws; `nil` when it succeeds.
func rpcCode<T>(_ body: () async throws -> T) async -> Status.Code? {
  do {
    _ = try await body()
    return nil
  } catch let error as RPCError {
    return error.code
  } catch {
    return .unknown
  }
}
