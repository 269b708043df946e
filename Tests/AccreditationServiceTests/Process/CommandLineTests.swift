import CharterValues
import Contracts
import Foundation
import Identity
import TestSupport
import Testing

/// `charter accreditation …`, the built CLI executable, against the real processes: every
/// RPC's command, the certificate saved to a file, and refusals worded `error: CODE: message`.
@Suite("charter accreditation against the real processes", .serialized)
struct AccreditationCommandLineTests {
  /// Runs `charter accreditation ARGUMENTS --address … [--token TOKEN]`.
  func charter(_ system: AccreditationSystem, _ token: String?, _ arguments: [String]) async throws -> (
    status: Int32?, stdout: String, stderr: String
  ) {
    var environment = ProcessInfo.processInfo.environment
    environment["CHARTER_CONFIG_DIR"] = system.directory + "/cli"
    environment.removeValue(forKey: "CHARTER_TOKEN")
    let process = try ChildProcess(
      ChildProcess.buildProducts.appendingPathComponent("charter").path,
      ["accreditation"] + arguments + ["--address", "127.0.0.1:\(system.accreditationPort)"]
        + (token.map { ["--token", $0] } ?? []),
      environment: environment)
    let status = await process.waitForExit(timeout: .seconds(30))
    return (status, process.stdout, process.stderr)
  }

  /// Runs a command that must succeed and returns its standard output.
  func succeed(
    _ system: AccreditationSystem, _ token: String?, _ arguments: [String],
    sourceLocation: SourceLocation = #_sourceLocation
  ) async throws -> String {
    let run = try await charter(system, token, arguments)
    #expect(
      run.status == 0, "charter accreditation \(arguments.joined(separator: " ")): \(run.stderr)",
      sourceLocation: sourceLocation)
    return run.stdout
  }

  func field(_ json: String, _ name: String) throws -> String {
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    return try #require(object?[name] as? String, "no \(name) in \(json)")
  }

  @Test("every RPC from the command line: standing, recognition, programme, awards, certificates saved and verified")
  func everyCommand() async throws {
    let system = try await AccreditationSystem.start()
    let urn = "830501"
    let head = try await system.committedSchool(urn, name: "Command Line Primary")
    let admin = system.adminToken
    try await system.rateToTheStandard(urn, head: head)

    let standing = try await succeed(system, head, ["standing", urn])
    #expect(standing.contains("Command Line Primary (830501)") && standing.contains("committed since"))
    #expect(standing.contains("may request recognition"), "\(standing)")

    // Recognition with a referee who has no account: the office's code, answered without a token.
    let requested = try await succeed(
      system, head,
      [
        "request-recognition", urn, "--referee-name", "Pat Partner", "--referee-email", "pat@partner.example",
        "--referee-organisation", "Partner Trust", "--referee-kind", "partner", "--json",
      ])
    let recognition = try field(requested, "recognitionId")
    let refused = try await charter(system, head, ["invite-referee", recognition])
    #expect(refused.status == 1 && refused.stderr.hasPrefix("error: PERMISSION_DENIED"), "\(refused.stderr)")
    let invitation = try await succeed(system, admin, ["invite-referee", recognition, "--json"])
    let code = try field(invitation, "invitationCode")
    let answered = try await succeed(system, nil, ["answer-invitation", code, "--confirm", "--comment", "Strong."])
    #expect(answered.contains("awaiting-decision"), "\(answered)")
    #expect(try await charter(system, nil, ["answer-invitation", code, "--confirm", "--decline"]).status == 2)
    let decided = try await succeed(system, admin, ["decide", recognition, "--approve"])
    #expect(decided.contains("recognised"))
    let spot = try await charter(system, admin, ["spot-check", recognition, "--upheld"])
    #expect(spot.status == 0 || spot.stderr.hasPrefix("error: FAILED_PRECONDITION"), "\(spot.stderr)")
    #expect(try await succeed(system, admin, ["recognitions", "--school", urn]).contains(recognition))
    #expect(try await succeed(system, admin, ["recognitions", "--authority", "383"]).contains(recognition))
    let referee = try await charter(
      system, head, ["referee-response", recognition, "--confirm"])
    #expect(referee.stderr.hasPrefix("error: PERMISSION_DENIED"), "\(referee.stderr)")

    // The programme office's views and switch.
    let authority = try await succeed(system, admin, ["authority", "383"])
    #expect(authority.contains("Schools by level:") && authority.contains("recognised 1"), "\(authority)")
    _ = try await succeed(system, admin, ["overdue"])
    #expect(try await succeed(system, head, ["programme"]).contains("open"))
    let closed = try await succeed(system, admin, ["set-programme", "--close", "--reason", "1 July 2010"])
    #expect(closed.contains("closed to new level 1 and 2 transitions") && closed.contains("1 July 2010"))
    _ = try await succeed(system, admin, ["set-programme", "--open"])

    // An award cycle that does not require the Mark, entered and judged.
    let opened = try await succeed(
      system, admin,
      [
        "open-cycle", "\(UTCTime.now().date.year)", "--deadline", UTCTime.now().date.adding(days: 30).description,
        "--category", "support=Support for schools", "--category",
        "leadership=Leadership, management and collaboration:primary=Primary;secondary=Secondary",
        "--no-ict-mark-required", "--json",
      ])
    let cycle = try field(opened, "cycleId")
    #expect(try await succeed(system, head, ["cycles"]).contains(cycle))
    let entered = try await succeed(
      system, head, ["enter", cycle, urn, "--category", "leadership", "--sub-category", "primary", "--json"])
    let entry = try field(entered, "entryId")
    for stage in ["closed", "shortlisting"] {
      #expect(try await succeed(system, admin, ["advance-cycle", cycle, stage]).contains("State"))
    }
    #expect(try await succeed(system, admin, ["record-result", entry, "shortlisted"]).contains("shortlisted"))
    let early = try await charter(system, admin, ["record-result", entry, "winner"])
    #expect(early.stderr.hasPrefix("error: FAILED_PRECONDITION"), "\(early.stderr)")
    for stage in ["judge-visits", "results"] { _ = try await succeed(system, admin, ["advance-cycle", cycle, stage]) }
    #expect(
      try await succeed(system, admin, ["record-result", entry, "highly-commended"]).contains("highly-commended"))
    #expect(
      try await succeed(system, head, ["entries", cycle]).contains("Leadership, management and collaboration — Primary")
    )
    #expect(try await succeed(system, head, ["standing", urn]).contains("excellence since"))

    // Certificates: listed, saved as a PDF and a badge, verified by anyone.
    let listed = try await succeed(system, head, ["certificates", urn])
    #expect(listed.contains("ICT Excellence Award") && listed.contains("Recognised for ICT"), "\(listed)")
    let pdf = system.directory + "/certificate.pdf"
    let wrote = try await succeed(system, head, ["certificate", urn, "--out", pdf])
    #expect(wrote.contains("application/pdf") && wrote.contains("ICT Excellence Award"), "\(wrote)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)).starts(with: Array("%PDF".utf8)))
    let png = system.directory + "/badge.png"
    _ = try await succeed(system, head, ["certificate", urn, "--kind", "committed", "--out", png])
    #expect(try Data(contentsOf: URL(fileURLWithPath: png)).starts(with: [0x89, 0x50, 0x4E, 0x47]))
    let certificates = try await system.accreditation(head).listCertificates(.init(schoolUrn: urn)).certificates
    let verificationCode = try #require(certificates.first { $0.kind == .committed }).verificationCode
    let verified = try await succeed(system, nil, ["verify", verificationCode])
    #expect(
      verified.split(separator: "\n").contains { $0.hasPrefix("Status") && $0.hasSuffix(" valid") }
        && verified.contains("Command Line Primary"), "\(verified)")
    #expect(try await charter(system, nil, ["verify", "ZZZZ-ZZZZ-ZZZZ"]).status == 3)
    #expect(try await succeed(system, nil, ["signing-keys"]).contains("BEGIN PUBLIC KEY"))

    // The feed, as the school reads it.
    let events = try await succeed(system, head, ["events", "--school", urn])
    for kind in ["level_changed", "recognition_decided", "certificate_issued", "award_result_recorded"] {
      #expect(events.contains(kind), "no \(kind) in \(events)")
    }
    let denied = try await charter(system, head, ["events"])
    #expect(denied.stderr.hasPrefix("error: PERMISSION_DENIED"), "\(denied.stderr)")
    _ = await system.stop()
  }
}

/// The demo data path of `deploy/local/load-demo-data.sh`, on the real processes: schools and
/// reviews through the registry and self-review, levels derived by accreditation from their
/// feeds, then the programme office's recognitions and the 2009 cycle through its RPCs.
@Suite("Accreditation demo data through the feeds", .serialized)
struct AccreditationDemoDataTests {
  @Test("demo schools and reviews become levels through the feeds; recognitions and the 2009 cycle bring certificates")
  func demoData() async throws {
    let system = try await AccreditationSystem.start()
    let csv = system.directory + "/demo-schools.csv"
    var environment = ProcessInfo.processInfo.environment
    environment["CHARTER_CONFIG_DIR"] = system.directory + "/cli"
    environment["CHARTER_TOKEN"] = system.adminToken
    environment["REGISTRY_SERVICE_ADDR"] = "127.0.0.1:\(system.registryPort)"
    environment["SELF_REVIEW_SERVICE_ADDR"] = "127.0.0.1:\(system.selfReviewPort)"
    environment["ACCREDITATION_SERVICE_ADDR"] = "127.0.0.1:\(system.accreditationPort)"
    func run(_ executable: String, _ arguments: [String]) async throws -> String {
      let process = try ChildProcess(
        ChildProcess.buildProducts.appendingPathComponent(executable).path, arguments, environment: environment)
      let status = await process.waitForExit(timeout: .seconds(180))
      #expect(status == 0, "\(executable) \(arguments.joined(separator: " ")): \(process.stderr.suffix(2000))")
      return process.stdout
    }
    _ = try await run("charter-demo-data", ["schools", "--count", "300", "--output", csv])
    _ = try await run("charter", ["registry", "import", csv])
    _ = try await run("charter", ["self-review", "import-demo-reviews", csv])
    let loaded = try await run("charter", ["accreditation", "import-demo", csv, "--recognised-percent", "100"])
    #expect(loaded.contains("2009 Excellence Award cycle") && loaded.contains("published"), "\(loaded)")
    let again = try await run("charter", ["accreditation", "import-demo", csv, "--recognised-percent", "100"])
    #expect(again.contains("the 2009 cycle exists (published); left alone"), "\(again)")

    let admin = system.accreditation(system.adminToken)
    let cycle = try #require(try await admin.listAwardCycles(.init()).cycles.first { $0.year == 2009 })
    let entries = try await admin.listAwardEntries(.init(cycleId: cycle.cycleId, pageSize: 1000)).entries
    #expect(!entries.isEmpty && entries.contains { $0.result == .winner })
    for entry in entries where [.winner, .runnerUp, .highlyCommended, .shortlisted].contains(entry.result) {
      let standing = try await admin.getCharterStanding(.init(schoolUrn: entry.schoolUrn))
      #expect(standing.level == .excellence && standing.badges.first?.year == 2009)
      #expect(standing.history.first?.cause?.source == "registry", "level 1 comes from the registry's feed")
      let certificates = try await admin.listCertificates(.init(schoolUrn: entry.schoolUrn)).certificates
      #expect(Set(certificates.map(\.kind)).isSuperset(of: [.committed, .recognised, .excellenceAward]))
    }
    _ = await system.stop()
  }
}
