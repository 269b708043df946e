internal import ArgumentParser
internal import Contracts

/// `charter accreditation overdue [--authority CODE]`.
struct OverdueCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "overdue",
    abstract: "List committed schools past their three-year deadline without the Mark (office; advisers: theirs).")

  @Option(help: ArgumentHelp("One authority's.", valueName: "code"), transform: AccreditationArgumentParsing.authority)
  var authority: String?
  @OptionGroup var paging: AccreditationPaging
  @OptionGroup(title: "Connection options") var connection: AccreditationConnectionOptions

  func run() async throws {
    let request = Accreditation.ListOverdueCommitmentsRequest(
      localAuthorityCode: authority ?? "", pageSize: paging.pageSize, pageToken: paging.pageToken)
    let page = try await connection.withAccreditation { accreditation in
      try await accreditation.client.listOverdueCommitments(request, options: accreditation.callOptions)
    }
    ResultPrinter.print(json: connection.json, page) { page.commitments.map(AccreditationText.overdueLine) }
    AccreditationPaging.footer(page.nextPageToken, json: connection.json)
  }
}

/// `charter accreditation authority [CODE]`: an LA adviser's view.
struct AuthorityViewCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "authority",
    abstract: "An authority's schools by level, recognitions pending, commitments overdue, Marks due for renewal.")

  @Argument(
    help: "The authority's code (an adviser's own by default).", transform: AccreditationArgumentParsing.authority)
  var code: String?
  @OptionGroup(title: "Connection options") var connection: AccreditationConnectionOptions

  func run() async throws {
    let view = try await connection.withAccreditation { accreditation in
      try await accreditation.client.getLocalAuthorityView(
        .init(localAuthorityCode: code ?? ""), options: accreditation.callOptions)
    }
    ResultPrinter.print(json: connection.json, view) { AccreditationText.localAuthority(view) }
  }
}

/// `charter accreditation programme`.
struct ProgrammeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "programme", abstract: "Say whether the programme is open to new level 1 and 2 transitions.")

  @OptionGroup(title: "Connection options") var connection: AccreditationConnectionOptions

  func run() async throws {
    let status = try await connection.withAccreditation { accreditation in
      try await accreditation.client.getProgrammeStatus(.init(), options: accreditation.callOptions)
    }
    ResultPrinter.print(json: connection.json, status) { AccreditationText.programme(status) }
  }
}

/// `charter accreditation set-programme --open|--close`: the programme switch.
struct SetProgrammeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "set-programme",
    abstract: "Open or close the programme to new level 1 and 2 transitions; earned levels stay (admin).")

  @Flag(help: "Open it.") var open = false
  @Flag(help: "Close it.") var close = false
  @Option(help: "Why.") var reason: String = ""
  @OptionGroup(title: "Connection options") var connection: AccreditationConnectionOptions

  func validate() throws {
    guard open != close else { throw ValidationError("pass exactly one of --open or --close") }
  }

  func run() async throws {
    let status = try await connection.withAccreditation { accreditation in
      try await accreditation.client.setProgrammeStatus(
        .init(open: open, reason: reason), options: accreditation.callOptions)
    }
    ResultPrinter.print(json: connection.json, status) { AccreditationText.programme(status) }
  }
}

/// `charter accreditation open-cycle YEAR --deadline DATE --category id=Title[:sub=Title;…] …`.
struct OpenCycleCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "open-cycle", abstract: "Open a year's Excellence Award cycle with its categories (programme admin).")

  @Argument(help: "The award year.") var year: Int32
  @Option(help: ArgumentHelp("The last day for entries.", valueName: "date"), transform: EvaluationArgumentParsing.day)
  var deadline: Common.Date
  @Option(
    help: ArgumentHelp(
      "A category, id=Title, sub-categories after ':' as id=Title separated by ';' (repeat).", valueName: "category"),
    transform: AccreditationArgumentParsing.category)
  var category: [Accreditation.AwardCategory] = []
  @Flag(help: "Entrants need not hold a current ICT Mark.") var noIctMarkRequired = false
  @Option(
    help: ArgumentHelp("The least result that brings level 4 (default shortlisted).", valueName: "result"),
    transform: AccreditationArgumentParsing.result)
  var level4Minimum: Accreditation.AwardResult?
  @OptionGroup(title: "Connection options") var connection: AccreditationConnectionOptions

  func validate() throws {
    guard !category.isEmpty else { throw ValidationError("give at least one --category") }
  }

  func run() async throws {
    let request = Accreditation.OpenAwardCycleRequest(
      year: year, entryDeadline: deadline, categories: category, requiresIctMark: !noIctMarkRequired,
      level4MinimumResult: level4Minimum ?? .unspecified)
    try await connection.cycle { accreditation in
      try await accreditation.client.openAwardCycle(request, options: accreditation.callOptions)
    }
  }
}

/// `charter accreditation cycles [--state STATE]`.
struct CyclesCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cycles", abstract: "List Excellence Award cycles, newest first.")

  @Option(
    help: ArgumentHelp("Only cycles in this state.", valueName: "state"),
    transform: AccreditationArgumentParsing.cycleState)
  var state: Accreditation.AwardCycleState?
  @OptionGroup var paging: AccreditationPaging
  @OptionGroup(title: "Connection options") var connection: AccreditationConnectionOptions

  func run() async throws {
    let request = Accreditation.ListAwardCyclesRequest(
      pageSize: paging.pageSize, pageToken: paging.pageToken, state: state ?? .unspecified)
    let page = try await connection.withAccreditation { accreditation in
      try await accreditation.client.listAwardCycles(request, options: accreditation.callOptions)
    }
    ResultPrinter.print(json: connection.json, page) { page.cycles.map(AccreditationText.cycleLine) }
    AccreditationPaging.footer(page.nextPageToken, json: connection.json)
  }
}

/// `charter accreditation enter CYCLE URN --category ID [--sub-category ID]`.
struct EnterAwardCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "enter", abstract: "Enter a school for one category of an open cycle (school admin).")

  @Argument(help: "The cycle.") var cycle: String
  @Argument(help: "The school's URN.", transform: ArgumentParsing.urn) var urn: String
  @Option(help: "The category id.") var category: String
  @Option(help: "The sub-category id, where the category has them.") var subCategory: String = ""
  @Option(help: "The school's statement.") var statement: String = ""
  @OptionGroup(title: "Connection options") var connection: AccreditationConnectionOptions

  func run() async throws {
    try await connection.entry { accreditation in
      try await accreditation.client.enterAward(
        .init(
          cycleId: cycle, schoolUrn: urn, categoryId: category, subCategoryId: subCategory, statement: statement),
        options: accreditation.callOptions)
    }
  }
}

/// `charter accreditation entries CYCLE [--school URN] [--category ID]`.
struct EntriesCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "entries", abstract: "List a cycle's entries and their results.")

  @Argument(help: "The cycle.") var cycle: String
  @Option(help: ArgumentHelp("One school's.", valueName: "urn"), transform: ArgumentParsing.urn) var school: String?
  @Option(help: "One category's.") var category: String = ""
  @OptionGroup var paging: AccreditationPaging
  @OptionGroup(title: "Connection options") var connection: AccreditationConnectionOptions

  func run() async throws {
    let request = Accreditation.ListAwardEntriesRequest(
      cycleId: cycle, schoolUrn: school ?? "", categoryId: category, pageSize: paging.pageSize,
      pageToken: paging.pageToken)
    let page = try await connection.withAccreditation { accreditation in
      try await accreditation.client.listAwardEntries(request, options: accreditation.callOptions)
    }
    ResultPrinter.print(json: connection.json, page) { page.entries.map(AccreditationText.entryLine) }
    AccreditationPaging.footer(page.nextPageToken, json: connection.json)
  }
}

/// `charter accreditation advance-cycle CYCLE STATE`.
struct AdvanceCycleCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "advance-cycle",
    abstract: "Move a cycle to its next stage: closed, shortlisting, judge-visits, results, published (admin).")

  @Argument(help: "The cycle.") var cycle: String
  @Argument(help: "The next stage.", transform: AccreditationArgumentParsing.cycleState)
  var state: Accreditation.AwardCycleState
  @OptionGroup(title: "Connection options") var connection: AccreditationConnectionOptions

  func run() async throws {
    try await connection.cycle { accreditation in
      try await accreditation.client.advanceAwardCycle(
        .init(cycleId: cycle, toState: state), options: accreditation.callOptions)
    }
  }
}

/// `charter accreditation record-result ENTRY RESULT`.
struct RecordResultCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "record-result",
    abstract: "Record an entry's result: winner, runner-up, highly-commended, shortlisted, … (admin).")

  @Argument(help: "The entry.") var entry: String
  @Argument(help: "The result.", transform: AccreditationArgumentParsing.result) var result: Accreditation.AwardResult
  @OptionGroup(title: "Connection options") var connection: AccreditationConnectionOptions

  func run() async throws {
    try await connection.entry { accreditation in
      try await accreditation.client.recordAwardResult(
        .init(entryId: entry, result: result), options: accreditation.callOptions)
    }
  }
}
