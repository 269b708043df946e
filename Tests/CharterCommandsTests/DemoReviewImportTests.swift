import CharterCommands
import Contracts
import DemoData
import RPCCore
import Synchronization
import Testing

/// Loading the demo reviews: the framework demo reviews are made on, which rows of the demo
/// schools file are loaded, skipped or refused, and the import run against scripted calls.
@Suite("Demo review import")
struct DemoReviewImportTests {
  /// A framework as GetFramework answers: five elements, a five-level scale with 1 the best,
  /// one aspect relying on the default threshold, Level 2 = E1 + 2 others.
  static var framework: SelfReview.Framework {
    func element(_ index: Int, thresholds: [Int32]) -> SelfReview.Element {
      SelfReview.Element(
        elementId: "E\(index)",
        title: "Element \(index)",
        strands: [
          SelfReview.Strand(
            strandId: "\(index)a",
            aspects: thresholds.enumerated().map { offset, threshold in
              SelfReview.Aspect(
                aspectId: "\(index)a\(offset + 1)",
                title: "Aspect \(index).\(offset + 1)",
                thresholdLevel: threshold
              )
            }
          )
        ]
      )
    }
    return SelfReview.Framework(
      frameworkId: "srf-test",
      scale: SelfReview.LevelScale(count: 5, best: 1),
      defaultThreshold: 3,
      level2Rule: SelfReview.Level2Rule(requiredElementId: "E1", additionalElementsMin: 2),
      elements: [
        element(1, thresholds: [2, 0, 3]), element(2, thresholds: [3, 3]),
        element(3, thresholds: [3]), element(4, thresholds: [2, 3]), element(5, thresholds: [3]),
      ]
    )
  }

  @Test("The demo framework takes elements, aspects, thresholds, scale and rule from the service")
  func demoFramework() throws {
    let demo = try DemoFramework(Self.framework)
    #expect(demo.elements.map(\.id) == ["E1", "E2", "E3", "E4", "E5"])
    #expect(
      demo.elements[0].aspects == [
        DemoFramework.Aspect(id: "1a1", title: "Aspect 1.1", threshold: 2),
        DemoFramework.Aspect(id: "1a2", title: "Aspect 1.2", threshold: 3),  // the default
        DemoFramework.Aspect(id: "1a3", title: "Aspect 1.3", threshold: 3),
      ]
    )
    #expect(demo.levelCount == 5)
    #expect(demo.bestLevel == 1)
    #expect(demo.level2Element == "E1")
    #expect(demo.level2Others == 2)
    #expect(demo.meets(1, 2))
    #expect(!demo.meets(3, 2))
  }

  @Test("An inverted scale keeps its direction")
  func invertedScale() throws {
    var framework = Self.framework
    framework.scale = SelfReview.LevelScale(count: 4, best: 4)
    framework.defaultThreshold = 2
    let demo = try DemoFramework(framework)
    #expect(demo.bestLevel == 4)
    #expect(demo.meets(4, 2))
    #expect(!demo.meets(1, 2))
  }

  @Test("Frameworks demo reviews cannot be made on are refused with the reason")
  func unusableFrameworks() {
    var noScale = Self.framework
    noScale.scale = nil
    #expect(throws: DemoFrameworkError.noScale(framework: "srf-test")) {
      try DemoFramework(noScale)
    }
    var middleBest = Self.framework
    middleBest.scale = SelfReview.LevelScale(count: 5, best: 3)
    #expect(throws: DemoFrameworkError.badScale(framework: "srf-test", count: 5, best: 3)) {
      try DemoFramework(middleBest)
    }
    var noRule = Self.framework
    noRule.level2Rule = nil
    #expect(throws: DemoFrameworkError.noLevel2Rule(framework: "srf-test")) {
      try DemoFramework(noRule)
    }
    var unknownElement = Self.framework
    unknownElement.level2Rule = SelfReview.Level2Rule(
      requiredElementId: "E9",
      additionalElementsMin: 2
    )
    #expect(
      throws: DemoFrameworkError.unknownLevel2Element(framework: "srf-test", element: "E9")
    ) { try DemoFramework(unknownElement) }
    var tooFew = Self.framework
    tooFew.elements.removeLast(2)  // E1 + 2 others leaves none below the standard for level2
    #expect(
      throws: DemoFrameworkError.tooFewElements(framework: "srf-test", elements: 3, others: 2)
    ) { try DemoFramework(tooFew) }
    var offScale = Self.framework
    offScale.elements[2].strands[0].aspects[0].thresholdLevel = 6
    #expect(
      throws: DemoFrameworkError.thresholdOffScale(
        framework: "srf-test",
        aspect: "3a1",
        threshold: 6
      )
    ) { try DemoFramework(offScale) }
  }

  static let header =
    "urn,name,street,town,county,postcode,phase,la_code,la_name,number_on_roll,latitude,"
    + "longitude,committed,commit_date,publicly_listed,review_profile"

  /// A demo-file row with the given URN, committed flag and profile.
  static func row(_ urn: String, committed: String = "true", _ profile: String) -> String {
    "\(urn),School \(urn),1 High St,Leeds,,LS1 1AA,primary,383,Leeds,200,53.8,-1.5,"
      + "\(committed),\(committed == "true" ? "2009-01-13" : ""),false,\(profile)"
  }

  @Test("Rows with a profile are loaded, none is skipped, and bad rows are refused by row number")
  func plan() throws {
    let text =
      [
        Self.header,
        Self.row("100001", "level2"),
        Self.row("100002", committed: "false", "none"),
        Self.row("100003", "all-at-standard"),
        Self.row("10004", "started"),
        Self.row("100005", "halfway"),
        Self.row("100006", committed: "false", "partway"),
        Self.row("100001", "started"),
        Self.row("100008", ""),
        "100009,too,few",
      ].joined(separator: "\r\n") + "\r\n"
    let plan = try DemoReviewImportPlan(csv: text)
    #expect(plan.rows.map(\.row) == Array(2...10))
    #expect(plan.reviewCount == 2)
    #expect(plan.skippedCount == 1)
    #expect(plan.rejectedCount == 6)
    let summary = DemoReviewImport.check(plan)
    #expect(summary.skippedCount == 1)
    #expect(
      summary.failureLines() == [
        "row 5 (urn 10004): urn \"10004\" is not six digits",
        "row 6 (urn 100005): unknown review_profile \"halfway\" (expected none, started, "
          + "partway, level2, all-at-standard)",
        "row 7 (urn 100006): review_profile is partway but committed is false (only committed "
          + "schools review themselves)",
        "row 8 (urn 100001): urn 100001 is already on row 2",
        "row 9 (urn 100008): review_profile is empty",
        "row 10 (urn 100009): has 3 fields, the header has 16",
      ]
    )
    #expect(summary.exitStatus == 1)
  }

  @Test("Only urn and review_profile are required; a file without them is refused whole")
  func planHeader() throws {
    let minimal = try DemoReviewImportPlan(csv: "review_profile,urn\npartway,100001\nnone,100002\n")
    #expect(minimal.reviewCount == 1)
    #expect(minimal.skippedCount == 1)
    #expect(
      throws: DemoReviewImportFileError.missingColumns(["review_profile"], found: ["urn", "name"])
    ) { try DemoReviewImportPlan(csv: "urn,name\n100001,A\n") }
    #expect(throws: DemoReviewImportFileError.empty) { try DemoReviewImportPlan(csv: "") }
  }

  @Test("A generated demo file loads every committed school's profile and refuses no row")
  func generatedFile() throws {
    let schools = SchoolGenerator(seed: 7, count: 400).generate()
    let plan = try DemoReviewImportPlan(csv: DemoSchoolsCSV.render(schools))
    #expect(plan.rows.count == 400)
    #expect(plan.rejectedCount == 0)
    #expect(plan.reviewCount == schools.count { $0.reviewProfile != .none })
    #expect(plan.reviewCount > 0)
    #expect(plan.skippedCount > 0)
  }

  /// Answers the import's calls from a script, recording what it was asked.
  final class ScriptedService: Sendable {
    /// Errors StartReview throws for a URN, in order, before it succeeds.
    let startFailures: [String: [RPCError]]
    /// The error RateAspects throws for a URN.
    let rateFailures: [String: RPCError]
    /// Schools whose review GetReview finds although StartReview failed.
    let existingReviews: Set<String>
    private let state = Mutex(
      (starts: [String: Int](), frameworkFetches: 0, rated: [SelfReview.RateAspectsRequest]())
    )

    init(
      startFailures: [String: [RPCError]] = [:],
      rateFailures: [String: RPCError] = [:],
      existingReviews: Set<String> = []
    ) {
      self.startFailures = startFailures
      self.rateFailures = rateFailures
      self.existingReviews = existingReviews
    }

    var starts: [String: Int] { state.withLock { $0.starts } }
    var frameworkFetches: Int { state.withLock { $0.frameworkFetches } }
    var rated: [SelfReview.RateAspectsRequest] { state.withLock { $0.rated } }

    var calls: DemoReviewCalls {
      DemoReviewCalls(
        startReview: { urn in
          let attempt = self.state.withLock { state in
            state.starts[urn, default: 0] += 1
            return state.starts[urn, default: 0]
          }
          let failures = self.startFailures[urn] ?? []
          if attempt <= failures.count { throw failures[attempt - 1] }
          return SelfReview.Review(schoolUrn: urn, frameworkId: "srf-test")
        },
        getReview: { urn in
          guard self.existingReviews.contains(urn) else {
            throw RPCError(code: .notFound, message: "school \(urn) has not started a self-review")
          }
          return SelfReview.Review(schoolUrn: urn, frameworkId: "srf-test")
        },
        getFramework: { id in
          self.state.withLock { $0.frameworkFetches += 1 }
          try await Task.sleep(for: .milliseconds(5))
          guard id == "srf-test" else { throw RPCError(code: .notFound, message: "no \(id)") }
          return DemoReviewImportTests.framework
        },
        rateAspects: { request in
          if let error = self.rateFailures[request.schoolUrn] { throw error }
          self.state.withLock { $0.rated.append(request) }
        }
      )
    }
  }

  static func plan(_ profiles: [(String, String)]) throws -> DemoReviewImportPlan {
    try DemoReviewImportPlan(
      csv: "urn,review_profile\n" + profiles.map { "\($0.0),\($0.1)\n" }.joined()
    )
  }

  @Test("Each school gets DemoReview's ratings in one call; the framework is fetched once")
  func loads() async throws {
    let plan = try Self.plan([
      ("100001", "started"), ("100002", "none"), ("100003", "partway"), ("100004", "level2"),
      ("100005", "all-at-standard"), ("100006", "partway"),
    ])
    let service = ScriptedService()
    let summary = await DemoReviewImport(concurrency: 3, seed: 2010)
      .run(plan, calls: service.calls)
    #expect(service.frameworkFetches == 1)
    #expect(service.starts["100002"] == nil)
    let demo = try DemoFramework(Self.framework)
    let expected = try #require(
      service.rated.first { $0.schoolUrn == "100004" }
    )
    #expect(
      expected
        == DemoReviewImport.request(
          urn: "100004",
          ratings: DemoReview.ratings(urn: "100004", profile: .level2, framework: demo, seed: 2010)
        )
    )
    #expect(
      Set(service.rated.map(\.schoolUrn)) == ["100001", "100003", "100004", "100005", "100006"]
    )
    #expect(summary.loadedCount == 5)
    #expect(summary.skippedCount == 1)
    #expect(summary.ratingCount == service.rated.reduce(0) { $0 + $1.ratings.count })
    #expect(summary.exitStatus == 0)
    #expect(summary.outcomes.map(\.row) == [2, 3, 4, 5, 6, 7])
    #expect(
      summary.report()[1] == "loaded by profile: started 1, partway 2, level2 1, all-at-standard 1"
    )
  }

  @Test("StartReview's NOT_FOUND is retried until the service has learned of the school")
  func waitsForSchool() async throws {
    let notYet = RPCError(code: .notFound, message: "no school with URN 100001")
    let service = ScriptedService(startFailures: ["100001": [notYet, notYet]])
    let summary = await DemoReviewImport(
      schoolPatience: .seconds(5),
      firstRetryDelay: .milliseconds(1)
    ).run(try Self.plan([("100001", "partway")]), calls: service.calls)
    #expect(service.starts["100001"] == 3)
    #expect(summary.loadedCount == 1)
  }

  @Test("A school still unknown after the wait is rejected, and the import goes on")
  func givesUpOnSchool() async throws {
    let unknown = RPCError(code: .notFound, message: "no school with URN 100001")
    let service = ScriptedService(startFailures: ["100001": Array(repeating: unknown, count: 100)])
    let summary = await DemoReviewImport(
      concurrency: 1,
      schoolPatience: .milliseconds(30),
      firstRetryDelay: .milliseconds(5)
    ).run(try Self.plan([("100001", "started"), ("100002", "started")]), calls: service.calls)
    #expect((service.starts["100001"] ?? 0) > 1)
    #expect(summary.loadedCount == 1)
    #expect(summary.rejectedCount == 1)
    guard case .rejected(let reason) = summary.outcomes[0].result else {
      Issue.record("row 2 was not rejected: \(summary.outcomes[0].result)")
      return
    }
    #expect(reason.hasPrefix("NOT_FOUND: no school with URN 100001 (still unknown"))
  }

  @Test("A review already started (even on another framework) is rated as it is")
  func existingReview() async throws {
    let otherFramework = RPCError(
      code: .failedPrecondition,
      message: "school 100001 is already reviewing against framework srf-test"
    )
    let notCommitted = RPCError(
      code: .failedPrecondition,
      message: "school 100002 has not committed to the charter"
    )
    let service = ScriptedService(
      startFailures: ["100001": [otherFramework]],
      existingReviews: ["100001"]
    )
    let withNotCommitted = ScriptedService(
      startFailures: ["100001": [otherFramework], "100002": [notCommitted]],
      existingReviews: ["100001"]
    )
    let plan = try Self.plan([("100001", "level2")])
    #expect(await DemoReviewImport().run(plan, calls: service.calls).loadedCount == 1)
    let both = await DemoReviewImport().run(
      try Self.plan([("100001", "level2"), ("100002", "started")]),
      calls: withNotCommitted.calls
    )
    #expect(both.loadedCount == 1)
    #expect(
      both.failureLines() == [
        "row 3 (urn 100002): FAILED_PRECONDITION: school 100002 has not committed to the charter"
      ]
    )
  }

  @Test("A failure about the import stops it: no further school is started")
  func stops() async throws {
    let service = ScriptedService(rateFailures: [
      "100002": RPCError(code: .unavailable, message: "connection refused")
    ])
    let summary = await DemoReviewImport(concurrency: 1).run(
      try Self.plan([("100001", "started"), ("100002", "started"), ("100003", "started")]),
      calls: service.calls
    )
    #expect(service.starts["100003"] == nil)
    #expect(summary.loadedCount == 1)
    #expect(summary.notLoadedCount == 2)
    #expect(summary.stopReason == "UNAVAILABLE: connection refused")
    #expect(summary.exitStatus == 1)
    #expect(summary.report().contains("the import stopped early: UNAVAILABLE: connection refused"))
    #expect(summary.json().hasPrefix("{\"loaded\":1,\"ratings\":"))
  }
}
