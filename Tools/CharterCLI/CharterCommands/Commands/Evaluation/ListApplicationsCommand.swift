internal import ArgumentParser
internal import Contracts

/// `charter evaluation list-applications`: the applications the caller may see, newest first.
struct ListApplicationsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list-applications",
    abstract: "List the applications you may see, newest first; filters combine.",
    discussion: """
      An assessor's queue: --assessor <their id> --state assessor-allocated --state \
      pre-visit-review …; a lead assessor's moderation queue: --moderator <id> --state moderation.
      """
  )

  @Option(help: ArgumentHelp("Only this school's.", valueName: "urn"), transform: ArgumentParsing.urn)
  var school: String?

  @Option(
    name: .customLong("state"), help: ArgumentHelp("Only in this state; repeat.", valueName: "state"),
    transform: EvaluationArgumentParsing.state)
  var states: [Evaluation.ApplicationState] = []

  @Option(help: ArgumentHelp("Only those allocated to this assessor.", valueName: "assessor"))
  var assessor: String?

  @Option(help: ArgumentHelp("Only those this lead assessor moderates.", valueName: "assessor"))
  var moderator: String?

  @Option(help: ArgumentHelp("Only schools in this local authority.", valueName: "code"))
  var laCode: String?

  @OptionGroup var paging: PagingOptions

  @OptionGroup(title: "Connection options") var connection: EvaluationConnectionOptions

  func run() async throws {
    var request = Evaluation.ListApplicationsRequest(
      pageSize: paging.effectivePageSize, pageToken: paging.pageToken ?? "", schoolUrn: school ?? "", states: states,
      assessorId: assessor ?? "", moderatorAssessorId: moderator ?? "", localAuthorityCode: laCode ?? "")
    let all = paging.all
    let response = try await connection.withEvaluation { evaluation in
      var page = try await evaluation.client.listApplications(request, options: evaluation.callOptions)
      var combined = page
      while all, !page.nextPageToken.isEmpty {
        request.pageToken = page.nextPageToken
        page = try await evaluation.client.listApplications(request, options: evaluation.callOptions)
        combined.applications += page.applications
        combined.nextPageToken = page.nextPageToken
      }
      return combined
    }
    ResultPrinter.print(json: connection.json, response) { EvaluationText.page(response) }
  }
}
