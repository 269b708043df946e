internal import ArgumentParser
internal import CharterValues
internal import Contracts
internal import RPCCore

/// `charter accreditation import-demo schools.csv`: the programme office's side of the demo,
/// through the service's own RPCs. Levels 1 and the level 2 rule come from the registry's and
/// self-review's demo data through the feeds; this recognises a deterministic share of the
/// schools the feeds made eligible (a referee from their authority, confirmed, approved), and
/// runs the 2009 Excellence Award cycle with entries and results, so certificates follow.
struct ImportDemoAccreditationCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import-demo",
    abstract: "Recognise demo schools and run the 2009 Excellence Award cycle (programme admin).",
    discussion: """
      The file is the one `charter-demo-data schools` writes; import the schools and their \
      self-reviews first. Schools whose review profile meets the level 2 rule are waited for \
      (up to a minute each) until the service has heard from the feeds that they may ask; \
      about --recognised-percent of them are recognised, their authority's adviser confirming \
      by invitation code. Then the 2009 cycle (the 2009 categories, no Mark required since the \
      demo has no Marks) is opened unless it exists, up to --entries recognised schools enter \
      (those reviewed at the standard throughout first), and it is taken to published with shortlists, winners, runners-up and \
      highly commended. Running it again recognises no one twice and leaves a 2009 cycle alone.
      """)

  @Argument(help: ArgumentHelp("The demo schools file.", valueName: "schools.csv")) var file: String
  @Option(help: ArgumentHelp("The share of eligible schools recognised.", valueName: "percent"))
  var recognisedPercent = 60
  @Option(help: ArgumentHelp("At most this many 2009 award entries.", valueName: "n")) var entries = 160
  @Option(help: ArgumentHelp("Schools handled at once.", valueName: "n")) var concurrency = 8
  @OptionGroup(title: "Connection options") var connection: AccreditationConnectionOptions

  func validate() throws {
    guard (0...100).contains(recognisedPercent) else { throw ValidationError("--recognised-percent is 0 to 100") }
    guard (1...256).contains(concurrency) else { throw ValidationError("--concurrency is 1 to 256") }
    guard entries >= 0 else { throw ValidationError("--entries must not be negative") }
  }

  /// What the file says of one school.
  struct School: Sendable {
    let urn: String
    let phase: String
    let authority: String
    let profile: String
  }

  func run() async throws {
    let schools = try readSchools()
    let eligible = schools.filter { $0.profile == "level2" || $0.profile == "all-at-standard" }
    let chosen = eligible.filter { Self.bucket($0.urn) < recognisedPercent }
    let concurrency = self.concurrency
    let entryLimit = entries
    let (recognised, failures, cycleLines) = try await connection.withAccreditation { accreditation in
      let client = accreditation.client
      let options = accreditation.callOptions
      var recognised: [School] = []
      var failures: [String] = []
      try await withThrowingTaskGroup(of: (School, String?).self) { group in
        var pending = chosen[...]
        func next() {
          guard let school = pending.popFirst() else { return }
          group.addTask { (school, await Self.recognise(school, client: client, options: options)) }
        }
        for _ in 0..<concurrency { next() }
        while let (school, failure) = try await group.next() {
          if let failure { failures.append("\(school.urn): \(failure)") } else { recognised.append(school) }
          next()
        }
      }
      let lines = try await Self.runCycle(
        recognised.sorted {
          ($0.profile == "all-at-standard" ? 0 : 1, $0.urn) < ($1.profile == "all-at-standard" ? 0 : 1, $1.urn)
        },
        limit: entryLimit,
        client: client, options: options)
      return (recognised, failures, lines)
    }
    Console.output(
      "recognised \(recognised.count) of \(chosen.count) chosen (\(eligible.count) eligible by their reviews)")
    for line in cycleLines { Console.output(line) }
    for failure in failures.prefix(20) { Console.error("not recognised: \(failure)") }
    if !failures.isEmpty { throw ExitCode(1) }
  }

  /// A stable 0..<100 bucket for a URN, so the same schools are chosen on every run.
  static func bucket(_ urn: String) -> Int {
    var hash: UInt64 = 1_469_598_103_934_665_603
    for byte in urn.utf8 { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
    return Int(hash % 100)
  }

  /// Requests, confirms (by invitation code) and approves one school's recognition; `nil`
  /// when it is recognised (now or before), else why not.
  static func recognise(_ school: School, client: Accreditation.Client, options: CallOptions) async -> String? {
    let deadline = ContinuousClock.now.advanced(by: .seconds(60))
    var standing: Accreditation.CharterStanding?
    while ContinuousClock.now < deadline {
      standing = try? await client.getCharterStanding(.init(schoolUrn: school.urn), options: options)
      if let standing,
        standing.mayRequestRecognition || standing.level.rawValue >= Common.CharterLevel.recognised.rawValue
          || standing.recognition?.state == .awaitingReferee || standing.recognition?.state == .awaitingDecision
      {
        break
      }
      try? await Task.sleep(for: .milliseconds(500))
    }
    guard let standing else { return "the service does not know the school" }
    if [.recognised, .ictMark, .excellence].contains(standing.level) { return nil }
    do {
      var recognition = standing.recognition
      if standing.mayRequestRecognition {
        recognition = try await client.requestRecognition(
          .init(
            schoolUrn: school.urn,
            referee: .init(
              name: "ICT adviser, authority \(school.authority)",
              email: "ict-adviser@la\(school.authority).demo.example",
              organisation: "Local authority \(school.authority)",
              kind: .localAuthorityAdviser),
            note: "Our self-review meets the level 2 rule."), options: options)
      }
      guard var current = recognition else { return "the level 2 rule does not hold (yet)" }
      if current.state == .awaitingReferee {
        let invitation = try await client.issueRefereeInvitation(
          .init(recognitionId: current.recognitionId), options: options)
        current = try await client.answerRefereeInvitation(
          .init(
            invitationCode: invitation.invitationCode, confirmed: true,
            comment: "I have seen the school's self-review evidence."), options: options)
      }
      if current.state == .awaitingDecision {
        current = try await client.decideRecognition(
          .init(recognitionId: current.recognitionId, approve: true), options: options)
      }
      return current.state == .recognised ? nil : "the request is \(AccreditationSyntax.state(current.state))"
    } catch let error as RPCError {
      return "\(error.code): \(error.message)"
    } catch {
      return "\(error)"
    }
  }

  /// The 2009 categories (CHARTER-DOMAIN.md §4): best whole school by region, then three by
  /// phase, then support for schools.
  static var categories2009: [Accreditation.AwardCategory] {
    let phases: [Accreditation.AwardSubCategory] = [
      .init(subCategoryId: "primary", title: "Primary"), .init(subCategoryId: "secondary", title: "Secondary"),
    ]
    return [
      .init(
        categoryId: "best-whole-school", title: "Best whole school",
        subCategories: EnglishRegion.allCases.map { .init(subCategoryId: $0.slug, title: $0.name) }),
      .init(categoryId: "beyond-the-classroom", title: "Beyond the classroom", subCategories: phases),
      .init(
        categoryId: "leadership", title: "Leadership, management and collaboration", subCategories: phases),
      .init(categoryId: "learning-experience", title: "Learning experience", subCategories: phases),
      .init(categoryId: "support-for-schools", title: "Support for schools"),
    ]
  }

  /// Opens the 2009 cycle unless one exists, enters `schools`, and takes it to published.
  static func runCycle(
    _ schools: [School], limit: Int, client: Accreditation.Client, options: CallOptions
  ) async throws -> [String] {
    let existing = try await client.listAwardCycles(.init(pageSize: 100), options: options).cycles
    if let cycle = existing.first(where: { $0.year == 2009 }) {
      return ["the 2009 cycle exists (\(AccreditationSyntax.cycleState(cycle.state))); left alone"]
    }
    let cycle = try await client.openAwardCycle(
      .init(
        year: 2009, entryDeadline: Common.Date(year: 2009, month: 3, day: 24), categories: categories2009,
        requiresIctMark: false), options: options)
    var entries: [Accreditation.AwardEntry] = []
    for (index, school) in schools.prefix(limit).enumerated() {
      let phase = school.phase.contains("secondary") ? "secondary" : "primary"
      let (category, sub): (String, String) =
        switch index % 4 {
        case 0:
          (
            "best-whole-school",
            LocalAuthorityCode(school.authority).flatMap { EnglishRegion(containing: $0) }?.slug ?? "london"
          )
        case 1: ("beyond-the-classroom", phase)
        case 2: ("leadership", phase)
        default: ("learning-experience", phase)
        }
      entries.append(
        try await client.enterAward(
          .init(
            cycleId: cycle.cycleId, schoolUrn: school.urn, categoryId: category, subCategoryId: sub,
            statement: "ICT runs through our teaching, leadership and links with families."), options: options))
    }
    for stage in [Accreditation.AwardCycleState.closed, .shortlisting] {
      _ = try await client.advanceAwardCycle(.init(cycleId: cycle.cycleId, toState: stage), options: options)
    }
    // About half of each sub-category is shortlisted; the rest stay entrants.
    let groups = Dictionary(grouping: entries) { "\($0.categoryId)/\($0.subCategoryId)" }
    var shortlisted: [String: [Accreditation.AwardEntry]] = [:]
    for (key, group) in groups {
      let list = Array(group.sorted { $0.schoolUrn < $1.schoolUrn }.prefix(max(1, (group.count + 1) / 2)))
      shortlisted[key] = list
      for entry in list {
        _ = try await client.recordAwardResult(.init(entryId: entry.entryId, result: .shortlisted), options: options)
      }
    }
    for stage in [Accreditation.AwardCycleState.judgeVisits, .results] {
      _ = try await client.advanceAwardCycle(.init(cycleId: cycle.cycleId, toState: stage), options: options)
    }
    var prizes = 0
    for list in shortlisted.values {
      for (entry, result) in zip(list, [Accreditation.AwardResult.winner, .runnerUp, .highlyCommended]) {
        _ = try await client.recordAwardResult(.init(entryId: entry.entryId, result: result), options: options)
        prizes += 1
      }
    }
    _ = try await client.advanceAwardCycle(.init(cycleId: cycle.cycleId, toState: .published), options: options)
    return [
      "2009 Excellence Award cycle \(cycle.cycleId): \(entries.count) entries, "
        + "\(shortlisted.values.map(\.count).reduce(0, +)) shortlisted, \(prizes) prizes; published"
    ]
  }

  private func readSchools() throws -> [School] {
    let bytes: FileBytes
    do { bytes = try FileBytes(path: file) } catch { throw CommandFailure("cannot open \(error)") }
    var reader = CSVReader(bytes: bytes)
    do {
      guard let header = try reader.nextRecord()?.map({ $0.trimmingSpaces.lowercased() }) else {
        throw CommandFailure("\(file) is empty")
      }
      let wanted = ["urn", "phase", "la_code", "review_profile"]
      let indices = wanted.map { header.firstIndex(of: $0) }
      guard !indices.contains(nil) else {
        throw CommandFailure("\(file) lacks a column of \(wanted.joined(separator: ", "))")
      }
      let committedIndex = header.firstIndex(of: "committed")
      var schools: [School] = []
      while let record = try reader.nextRecord() {
        func value(_ index: Int?) -> String {
          guard let index, index < record.count else { return "" }
          return record[index].trimmingSpaces.lowercased()
        }
        if committedIndex != nil, !["true", "yes", "1", "y"].contains(value(committedIndex)) { continue }
        guard SchoolURN(value(indices[0])) != nil else { continue }
        schools.append(
          School(
            urn: value(indices[0]), phase: value(indices[1]), authority: value(indices[2]), profile: value(indices[3])))
      }
      if let failure = bytes.failure { throw CommandFailure("cannot read \(failure)") }
      return schools
    } catch let error as CSVError {
      throw CommandFailure("\(file): \(error)")
    }
  }
}

extension EnglishRegion {
  /// The region as a sub-category id: `yorkshire-and-the-humber`.
  var slug: String { name.lowercased().replacing(" ", with: "-") }
}
