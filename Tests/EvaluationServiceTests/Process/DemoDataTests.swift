import CharterValues
import Contracts
import Foundation
import TestSupport
import Testing

/// The demo ICT Mark data as `deploy/local/load-demo-data.sh` loads it: demo schools into the
/// registry, their self-reviews, then `charter evaluation import-demo` into a
/// `charter-evaluation --demo-backdating`, all through the real executables.
@Suite("Evaluation demo data on the real processes", .serialized)
struct EvaluationDemoDataTests {
  func charter(_ arguments: [String], _ system: EvaluationSystem) async throws -> ChildProcess {
    var environment = ProcessInfo.processInfo.environment
    environment["CHARTER_CONFIG_DIR"] = system.directory + "/cli"
    environment.removeValue(forKey: "CHARTER_TOKEN")
    let process = try ChildProcess(
      ChildProcess.buildProducts.appendingPathComponent("charter").path, arguments + ["--token", system.adminToken],
      environment: environment)
    _ = await process.waitForExit(timeout: .seconds(300))
    return process
  }

  @Test(
    "assessors with pen portraits (leads among them) and applications in every state, Marks awarded years ago due for renewal or expired"
  )
  func demoApplicationsInEveryState() async throws {
    let system = try await EvaluationSystem.start(
      evaluationArguments: ["--demo-backdating", "on", "--mark-check-interval", "1"])
    let csv = system.directory + "/demo-schools.csv"
    let generator = try ChildProcess(
      ChildProcess.buildProducts.appendingPathComponent("charter-demo-data").path,
      ["schools", "--count", "1500", "--output", csv])
    #expect(await generator.waitForExit() == 0)

    let registry = "127.0.0.1:\(system.registryPort)"
    let imported = try await charter(["registry", "import", csv, "--address", registry], system)
    #expect(imported.process.terminationStatus == 0, "\(imported.stderr.suffix(1500))")
    let reviews = try await charter(
      ["self-review", "import-demo-reviews", csv, "--address", "127.0.0.1:\(system.selfReviewPort)"], system)
    #expect(reviews.process.terminationStatus == 0, "\(reviews.stderr.suffix(1500))")
    let demo = try await charter(
      [
        "evaluation", "import-demo", csv, "--assessors", "18", "--applications", "21", "--registry-address", registry,
        "--address", "127.0.0.1:\(system.evaluationPort)",
      ], system)
    #expect(demo.process.terminationStatus == 0, "\(demo.stdout)\n\(demo.stderr.suffix(3000))")
    #expect(demo.stdout.contains("loaded 18 assessors and 21 applications"), "\(demo.stdout)")

    let admin = system.evaluation(system.adminToken)
    let assessors = try await admin.listAssessors(.init(pageSize: 100)).assessors
    #expect(assessors.count == 18)
    #expect(assessors.contains { $0.leadAssessor })
    #expect(
      assessors.allSatisfy { !($0.penPortrait?.phases.isEmpty ?? true) && !($0.penPortrait?.biography.isEmpty ?? true) }
    )
    #expect(Set(assessors.compactMap { $0.penPortrait?.regions.first }).count >= 5, "spread over the regions")

    // Every state of the plan, once the scheduler has moved the older Marks on.
    let expected: Set<Evaluation.ApplicationState> = [
      .registered, .evidenceCheck, .returnedToSchool, .assessorAllocated, .preVisitReview, .causeForConcern, .deferred,
      .visitScheduled, .moderation, .referred, .notMet, .met, .withdrawn, .awarded, .renewalDue, .expired,
    ]
    var states: Set<Evaluation.ApplicationState> = []
    var applications: [Evaluation.Application] = []
    _ = await EvaluationSystem.eventually(seconds: 20) {
      applications = (try? await admin.listApplications(.init(pageSize: 100)).applications) ?? []
      states = Set(applications.map(\.state))
      return states.isSuperset(of: expected)
    }
    #expect(states == expected, "missing \(expected.subtracting(states)), extra \(states.subtracting(expected))")
    let today = UTCTime.now().date
    let awardYears = applications.compactMap { $0.award?.awardedAt?.utcTime.date.year }
    #expect(
      awardYears.contains { $0 <= today.year - 3 } && awardYears.contains { $0 >= today.year - 1 }, "\(awardYears)")
    for application in applications where application.state == .expired {
      #expect(application.award.map { $0.expiresAt!.utcTime.date <= today } == true)
    }
    for application in applications where application.state == .renewalDue {
      #expect(application.award.map { $0.renewalDueAt!.utcTime.date <= today } == true)
    }
    // Steps were taken years ago by the people concerned, in order.
    let expired = try #require(applications.first { $0.state == .expired })
    let full = try await admin.getApplication(.init(applicationId: expired.applicationId))
    let times = full.history.compactMap { $0.changedAt?.utcTime }
    #expect(times == times.sorted() && (times.first.map { $0.date < today.adding(years: -3) } ?? false))
    #expect(Set(full.history.compactMap { $0.actor?.displayName }).count >= 3, "school, office, assessor")

    #expect(await system.stop() == [0, 0, 0])
  }
}
