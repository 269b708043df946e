internal import ArgumentParser
internal import Contracts

/// `charter registry list-schools`: a page of schools as a table, or every page with `--all`.
struct ListSchoolsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list-schools",
    abstract: "List schools matching all the filters given, ordered by URN."
  )

  @Option(
    help: ArgumentHelp("Words that must all occur in the name (any case).", valueName: "words")
  )
  var name: String?

  @Option(help: "Exact URN.")
  var urn: String?

  @Option(
    help: ArgumentHelp("Postcode prefix, e.g. LS18 (spaces and case ignored).", valueName: "prefix")
  )
  var postcodePrefix: String?

  @Option(help: ArgumentHelp("DfE local-authority code.", valueName: "code"))
  var laCode: String?

  @Option(
    help: ArgumentHelp("Only this phase: \(SchoolPhaseSyntax.allNames).", valueName: "phase"),
    transform: ArgumentParsing.phase
  )
  var phase: Common.SchoolPhase?

  @Flag(help: "Include withdrawn schools.")
  var includeWithdrawn = false

  @OptionGroup var paging: PagingOptions

  @OptionGroup(title: "Connection options") var connection: ConnectionOptions

  func run() async throws {
    var request = Registry.ListSchoolsRequest()
    request.pageSize = paging.effectivePageSize
    request.pageToken = paging.pageToken ?? ""
    request.nameQuery = name ?? ""
    request.urn = urn ?? ""
    request.postcodePrefix = postcodePrefix ?? ""
    request.localAuthorityCode = laCode ?? ""
    request.phase = phase ?? .unspecified
    request.includeWithdrawn = includeWithdrawn
    let all = paging.all
    let response = try await connection.withRegistry { registry in
      var page = try await registry.client.listSchools(request, options: registry.callOptions)
      guard all else { return page }
      var combined = page
      while !page.nextPageToken.isEmpty {
        let token = page.nextPageToken
        request.pageToken = token
        page = try await registry.client.listSchools(request, options: registry.callOptions)
        guard page.nextPageToken != token else {
          throw CommandFailure("the registry returned the same page token twice; stopping")
        }
        combined.schools += page.schools
        combined.totalSize = page.totalSize
      }
      combined.nextPageToken = ""
      return combined
    }
    ResultPrinter.print(json: connection.json, response) { SchoolText.page(response) }
  }
}
