import AccreditationService
import Contracts
import Foundation
import Identity
import RPCCore
import Testing

/// Who may do what (issue 10, "Who may do what"), every RPC against every role: the school's
/// people read their standing and certificates (its admins ask and enter), referees act only
/// on requests naming them, advisers read their authority, the programme office acts on
/// everything, services read, verification is public; everything else is PERMISSION_DENIED
/// (UNAUTHENTICATED without a token).
@Suite("Accreditation permission matrix", .serialized)
struct AccreditationPermissionMatrixTests {
  enum Role: String, CaseIterable, CustomStringConvertible {
    case anonymous, headA, contributorA, headB, adviserA, adviserB, assessor, referee, admin, service
    var description: String { rawValue }
  }

  struct Row {
    let name: String
    let allowed: Set<Role>
    let call: (Accreditation.Client) async throws -> Void
  }

  static let everyone = Set(Role.allCases)
  static let signedIn = everyone.subtracting([.anonymous])
  static let readersOfA: Set<Role> = [.headA, .contributorA, .adviserA, .admin, .service]

  @Test("every RPC allows exactly its roles")
  func matrix() async throws {
    let h = try await AccreditationHarness.start()
    defer { Task { await h.stop() } }
    try await h.school("920001", la: "383")
    try await h.school("920002", la: "330")
    var tokens: [Role: String] = [.admin: h.adminToken, .service: h.serviceToken]
    let headA = try await h.person("head@920001.example", [.schoolAdmin("920001")])
    tokens[.headA] = headA.token
    tokens[.contributorA] = try await h.person("staff@920001.example", [.contributor("920001")]).token
    tokens[.headB] = try await h.person("head@920002.example", [.schoolAdmin("920002")]).token
    tokens[.adviserA] = try await h.person("adviser@leeds.example", [.adviser("383")]).token
    tokens[.adviserB] = try await h.person("adviser@birmingham.example", [.adviser("330")]).token
    tokens[.assessor] = try await h.person("assessor@naace.example", [.assessor]).token
    // A referee needs an account with some role; this one advises another authority.
    let referee = try await h.person("referee@partner.example", [.adviser("370")])
    tokens[.referee] = referee.token

    try await h.meetLevel2Rule("920001", headToken: headA.token)
    let recognition = try await h.accreditation(token: headA.token).requestRecognition(
      .init(
        schoolUrn: "920001",
        referee: .init(
          name: "Rita Referee", email: "referee@partner.example", organisation: "Partner", kind: .partner,
          personId: referee.id)))
    let cycle = try await h.admin.openAwardCycle(
      .init(
        year: 2009, entryDeadline: Common.Date(year: 2009, month: 3, day: 24),
        categories: [.init(categoryId: "support", title: "Support for schools")], requiresIctMark: false))
    let certificate = try #require(
      try await h.admin.listCertificates(.init(schoolUrn: "920001")).certificates.first)
    let referee1 = Accreditation.Referee(name: "X", email: "x@else.example", organisation: "", kind: .consultant)

    let rows: [Row] = [
      Row(name: "GetCharterStanding", allowed: Self.readersOfA) {
        _ = try await $0.getCharterStanding(.init(schoolUrn: "920001"))
      },
      Row(name: "RequestRecognition", allowed: [.headA, .admin]) {
        _ = try await $0.requestRecognition(.init(schoolUrn: "920001", referee: referee1))
      },
      Row(name: "IssueRefereeInvitation", allowed: [.admin]) {
        _ = try await $0.issueRefereeInvitation(.init(recognitionId: "rec-none"))
      },
      Row(name: "AnswerRefereeInvitation", allowed: Self.everyone) {
        _ = try await $0.answerRefereeInvitation(.init(invitationCode: "not-a-code", confirmed: true))
      },
      Row(name: "RecordRefereeResponse", allowed: [.referee, .admin]) {
        _ = try await $0.recordRefereeResponse(.init(recognitionId: recognition.recognitionId, confirmed: true))
      },
      Row(name: "DecideRecognition", allowed: [.admin]) {
        _ = try await $0.decideRecognition(.init(recognitionId: "rec-none", approve: true))
      },
      Row(name: "RecordSpotCheck", allowed: [.admin]) {
        _ = try await $0.recordSpotCheck(.init(recognitionId: "rec-none", upheld: true))
      },
      Row(name: "ListRecognitions(school)", allowed: Self.readersOfA) {
        _ = try await $0.listRecognitions(.init(schoolUrn: "920001"))
      },
      Row(name: "ListRecognitions(authority)", allowed: [.adviserA, .admin, .service]) {
        _ = try await $0.listRecognitions(.init(localAuthorityCode: "383"))
      },
      Row(name: "ListOverdueCommitments", allowed: [.adviserA, .adviserB, .referee, .admin, .service]) {
        _ = try await $0.listOverdueCommitments(.init())
      },
      Row(name: "GetLocalAuthorityView", allowed: [.adviserA, .admin, .service]) {
        _ = try await $0.getLocalAuthorityView(.init(localAuthorityCode: "383"))
      },
      Row(name: "GetProgrammeStatus", allowed: Self.signedIn) { _ = try await $0.getProgrammeStatus(.init()) },
      Row(name: "SetProgrammeStatus", allowed: [.admin]) { _ = try await $0.setProgrammeStatus(.init(open: true)) },
      Row(name: "OpenAwardCycle", allowed: [.admin]) { _ = try await $0.openAwardCycle(.init(year: 0)) },
      Row(name: "ListAwardCycles", allowed: Self.signedIn) { _ = try await $0.listAwardCycles(.init()) },
      Row(name: "EnterAward", allowed: [.headA, .admin]) {
        _ = try await $0.enterAward(.init(cycleId: cycle.cycleId, schoolUrn: "920001", categoryId: "support"))
      },
      Row(name: "ListAwardEntries", allowed: Self.signedIn) {
        _ = try await $0.listAwardEntries(.init(cycleId: cycle.cycleId))
      },
      Row(name: "AdvanceAwardCycle", allowed: [.admin]) {
        _ = try await $0.advanceAwardCycle(.init(cycleId: cycle.cycleId, toState: .open))
      },
      Row(name: "RecordAwardResult", allowed: [.admin]) {
        _ = try await $0.recordAwardResult(.init(entryId: "entry-none", result: .shortlisted))
      },
      Row(name: "ListCertificates", allowed: Self.readersOfA) {
        _ = try await $0.listCertificates(.init(schoolUrn: "920001"))
      },
      Row(name: "GetCertificate", allowed: Self.readersOfA) {
        _ = try await $0.getCertificate(.init(certificateId: certificate.certificateId, format: .svgBadge))
      },
      Row(name: "VerifyCertificate", allowed: Self.everyone) {
        _ = try await $0.verifyCertificate(.init(verificationCode: certificate.verificationCode))
      },
      Row(name: "GetCertificateSigningKeys", allowed: Self.everyone) {
        _ = try await $0.getCertificateSigningKeys(.init())
      },
      Row(name: "StreamEvents(all)", allowed: [.admin, .service]) {
        _ = try await $0.streamEvents(.init(stopAtHead: true)) { stream in for try await _ in stream {} }
      },
      Row(name: "StreamEvents(school)", allowed: Self.readersOfA) {
        _ = try await $0.streamEvents(.init(stopAtHead: true, schoolUrn: "920001")) { stream in
          for try await _ in stream {}
        }
      },
    ]
    for row in rows {
      for role in Role.allCases {
        let code = await rpcCode { try await row.call(h.accreditation(token: tokens[role])) }
        if row.allowed.contains(role) {
          #expect(
            code != .permissionDenied && code != .unauthenticated, "\(row.name) as \(role): \(String(describing: code))"
          )
        } else if role == .anonymous {
          #expect(code == .unauthenticated, "\(row.name) as \(role): \(String(describing: code))")
        } else {
          #expect(code == .permissionDenied, "\(row.name) as \(role): \(String(describing: code))")
        }
      }
    }
  }
}
