import CharterValues
import Contracts
import EvaluationService
import RegistryReplica
import Testing

/// Who may assess and moderate a school: independence, accreditation and coverage.
@Suite("Allocation rules")
struct AllocationRulesTests {
  static let today = CalendarDate(year: 2010, month: 3, day: 1)!
  static let school = RegistrySchool(
    urn: SchoolURN("100001")!, name: "Leeds Primary", phase: .primary, localAuthorityCode: "383",
    localAuthorityName: "Leeds", numberOnRoll: 240, location: Common.GeoPoint(latitude: 53.8, longitude: -1.55))

  static func assessor(
    id: String = "asr-1", phases: Set<Common.SchoolPhase> = [.primary], codes: Set<String> = ["383"],
    regions: Set<EnglishRegion> = [], supported: Set<String> = [], worksIn: String? = nil, lead: Bool = false,
    conference: CalendarDate? = CalendarDate(year: 2009, month: 9, day: 1), signed: Bool = true, active: Bool = true
  ) -> AssessorProfile {
    AssessorProfile(
      id: id, personID: "p-\(id)", displayName: "Assessor \(id)",
      penPortrait: PenPortrait(
        localAuthorityCodes: codes, regions: regions, phases: phases, worksInLocalAuthority: worksIn),
      supportedSchools: supported, isLeadAssessor: lead, isActive: active,
      codeOfPracticeSignedAt: signed ? UTCTime(secondsSince1970: 1_200_000_000) : nil, lastConferenceOn: conference)
  }

  @Test("an independent, accredited assessor covering the school's phase and authority may assess it")
  func clear() {
    #expect(AllocationRules.refusals(assessor: Self.assessor(), school: Self.school, today: Self.today).isEmpty)
  }

  @Test("supporting the school, or working in its local authority, is a conflict of interest")
  func conflicts() {
    #expect(
      AllocationRules.refusals(assessor: Self.assessor(supported: ["100001"]), school: Self.school, today: Self.today)
        == [.supportedSchool(urn: "100001")])
    #expect(
      AllocationRules.refusals(assessor: Self.assessor(worksIn: "383"), school: Self.school, today: Self.today)
        == [.worksInLocalAuthority(code: "383")])
    #expect(
      AllocationRules.refusals(assessor: Self.assessor(worksIn: "384"), school: Self.school, today: Self.today).isEmpty)
  }

  @Test("a conference more than twelve months old, or none, lapses the assessor")
  func conference() {
    let lastYear = CalendarDate(year: 2009, month: 3, day: 1)!
    #expect(
      AllocationRules.refusals(assessor: Self.assessor(conference: lastYear), school: Self.school, today: Self.today)
        .isEmpty)
    let tooOld = CalendarDate(year: 2009, month: 2, day: 28)!
    #expect(
      AllocationRules.refusals(assessor: Self.assessor(conference: tooOld), school: Self.school, today: Self.today)
        == [.conferenceLapsed(lastOn: tooOld)])
    #expect(
      AllocationRules.refusals(assessor: Self.assessor(conference: nil), school: Self.school, today: Self.today)
        == [.conferenceLapsed(lastOn: nil)])
    #expect(AllocationRefusal.conferenceLapsed(lastOn: tooOld).description.contains("2009-02-28"))
  }

  @Test("the pen portrait must cover the school's phase and its authority or region")
  func coverage() {
    #expect(
      AllocationRules.refusals(assessor: Self.assessor(phases: [.secondary]), school: Self.school, today: Self.today)
        == [.phaseNotCovered(.primary)])
    #expect(
      AllocationRules.refusals(assessor: Self.assessor(codes: ["330"]), school: Self.school, today: Self.today)
        == [.areaNotCovered(localAuthority: "383", region: .yorkshireAndTheHumber)])
    let byRegion = Self.assessor(codes: [], regions: [.yorkshireAndTheHumber])
    #expect(AllocationRules.refusals(assessor: byRegion, school: Self.school, today: Self.today).isEmpty)
    #expect(byRegion.penPortrait.coverage(of: "383") == .region(.yorkshireAndTheHumber))
    #expect(byRegion.penPortrait.coverage(of: "330") == .none)
  }

  @Test("an unsigned code of practice and a lost role refuse too, all reasons together")
  func everyReason() {
    let refusals = AllocationRules.refusals(
      assessor: Self.assessor(
        phases: [.secondary], codes: ["330"], supported: ["100001"], signed: false, active: false),
      school: Self.school, today: Self.today)
    #expect(refusals.count == 5)
    #expect(refusals.contains(.codeOfPracticeUnsigned) && refusals.contains(.inactive))
  }

  @Test("a moderator is another, independent, accredited lead assessor, wherever they work")
  func moderators() {
    let lead = Self.assessor(id: "asr-lead", codes: ["330"], lead: true)
    #expect(
      AllocationRules.moderatorRefusals(moderator: lead, assessorID: "asr-1", school: Self.school, today: Self.today)
        .isEmpty)
    #expect(
      AllocationRules.moderatorRefusals(
        moderator: Self.assessor(id: "asr-2"), assessorID: "asr-1", school: Self.school, today: Self.today)
        == [.notLeadAssessor])
    #expect(
      AllocationRules.moderatorRefusals(moderator: lead, assessorID: "asr-lead", school: Self.school, today: Self.today)
        == [.ownAssessment])
    #expect(
      AllocationRules.moderatorRefusals(
        moderator: Self.assessor(id: "asr-l2", lead: true, conference: nil), assessorID: "asr-1", school: Self.school,
        today: Self.today) == [.conferenceLapsed(lastOn: nil)])
  }

  @Test("suggestions rank the near, the named authority over the region, the free over the busy")
  func ranking() {
    let named = Self.assessor(id: "asr-a", codes: ["383"])
    let region = Self.assessor(id: "asr-b", codes: [], regions: [.yorkshireAndTheHumber])
    let busy = Self.assessor(id: "asr-c", codes: ["383"])
    var far = Self.assessor(id: "asr-d", codes: ["383"])
    far.penPortrait.baseLocation = GeoLocation(latitude: 51.5, longitude: -0.12)  // London, ~270 km
    var near = Self.assessor(id: "asr-e", codes: ["383"])
    near.penPortrait.baseLocation = GeoLocation(latitude: 53.79, longitude: -1.54)
    let excluded = Self.assessor(id: "asr-f", supported: ["100001"])
    let (suggestions, exclusions) = AssessorRanking.rank(
      [(named, 0), (region, 0), (busy, 3), (far, 0), (near, 0), (excluded, 0)], for: Self.school,
      preferredID: "asr-b", today: Self.today)
    // Near (129.9) · named, no location (120) · named, far (120: London is beyond 100 km; then by
    // name) · region and the school's choice (115) · busy (96).
    #expect(suggestions.map(\.assessor.id) == ["asr-e", "asr-a", "asr-d", "asr-b", "asr-c"])
    #expect(suggestions.first { $0.assessor.id == "asr-b" }?.preferredBySchool == true)
    #expect(suggestions.first { $0.assessor.id == "asr-d" }.map { ($0.distanceKilometres ?? 0) > 250 } == true)
    #expect(exclusions.map(\.assessor.id) == ["asr-f"])
    #expect(exclusions.first?.refusals == [.supportedSchool(urn: "100001")])
    #expect(suggestions[0].reasons.contains { $0.contains("covers local authority 383") })
  }
}
