import CharterCommands
import Contracts
import Testing

/// Human output of the self-review commands, from crafted messages: the status table with
/// element titles, benchmarks with hidden groups, the framework outline, and event lines.
@Suite("Self-review formatting")
struct SelfReviewFormattingTests {
  /// A small framework: four elements, a five-level scale with 1 the best, Level 2 = E1 + 2.
  static var framework: SelfReview.Framework {
    func aspect(_ id: String, _ title: String, threshold: Int32) -> SelfReview.Aspect {
      SelfReview.Aspect(
        aspectId: id,
        title: title,
        thresholdLevel: threshold,
        descriptors: (1...5).map {
          SelfReview.LevelDescriptor(level: $0, description: "What level \($0) of \(id) means.")
        }
      )
    }
    func element(_ id: String, _ title: String, _ aspects: [SelfReview.Aspect])
      -> SelfReview.Element
    {
      SelfReview.Element(
        elementId: id,
        title: title,
        strands: [
          SelfReview.Strand(strandId: id.lowercased() + "a", title: title, aspects: aspects)
        ]
      )
    }
    return SelfReview.Framework(
      frameworkId: "srf-test",
      title: "A test framework",
      status: .published,
      scale: SelfReview.LevelScale(count: 5, best: 1),
      defaultThreshold: 3,
      thresholdSource: .proposed,
      level2Rule: SelfReview.Level2Rule(requiredElementId: "E1", additionalElementsMin: 2),
      validFrom: Common.Date(year: 2006, month: 3, day: 30),
      elements: [
        element(
          "E1",
          "Leadership and management",
          [
            aspect("1a1", "A shared vision for ICT", threshold: 2),
            aspect("1a2", "Sharing the vision", threshold: 3),
          ]
        ),
        element("E2", "Curriculum", [aspect("2a1", "Planning the curriculum", threshold: 3)]),
        element("E3", "Learning and teaching", [aspect("3a1", "Pupils' use", threshold: 3)]),
        element("E4", "Assessment", [aspect("4a1", "Assessing ICT capability", threshold: 3)]),
      ]
    )
  }

  static var status: SelfReview.ReviewStatus {
    SelfReview.ReviewStatus(
      schoolUrn: "107979",
      frameworkId: "srf-test",
      aspects: [
        SelfReview.AspectStatus(
          aspectId: "1a1",
          rated: true,
          level: 2,
          thresholdLevel: 2,
          meetsThreshold: true,
          hasCommentary: true
        ),
        SelfReview.AspectStatus(aspectId: "1a2", rated: false, thresholdLevel: 3),
      ],
      elements: [
        SelfReview.ElementStatus(
          elementId: "E1",
          atNationalStandard: true,
          aspectsMet: 2,
          aspectsTotal: 2,
          aspectsRated: 2
        ),
        SelfReview.ElementStatus(elementId: "E2", aspectsMet: 0, aspectsTotal: 1, aspectsRated: 1),
        SelfReview.ElementStatus(
          elementId: "E3",
          atNationalStandard: true,
          aspectsMet: 1,
          aspectsTotal: 1,
          aspectsRated: 1
        ),
        SelfReview.ElementStatus(elementId: "E4", aspectsMet: 0, aspectsTotal: 1, aspectsRated: 0),
      ],
      frameworkAtNationalStandard: false,
      progress: 0.5,
      commentaryComplete: false,
      level2RuleHolds: false
    )
  }

  @Test("The status is a table per element with titles and yes/no, then the overall lines")
  func statusTable() {
    #expect(
      ReviewStatusText.summary(Self.status, framework: Self.framework) == [
        "School 107979 on framework srf-test",
        "",
        "ELEMENT  TITLE                      MET  RATED  AT STANDARD",
        "E1       Leadership and management  2/2  2/2    yes",
        "E2       Curriculum                 0/1  1/1    no",
        "E3       Learning and teaching      1/1  1/1    yes",
        "E4       Assessment                 0/1  0/1    no",
        "",
        "Framework at national standard  no",
        "Progress                        50% rated with commentary",
        "Commentary complete             no",
        "Level 2 rule holds              no: E1 is at the national standard, and 1 other element",
        "                                (the rule: E1 Leadership and management plus 2 other "
          + "elements at the national standard)",
      ]
    )
  }

  @Test("The Level 2 line counts the elements at standard, whether or not the rule holds")
  func level2Line() {
    let rule =
      "(the rule: E1 Leadership and management plus 2 other elements at the national "
      + "standard)"
    var status = Self.status
    status.elements[1].atNationalStandard = true
    status.level2RuleHolds = true
    #expect(
      ReviewStatusText.level2(status, framework: Self.framework)
        == "yes: E1 is at the national standard, and 2 other elements\n" + rule
    )
    status.elements[0].atNationalStandard = false
    status.level2RuleHolds = false
    #expect(
      ReviewStatusText.level2(status, framework: Self.framework)
        == "no: E1 is not at the national standard; 2 other elements are\n" + rule
    )
    // Without the framework the rule is named in the Charter's words.
    #expect(
      ReviewStatusText.level2(status, framework: nil)
        == "no (Leadership and management plus two other elements at the standard)"
    )
  }

  @Test("Without the framework the status table still shows every element, untitled")
  func statusWithoutFramework() {
    let lines = ReviewStatusText.summary(Self.status, framework: nil)
    #expect(lines[2] == "ELEMENT  TITLE  MET  RATED  AT STANDARD")
    #expect(lines[3] == "E1              2/2  2/2    yes")
  }

  @Test("The per-aspect table shows level, threshold and whether it meets it")
  func aspectTable() {
    #expect(
      ReviewStatusText.aspects(Self.status, framework: Self.framework) == [
        "ASPECT  TITLE                    LEVEL      THRESHOLD  MEETS",
        "1a1     A shared vision for ICT  2          2          yes",
        "1a2     Sharing the vision       not rated  3          no",
      ]
    )
  }

  @Test("Percentages round to the nearest percent but never claim 0% or 100% too early")
  func percentages() {
    #expect(DecimalText.percent(0.5) == "50%")
    #expect(DecimalText.percent(0.289_473) == "29%")
    #expect(DecimalText.percent(0.996) == "99%")
    #expect(DecimalText.percent(1) == "100%")
    #expect(DecimalText.percent(0.001) == "1%")
    #expect(DecimalText.percent(0) == "0%")
    #expect(DecimalText.oneDecimal(2.46667) == "2.5")
    #expect(DecimalText.oneDecimal(3) == "3.0")
  }

  @Test("Benchmarks: averages with school counts, — for groups too small to show")
  func benchmarks() {
    let response = SelfReview.GetBenchmarksResponse(
      schoolUrn: "107979",
      frameworkId: "srf-test",
      aspects: [
        SelfReview.AspectBenchmark(
          aspectId: "1a1",
          schoolLevel: 2,
          national: SelfReview.BenchmarkValue(averageLevel: 2.75, schoolCount: 312),
          localAuthority: SelfReview.BenchmarkValue(averageLevel: 0, schoolCount: 3),
          similarSchools: SelfReview.BenchmarkValue(averageLevel: 3, schoolCount: 41)
        ),
        SelfReview.AspectBenchmark(aspectId: "2a1"),
      ],
      elements: [
        SelfReview.ElementBenchmark(
          elementId: "E1",
          schoolAverageLevel: 2.25,
          national: SelfReview.BenchmarkValue(averageLevel: 2.46667, schoolCount: 312),
          localAuthority: SelfReview.BenchmarkValue(averageLevel: 0, schoolCount: 3),
          similarSchools: SelfReview.BenchmarkValue(averageLevel: 3, schoolCount: 41)
        ),
        SelfReview.ElementBenchmark(
          elementId: "E2",
          national: SelfReview.BenchmarkValue(averageLevel: 3.1, schoolCount: 290),
          localAuthority: SelfReview.BenchmarkValue(averageLevel: 0, schoolCount: 0)
        ),
      ],
      computedAt: Protobuf.Timestamp(rfc3339: "2010-01-05T12:00:00Z")
    )
    #expect(
      BenchmarkText.report(response, framework: Self.framework, aspects: true) == [
        "School 107979 on framework srf-test (5 levels, 1 the most developed)",
        "averages computed 2010-01-05T12:00:00Z",
        "",
        "ELEMENT  TITLE                      SCHOOL  NATIONAL   LOCAL AUTHORITY  SIMILAR SCHOOLS",
        "E1       Leadership and management  2.3     2.5 (312)  — (3)            3.0 (41)",
        "E2       Curriculum                 -       3.1 (290)  — (0)            — (0)",
        "",
        "ASPECT  TITLE                    SCHOOL  NATIONAL   LOCAL AUTHORITY  SIMILAR SCHOOLS",
        "1a1     A shared vision for ICT  2       2.8 (312)  — (3)            3.0 (41)",
        "2a1     Planning the curriculum  -       — (0)      — (0)            — (0)",
        "",
        BenchmarkText.note,
      ]
    )
    #expect(BenchmarkText.note.contains("fewer than five schools"))
  }

  @Test("The framework outline lists elements, strands and aspects with thresholds")
  func outline() {
    let framework = Self.framework
    let lines = FrameworkText.outline(framework, elements: framework.elements, levels: false)
    #expect(
      Array(lines.prefix(7)) == [
        "Framework     srf-test: A test framework",
        "Status        published",
        "In use        from 2006-03-30",
        "Scale         5 levels, 1 the most developed",
        "Thresholds    level 3 unless an aspect sets its own (proposed)",
        "Level 2 rule  E1 Leadership and management plus 2 other elements at the national standard",
        "Content       4 elements, 5 aspects",
      ]
    )
    #expect(
      Array(lines[7...11]) == [
        "",
        "E1  Leadership and management",
        "  e1a  Leadership and management",
        "    1a1  A shared vision for ICT  (threshold 2)",
        "    1a2  Sharing the vision  (threshold 3)",
      ]
    )
    #expect(!lines.contains { $0.contains("What level") })
  }

  @Test("With --levels each aspect lists its descriptors, the threshold marked")
  func outlineWithLevels() {
    let framework = Self.framework
    let lines = FrameworkText.outline(framework, elements: [framework.elements[0]], levels: true)
    let first = lines.firstIndex(of: "    1a1  A shared vision for ICT  (threshold 2)") ?? 0
    #expect(
      Array(lines[(first + 1)...(first + 5)]) == [
        "      1  What level 1 of 1a1 means.",
        "      2* What level 2 of 1a1 means.",
        "      3  What level 3 of 1a1 means.",
        "      4  What level 4 of 1a1 means.",
        "      5  What level 5 of 1a1 means.",
      ]
    )
    #expect(!lines.contains("E2  Curriculum"))
    #expect(lines.last?.hasPrefix("* the threshold") == true)
  }

  @Test("Ratings are a table with a one-line commentary excerpt and the evidence count")
  func ratings() {
    let rating = SelfReview.AspectRating(
      aspectId: "1a1",
      level: 2,
      commentary: "Agreed at the ICT steering group.\nGovernors were told in March.",
      evidence: [
        SelfReview.EvidenceReference(title: "Minutes"), SelfReview.EvidenceReference(title: "Plan"),
      ],
      ratedAt: Protobuf.Timestamp(rfc3339: "2009-03-02T10:00:00Z"),
      ratedBy: Common.Actor(principal: .personId("p-7"), displayName: "Ann Smith")
    )
    #expect(
      ReviewText.ratingsTable([rating]) == [
        "ASPECT  LEVEL  COMMENTARY                                        EVIDENCE  RATED BY   "
          + "RATED AT",
        "1a1     2      Agreed at the ICT steering group. Governors wer…  2         Ann Smith  "
          + "2009-03-02T10:00:00Z",
      ]
    )
    #expect(ReviewText.excerpt("  \n ", limit: 10) == "-")
  }

  @Test("Events are one line each, naming the school and what changed")
  func events() {
    func line(_ payload: SelfReview.SelfReviewEvent.Payload?) -> String {
      ReviewEventText.line(
        SelfReview.SelfReviewEvent(
          sequence: 42,
          occurredAt: Protobuf.Timestamp(rfc3339: "2009-03-02T10:00:00Z"),
          actor: Common.Actor(principal: .personId("p-7"), displayName: "Ann Smith"),
          schoolUrn: "107979",
          payload: payload
        )
      )
    }
    #expect(
      line(
        .aspectRated(
          SelfReview.AspectRated(
            rating: SelfReview.AspectRating(aspectId: "1a1", level: 2),
            previousLevel: 3
          )
        )
      )
        == "42  2009-03-02T10:00:00Z  Ann Smith  school 107979: rated 1a1 level 2 (was 3)"
    )
    #expect(
      line(.reviewStarted(SelfReview.ReviewStarted(frameworkId: "srf-2008")))
        .hasSuffix("school 107979: started a self-review on srf-2008")
    )
    #expect(
      line(
        .level2RuleNowHolds(
          SelfReview.Level2RuleNowHolds(
            elementsAtStandard: ["E1", "E3", "E5"],
            commentaryComplete: false
          )
        )
      ).hasSuffix("the Level 2 rule now holds (at standard: E1, E3, E5; commentary incomplete)")
    )
    #expect(
      line(
        .elementFellBelowStandard(
          SelfReview.ElementFellBelowStandard(
            elementId: "E2",
            aspectsBelowThreshold: ["2a1"]
          )
        )
      ).hasSuffix("element E2 fell below the national standard (below threshold: 2a1)")
    )
    #expect(line(nil).hasSuffix("an event this version of charter does not know"))
  }

  @Test("Action items: details with the state's name, pages with an untotalled footer")
  func actionItems() {
    let item = SelfReview.ActionItem(
      actionItemId: "ai-1",
      schoolUrn: "107979",
      aspectId: "1a1",
      text: "Write the ICT vision with governors",
      owner: "Head",
      dueDate: Common.Date(year: 2010, month: 3, day: 31),
      state: .inProgress
    )
    let details = ActionItemText.details(item)
    #expect(details.contains("State    in-progress"))
    #expect(details.contains("Due      2010-03-31"))
    #expect(
      ActionItemText.page(SelfReview.ListActionItemsResponse(items: [item], nextPageToken: "dj1"))
        == [
          "ID    ASPECT  STATE        DUE         OWNER  TEXT",
          "ai-1  1a1     in-progress  2010-03-31  Head   Write the ICT vision with governors",
          "showing 1; next page: --page-token dj1",
        ]
    )
  }
}
