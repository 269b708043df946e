import CharterCommands
import Contracts
import RPCCore
import Synchronization
import Testing

/// The import engine with a scripted `register` closure: concurrency, row order, the summary,
/// the exit status and the rejects file.
@Suite("School import")
struct SchoolImportTests {
  /// A file of `count` valid rows with URNs 100000, 100001, …, plus `extra` raw lines.
  static func csv(rows count: Int, extra: [String] = []) -> String {
    var text = SchoolCSVHeader.knownColumns.joined(separator: ",") + "\r\n"
    for index in 0..<count {
      text +=
        "\(100_000 + index),School \(index),1 High St,Leeds,,LS1 1AA,primary,383,Leeds,200,53.8,-1.5,true,2009-01-13,false,none\r\n"
    }
    for line in extra { text += line + "\r\n" }
    return text
  }

  /// Records the requests it is given and answers each URN as scripted (default: success).
  final class ScriptedRegistry: Sendable {
    let script: [String: RPCError]
    let delay: Duration
    private let state = Mutex((seen: [String](), inFlight: 0, maxInFlight: 0))

    init(script: [String: RPCError] = [:], delay: Duration = .zero) {
      self.script = script
      self.delay = delay
    }

    var seen: [String] { state.withLock { $0.seen } }
    var maxInFlight: Int { state.withLock { $0.maxInFlight } }

    func register(_ request: Registry.RegisterSchoolRequest) async throws {
      state.withLock { state in
        state.seen.append(request.urn)
        state.inFlight += 1
        state.maxInFlight = max(state.maxInFlight, state.inFlight)
      }
      defer { state.withLock { $0.inFlight -= 1 } }
      // Later rows finish first, so completion order differs from row order.
      let urn = Int(request.urn) ?? 0
      try await Task.sleep(for: delay * (1 + (200_000 - urn) % 5))
      if let error = script[request.urn] { throw error }
    }
  }

  @Test("Every valid row becomes one RegisterSchool call, at most `concurrency` at a time")
  func concurrency() async throws {
    let plan = try SchoolImportPlan(csv: Self.csv(rows: 100))
    let registry = ScriptedRegistry(delay: .milliseconds(2))
    let summary = await SchoolImport(concurrency: 8).run(plan, register: registry.register)
    #expect(Set(registry.seen) == Set((0..<100).map { String(100_000 + $0) }))
    #expect(registry.seen.count == 100)
    #expect(registry.maxInFlight <= 8)
    #expect(registry.maxInFlight > 1)
    #expect(summary.importedCount == 100)
    #expect(summary.exitStatus == 0)
    #expect(summary.report() == ["imported 100, already present 0, rejected 0"])
  }

  @Test("Outcomes are reported in row order whatever order calls complete in")
  func rowOrder() async throws {
    let plan = try SchoolImportPlan(
      csv: Self.csv(rows: 6, extra: ["100010,Bad Phase,,,,LS1 1AA,infant,383,Leeds,,,,,,,"])
    )
    let registry = ScriptedRegistry(
      script: [
        "100001": RPCError(code: .alreadyExists, message: "school 100001 is already registered"),
        "100004": RPCError(code: .invalidArgument, message: "postcode is not a postcode"),
      ],
      delay: .milliseconds(3)
    )
    let summary = await SchoolImport(concurrency: 4).run(plan, register: registry.register)
    #expect(summary.outcomes.map(\.row) == [2, 3, 4, 5, 6, 7, 8])
    #expect(
      summary.outcomes.map(\.result) == [
        .imported, .alreadyPresent("ALREADY_EXISTS: school 100001 is already registered"),
        .imported,
        .imported, .rejected("INVALID_ARGUMENT: postcode is not a postcode"), .imported,
        .rejected(SchoolRowProblem.unknownPhase("infant").description),
      ]
    )
    #expect(!registry.seen.contains("100010"))  // refused client-side: never sent
    #expect(summary.importedCount == 4)
    #expect(summary.alreadyPresentCount == 1)
    #expect(summary.rejectedCount == 2)
    #expect(summary.exitStatus == 1)
    #expect(
      summary.report() == [
        "imported 4, already present 1, rejected 2",
        "already present rows count as errors; pass --skip-existing to accept them",
        "row 3 (urn 100001): already registered (ALREADY_EXISTS: school 100001 is already registered)",
        "row 6 (urn 100004): INVALID_ARGUMENT: postcode is not a postcode",
        "row 8 (urn 100010): unknown phase \"infant\" (expected nursery, primary, middle, secondary, all-through, special or pru)",
      ]
    )
  }

  @Test("With --skip-existing, rows already present are not errors")
  func skipExisting() async throws {
    let plan = try SchoolImportPlan(csv: Self.csv(rows: 3))
    let registry = ScriptedRegistry(script: [
      "100000": RPCError(code: .alreadyExists, message: "exists"),
      "100002": RPCError(code: .alreadyExists, message: "exists"),
    ])
    let summary = await SchoolImport(skipExisting: true).run(plan, register: registry.register)
    #expect(summary.importedCount == 1)
    #expect(summary.alreadyPresentCount == 2)
    #expect(summary.failures.isEmpty)
    #expect(summary.exitStatus == 0)
    #expect(summary.report() == ["imported 1, already present 2, rejected 0"])
  }

  @Test("Only rejected rows: exit status 1; at most 50 are listed, then a count")
  func listingLimit() async throws {
    let bad = (0..<60).map { "\(200_000 + $0),Bad,,,,LS1 1AA,primary,383,Leeds,many,,,,,," }
    let plan = try SchoolImportPlan(csv: Self.csv(rows: 1, extra: bad))
    let summary = await SchoolImport().run(plan, register: ScriptedRegistry().register)
    #expect(summary.rejectedCount == 60)
    #expect(summary.exitStatus == 1)
    let report = summary.report()
    #expect(report.first == "imported 1, already present 0, rejected 60")
    #expect(report[1] == "row 3 (urn 200000): number_on_roll \"many\" is not a number")
    #expect(report.count == 1 + 50 + 1)
    #expect(report.last == "… and 10 more (--rejects FILE writes them all)")
  }

  @Test("An error about the import, not the row, stops sending; unsent rows are not imported")
  func stopsOnSystemicError() async throws {
    let plan = try SchoolImportPlan(csv: Self.csv(rows: 50))
    let registry = ScriptedRegistry(script: [
      "100003": RPCError(code: .unauthenticated, message: "token expired")
    ])
    let summary = await SchoolImport(concurrency: 2).run(plan, register: registry.register)
    #expect(summary.stopReason == "UNAUTHENTICATED: token expired")
    #expect(registry.seen.count < 50)
    #expect(summary.importedCount + summary.notImportedCount == 50)
    #expect(summary.outcomes[3].result == .notImported("UNAUTHENTICATED: token expired"))
    #expect(summary.outcomes.last?.result == .notImported("not sent: the import stopped at row 5"))
    #expect(summary.exitStatus == 1)
    let report = summary.report()
    #expect(report[0].hasSuffix(", not imported \(summary.notImportedCount)"))
    #expect(report[1] == "the import stopped early: UNAUTHENTICATED: token expired")
    #expect(report[2].hasSuffix("run the import again with --skip-existing to finish"))
  }

  @Test("The rejects file holds every failing row with its reason, re-importable as it is")
  func rejectsFile() async throws {
    let text =
      "reject_row,reject_reason,urn,name,street,town,county,postcode,phase,la_code,la_name,committed,publicly_listed\r\n"
      + "9,old reason,100000,Good,\"1 High St, Leeds\",Leeds,,LS1 1AA,primary,383,Leeds,true,true\r\n"
      + "9,old reason,100001,Bad,,Leeds,,LS1 1AA,primary,383,Leeds,no,yes\r\n"
      + "9,old reason,100002,Exists,,Leeds,,LS1 1AA,primary,383,Leeds,,\r\n"
    let plan = try SchoolImportPlan(csv: text)
    let registry = ScriptedRegistry(script: [
      "100002": RPCError(code: .alreadyExists, message: "exists")
    ])
    let summary = await SchoolImport().run(plan, register: registry.register)
    let rejects = summary.rejectsCSV(plan: plan)
    #expect(
      rejects
        == "reject_row,reject_reason,urn,name,street,town,county,postcode,phase,la_code,la_name,committed,publicly_listed\r\n"
        + "3,publicly_listed is true but committed is false,100001,Bad,,Leeds,,LS1 1AA,primary,383,Leeds,no,yes\r\n"
        + "4,already registered (ALREADY_EXISTS: exists),100002,Exists,,Leeds,,LS1 1AA,primary,383,Leeds,,\r\n"
    )
    // The rejects file is itself a valid import file.
    let again = try SchoolImportPlan(csv: rejects)
    #expect(again.rows.map(\.urn) == ["100001", "100002"])
  }

  @Test("The JSON summary has the counts and the failing rows")
  func json() async throws {
    let plan = try SchoolImportPlan(
      csv: Self.csv(rows: 2, extra: ["12,\"Say \"\"hi\"\"\",,,,X,primary,383,Leeds,,,,,,,"])
    )
    let summary = await SchoolImport().run(plan, register: ScriptedRegistry().register)
    #expect(
      summary.json()
        == #"{"imported":2,"alreadyPresent":0,"rejected":1,"notImported":0,"failures":[{"row":4,"urn":"12","reason":"urn \"12\" is not six digits"}]}"#
    )
  }

  @Test("A dry run lists the rows that would be rejected and sends nothing")
  func dryRun() throws {
    let plan = try SchoolImportPlan(
      csv: Self.csv(rows: 2, extra: ["100009,X,,,,LS1,primary,383,Leeds,,1,,,,,"])
    )
    let summary = SchoolImport.check(plan)
    #expect(
      summary.outcomes == [
        SchoolImportOutcome(
          row: 4,
          urn: "100009",
          result: .rejected("latitude and longitude must be given together")
        )
      ]
    )
    #expect(summary.exitStatus == 1)
    #expect(plan.requestCount == 2)
  }

  @Test("A file missing required columns or not valid CSV is refused as a whole")
  func fileErrors() {
    #expect(
      throws: SchoolImportFileError.header(
        .missingColumns(["la_code", "la_name"], found: ["urn", "name", "postcode", "phase"])
      )
    ) {
      try SchoolImportPlan(csv: "urn,name,postcode,phase\n100000,X,LS1 1AA,primary\n")
    }
    #expect(throws: SchoolImportFileError.header(.empty)) { try SchoolImportPlan(csv: "") }
    #expect(throws: SchoolImportFileError.csv(.unterminatedQuote(row: 3))) {
      try SchoolImportPlan(csv: Self.csv(rows: 1, extra: ["100001,\"Unclosed,,,,,,,,,,,,,,"]))
    }
  }

  @Test("Blank lines are skipped but still counted, like spreadsheet rows")
  func blankLines() throws {
    let plan = try SchoolImportPlan(
      csv: Self.csv(rows: 1) + "\r\n,,,,,,,,,,,,,,,\r\n"
        + "100005,X,,,,LS1 1AA,primary,383,Leeds,,,,,,,\r\n"
    )
    #expect(plan.rows.map(\.row) == [2, 5])
  }
}

@Suite("Import progress")
struct ProgressTextTests {
  @Test("The terminal bar shows rows done, percentage, rate and time left")
  func bar() {
    let progress = SchoolImportProgress(done: 8000, total: 24_000, elapsed: .seconds(5))
    #expect(
      ProgressText.bar(progress, width: 30)
        == "[##########--------------------] 8000/24000 rows  33%  1600 rows/s  ETA 0:10"
    )
    #expect(
      ProgressText.bar(SchoolImportProgress(done: 0, total: 10, elapsed: .zero), width: 10)
        == "[----------] 0/10 rows  0%  -- rows/s  ETA --:--"
    )
  }

  @Test("Without a terminal, a line is written each time a new tenth is reached")
  func milestones() {
    var lines: [String] = []
    var previous = 0
    for done in stride(from: 7, through: 100, by: 7) + [100] {
      let progress = SchoolImportProgress(
        done: done,
        total: 100,
        elapsed: .seconds(Double(done) / 50)
      )
      if let line = ProgressText.milestone(progress, previousDone: previous) { lines.append(line) }
      previous = done
    }
    #expect(lines.count == 10)
    #expect(lines.first == "progress: 14/100 rows (10%), 50 rows/s, ETA 0:02")
    #expect(lines.last == "progress: 100/100 rows (100%), 50 rows/s, ETA 0:00")
  }

  @Test("Durations read m:ss, or h:mm:ss from an hour")
  func clock() {
    #expect(ProgressText.clock(seconds: 0) == "0:00")
    #expect(ProgressText.clock(seconds: 65) == "1:05")
    #expect(ProgressText.clock(seconds: 3723) == "1:02:03")
    #expect(ProgressText.clock(seconds: .infinity) == "--:--")
  }
}
