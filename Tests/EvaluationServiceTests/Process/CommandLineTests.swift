import CharterValues
import Contracts
import Foundation
import Identity
import TestSupport
import Testing

/// `charter evaluation …`, the built CLI executable, against the real registry, self-review
/// and evaluation processes: every step of an application from the command line, the
/// timeline as people read it, and refusals worded as `error: CODE: message`.
@Suite("charter evaluation against the real processes", .serialized)
struct EvaluationCommandLineTests {
  /// Runs `charter evaluation ARGUMENTS --address … --token TOKEN`; returns the exit status
  /// and what it printed.
  func charter(
    _ system: EvaluationSystem, _ token: String, _ arguments: [String]
  ) async throws -> (status: Int32?, stdout: String, stderr: String) {
    let executable = ChildProcess.buildProducts.appendingPathComponent("charter").path
    var environment = ProcessInfo.processInfo.environment
    environment["CHARTER_CONFIG_DIR"] = system.directory + "/cli"
    environment.removeValue(forKey: "CHARTER_TOKEN")
    let process = try ChildProcess(
      executable,
      ["evaluation"] + arguments + ["--address", "127.0.0.1:\(system.evaluationPort)", "--token", token],
      environment: environment)
    let status = await process.waitForExit(timeout: .seconds(30))
    return (status, process.stdout, process.stderr)
  }

  /// Runs a command that must succeed and returns its standard output.
  func succeed(
    _ system: EvaluationSystem, _ token: String, _ arguments: [String],
    sourceLocation: SourceLocation = #_sourceLocation
  ) async throws -> String {
    let run = try await charter(system, token, arguments)
    #expect(
      run.status == 0, "charter evaluation \(arguments.joined(separator: " ")): \(run.stderr)",
      sourceLocation: sourceLocation)
    return run.stdout
  }

  /// The `applicationId` of a `--json` application.
  func applicationID(_ json: String) throws -> String {
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    return try #require(object?["applicationId"] as? String)
  }

  @Test(
    "an application from apply to award on the command line, each RPC's command; the timeline names each step, who and when"
  )
  func applicationFromTheCommandLine() async throws {
    let system = try await EvaluationSystem.start()
    let urn = "830301"
    let head = try await system.schoolAtTheStandard(urn, name: "Command Line Primary")
    let admin = system.adminToken
    let today = UTCTime.now().date

    // Assessors register themselves; the office records their conference.
    func assessor(_ email: String, _ name: String, _ role: RoleGrant.Role, _ extra: [String] = []) async throws
      -> (id: String, token: String)
    {
      let token = try await system.person(email, name, [try RoleGrant(role)])
      let registered = try await succeed(
        system, token,
        ["register-assessor", "--phase", "primary", "--region", "Yorkshire and the Humber", "--json"] + extra)
      let id = try #require(
        (try JSONSerialization.jsonObject(with: Data(registered.utf8)) as? [String: Any])?["assessorId"] as? String)
      let signed = try await succeed(system, token, ["sign-code-of-practice"])
      #expect(signed.contains("Code of practice") && signed.contains("signed"), "\(signed)")
      let conference = try await succeed(
        system, admin, ["record-conference", id, "--date", today.adding(days: -30).description])
      #expect(conference.contains(name), "\(conference)")
      return (id, token)
    }
    let conflicted = try await assessor(
      "cli-supporter@assess.example", "Sam Supporter", .assessor, ["--supported", urn])
    let independent = try await assessor("cli-assessor@assess.example", "Ada Assessor", .assessor)
    let lead = try await assessor("cli-lead@assess.example", "Lee Lead", .leadAssessor)

    let listed = try await succeed(system, admin, ["list-assessors", "--lead-only"])
    #expect(listed.contains("Lee Lead") && !listed.contains("Ada Assessor"), "\(listed)")
    let shown = try await succeed(system, admin, ["assessor", conflicted.id])
    #expect(shown.contains("Conflicts") && shown.contains(urn), "\(shown)")

    // The school applies; the office takes the fee and returns the evidence once.
    let eligibility = try await succeed(system, head, ["eligibility", urn])
    #expect(eligibility.contains("May apply") && eligibility.contains("yes"), "\(eligibility)")
    let applied = try await succeed(system, head, ["apply", urn, "--route", "standard", "--json"])
    let id = try applicationID(applied)
    let paid = try await succeed(system, admin, ["record-payment", id])
    #expect(paid.contains("evidence-check"), "\(paid)")
    let returned = try await succeed(system, admin, ["evidence-check", id, "--gap", "1a1: no commentary on the plan"])
    #expect(
      returned.contains("returned-to-school") && returned.contains("1a1: no commentary on the plan"), "\(returned)")
    _ = try await succeed(system, head, ["resubmit", id, "--note", "Commentary added."])
    _ = try await succeed(system, admin, ["evidence-check", id, "--pass"])

    // Allocation: suggestions explain the conflict; allocating the conflicted assessor is refused.
    let suggestions = try await succeed(system, admin, ["suggest-assessors", id])
    #expect(suggestions.contains("Ada Assessor") && suggestions.contains("excluded:"), "\(suggestions)")
    let refused = try await charter(system, admin, ["allocate", id, "--assessor", conflicted.id])
    #expect(refused.status == 1)
    #expect(refused.stderr.hasPrefix("error: FAILED_PRECONDITION: "), "\(refused.stderr)")
    #expect(refused.stderr.contains("supported or works for school"), "\(refused.stderr)")
    let allocated = try await succeed(system, admin, ["allocate", id, "--assessor", independent.id])
    #expect(allocated.contains("first assessment") && allocated.contains(lead.id), "\(allocated)")

    // An illegal move is refused naming the state the application is in.
    let early = try await charter(system, admin, ["approve-award", id])
    #expect(early.status == 1 && early.stderr.contains("ASSESSOR_ALLOCATED"), "\(early.stderr)")

    // Pre-visit review with a cause for concern the school answers with evidence.
    _ = try await succeed(system, independent.token, ["accept", id])
    _ = try await succeed(system, independent.token, ["request-documents", id, "ICT development plan"])
    let concern = try await succeed(
      system, independent.token, ["raise-concern", id, "--description", "The e-safety policy is missing."])
    #expect(concern.contains("cause-for-concern") && concern.contains("[open]"), "\(concern)")
    let answered = try await succeed(
      system, head, ["resolve-concern", id, "--resolution", "evidence-added", "--note", "Policy uploaded."])
    #expect(answered.contains("pre-visit-review") && answered.contains("[evidence-added]"), "\(answered)")

    // The visit, starting in a moment on a day the school offered; the outcome; moderation; award.
    _ = try await succeed(system, head, ["offer-dates", id, today.description, today.adding(days: 1).description])
    let start = UTCTime.now().adding(.seconds(2))
    let scheduled = try await succeed(system, independent.token, ["schedule-visit", id, "--start", start.description])
    #expect(scheduled.contains("visit-scheduled"), "\(scheduled)")
    try await Task.sleep(for: .milliseconds(2500))
    let recorded = try await succeed(
      system, independent.token,
      [
        "record-outcome", id, "--outcome", "met", "--context", "A primary school where ICT is led well.",
        "--strength", "Vision", "--strength", "Staff confidence", "--strength", "Home access", "--area", "Assessment",
        "--area", "Parents", "--area", "Sustainability",
      ])
    #expect(recorded.contains("moderation"), "\(recorded)")
    let queue = try await succeed(
      system, lead.token, ["list-applications", "--moderator", lead.id, "--state", "moderation"])
    #expect(queue.contains(id) && queue.contains(urn), "\(queue)")
    let moderated = try await succeed(
      system, lead.token, ["moderate", id, "--outcome", "met", "--note", "Agreed: the evidence is strong."])
    #expect(moderated.contains("met → met by \(lead.id)"), "\(moderated)")
    let awarded = try await succeed(system, admin, ["approve-award", id])
    #expect(
      awarded.contains("awarded") && awarded.contains("expires \(today.adding(years: 3).description)"), "\(awarded)")

    // The timeline: one line per step, oldest first, with who took it and the states.
    let timeline = try await succeed(system, admin, ["timeline", id])
    let lines = timeline.split(separator: "\n").map(String.init)
    #expect(
      lines.first?.contains("application \(id), school \(urn), standard route, now awarded") == true, "\(timeline)")
    let header = try #require(lines.firstIndex { $0.hasPrefix("WHEN") })
    #expect(lines[header].contains("WHO") && lines[header].contains("STEP") && lines[header].contains("STATE"))
    let steps = Array(lines[(header + 1)...])
    let expected: [(step: String, who: String, state: String)] = [
      ("application submitted", "Head of \(urn)", "registered"),
      ("payment recorded", "Programme admin", "registered → evidence-check"),
      ("evidence returned", "Programme admin", "evidence-check → returned-to-school"),
      ("evidence resubmitted", "Head of \(urn)", "returned-to-school → evidence-check"),
      ("evidence check passed", "Programme admin", "(evidence-check)"),
      ("assessor allocated", "Programme admin", "evidence-check → assessor-allocated"),
      ("allocation accepted", "Ada Assessor", "assessor-allocated → pre-visit-review"),
      ("documents requested", "Ada Assessor", "(pre-visit-review)"),
      ("cause for concern raised", "Ada Assessor", "pre-visit-review → cause-for-concern"),
      ("evidence added", "Head of \(urn)", "cause-for-concern → pre-visit-review"),
      ("visit dates offered", "Head of \(urn)", "(pre-visit-review)"),
      ("visit scheduled", "Ada Assessor", "pre-visit-review → visit-scheduled"),
      ("outcome recorded", "Ada Assessor", "visit-scheduled → visit-done"),
      ("outcome recorded", "Ada Assessor", "visit-done → moderation"),
      ("moderation recorded", "Lee Lead", "moderation → met"),
      ("award approved", "Programme admin", "met → award-approved"),
      ("award approved", "Programme admin", "award-approved → awarded"),
    ]
    var from = 0
    for step in expected {
      let found = steps[from...].firstIndex {
        $0.contains(step.step) && $0.contains(step.state) && $0.contains(step.who)
      }
      #expect(found != nil, "no '\(step.step)' by '\(step.who)' (\(step.state)) after line \(from) in:\n\(timeline)")
      if let found { from = found + 1 }
    }
    #expect(steps.filter { !$0.isEmpty }.count == expected.count, "one line per step:\n\(timeline)")
    #expect(
      steps.allSatisfy { $0.hasPrefix(String(today.year)) || $0.isEmpty }, "every step has its time:\n\(timeline)")

    // The feed on the command line, and the school's list.
    let events = try await succeed(system, admin, ["events", "--school", urn])
    #expect(events.contains("ICT Mark") && events.contains("awarded, expires"), "\(events)")
    let list = try await succeed(system, head, ["list-applications", "--school", urn])
    #expect(list.contains(id) && list.contains("awarded"), "\(list)")

    // Another application for another school is withdrawn from the command line.
    let other = "830302"
    let otherHead = try await system.schoolAtTheStandard(other, name: "Second Line Primary")
    let second = try applicationID(
      try await succeed(
        system, otherHead,
        [
          "apply", other, "--route", "streamlined", "--recommender", "Ada Assessor", "--recommender-kind", "assessor",
          "--json",
        ]))
    let withdrawn = try await succeed(system, otherHead, ["withdraw", second, "--reason", "Moving to a new site."])
    #expect(withdrawn.contains("withdrawn") && withdrawn.contains("Moving to a new site."), "\(withdrawn)")
    let notTheirs = try await charter(system, otherHead, ["application", id])
    #expect(notTheirs.status == 1 && notTheirs.stderr.hasPrefix("error: PERMISSION_DENIED: "), "\(notTheirs.stderr)")

    #expect(await system.stop() == [0, 0, 0])
  }
}
