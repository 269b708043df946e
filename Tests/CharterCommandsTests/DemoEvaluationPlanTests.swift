import CharterCommands
import CharterValues
import Contracts
import DemoData
import Testing

/// The demo ICT Mark plan made from the England-sized demo schools, before any call.
@Suite("Demo evaluation plan")
struct DemoEvaluationPlanTests {
  static let today = CalendarDate(year: 2026, month: 12, day: 5)!
  static let schools = SchoolGenerator(seed: 2009, count: 24_000).generate()
  static let plan = DemoEvaluationPlan.make(
    schools: schools, assessorCount: 60, applicationCount: 160, today: today, seed: 2011)

  @Test("sixty assessors over the nine regions, a few leads, a few with lapsed conferences, each with a pen portrait")
  func assessors() {
    let assessors = Self.plan.assessors
    #expect(assessors.count == 60)
    #expect(Set(assessors.map(\.region)) == Set(EnglishRegion.allCases))
    #expect(assessors.count { $0.isLead } == 6)
    #expect(Set(assessors.map(\.email)).count == 60)
    #expect(assessors.allSatisfy { !$0.phases.isEmpty && !$0.biography.isEmpty && !$0.displayName.isEmpty })
    let lapsed = assessors.filter { $0.conferenceOn.adding(months: 12) < Self.today }
    #expect((3...8).contains(lapsed.count), "\(lapsed.count) lapsed")
    #expect(
      assessors.contains { !$0.localAuthorityCodes.isEmpty } && assessors.contains { $0.localAuthorityCodes.isEmpty })
    #expect(assessors.contains { !$0.worksInLocalAuthorityCode.isEmpty })
    #expect(assessors.allSatisfy { !$0.supportedSchoolURNs.isEmpty })
  }

  @Test("applications only for schools at the standard everywhere, in every state, awards spread over four years")
  func applications() {
    let applications = Self.plan.applications
    #expect(applications.count == 160)
    let atStandard = Set(
      Self.schools.filter { $0.isCommitted && $0.reviewProfile == .allAtStandard }.map { String($0.urn) })
    #expect(applications.allSatisfy { atStandard.contains($0.urn) })
    #expect(Set(applications.map(\.urn)).count == applications.count, "one application per school")
    #expect(Set(applications.map(\.scenario)) == Set(DemoEvaluationPlan.Scenario.allCases))
    #expect(applications.allSatisfy { $0.firstDay < Self.today })
    // Awards 40 days after the first step: current ones within 2.5 years, renewal due 2.5 to
    // 3 years back, expired beyond 3.
    func awardDaysAgo(_ application: DemoEvaluationPlan.Application) -> Int {
      Self.today.dayNumber - application.firstDay.adding(days: 40).dayNumber
    }
    for application in applications {
      switch application.scenario {
      case .awarded: #expect(awardDaysAgo(application) < 913)
      case .renewalDue: #expect((913..<1095).contains(awardDaysAgo(application)))
      case .expired: #expect(awardDaysAgo(application) > 1096)
      default: #expect(Self.today.dayNumber - application.firstDay.dayNumber < 120)
      }
    }
    #expect(applications.contains { $0.route == .streamlined })
  }

  @Test("the same schools, day and seed give the same plan")
  func deterministic() {
    let again = DemoEvaluationPlan.make(
      schools: Self.schools, assessorCount: 60, applicationCount: 160, today: Self.today, seed: 2011)
    #expect(again.assessors == Self.plan.assessors)
    #expect(again.applications == Self.plan.applications)
  }
}
