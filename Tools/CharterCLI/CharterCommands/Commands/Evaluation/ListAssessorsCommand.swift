internal import ArgumentParser
internal import Contracts

/// `charter evaluation list-assessors`: the published assessors, by name.
struct ListAssessorsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list-assessors", abstract: "List assessors by name, optionally by area, phase or conflicts.")

  @Option(help: ArgumentHelp("Only those covering this local authority (or its region).", valueName: "code"))
  var laCode: String?

  @Option(help: ArgumentHelp("Only those assessing this phase.", valueName: "phase"), transform: ArgumentParsing.phase)
  var phase: Common.SchoolPhase?

  @Flag(help: "Only lead assessors.")
  var leadOnly = false

  @Option(
    help: ArgumentHelp("Only those free of conflicts with this school.", valueName: "urn"),
    transform: ArgumentParsing.urn)
  var eligibleFor: String?

  @OptionGroup var paging: PagingOptions

  @OptionGroup(title: "Connection options") var connection: EvaluationConnectionOptions

  func run() async throws {
    var request = Evaluation.ListAssessorsRequest(
      pageSize: paging.effectivePageSize, pageToken: paging.pageToken ?? "", localAuthorityCode: laCode ?? "",
      phase: phase ?? .unspecified, leadOnly: leadOnly, eligibleForSchoolUrn: eligibleFor ?? "")
    let all = paging.all
    let response = try await connection.withEvaluation { evaluation in
      var page = try await evaluation.client.listAssessors(request, options: evaluation.callOptions)
      var combined = page
      while all, !page.nextPageToken.isEmpty {
        request.pageToken = page.nextPageToken
        page = try await evaluation.client.listAssessors(request, options: evaluation.callOptions)
        combined.assessors += page.assessors
        combined.nextPageToken = page.nextPageToken
      }
      return combined
    }
    ResultPrinter.print(json: connection.json, response) { AssessorText.page(response) }
  }
}
