internal import ArgumentParser
internal import Contracts

/// `charter registry list-people`: people with a role at a school or in a local authority.
struct ListPeopleCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list-people",
    abstract: "List people matching all the filters given, ordered by name."
  )

  @Option(
    help: ArgumentHelp("Only people with a role at this school.", valueName: "urn"),
    transform: ArgumentParsing.urn
  )
  var school: String?

  @Option(
    help: ArgumentHelp(
      "Only people with a role in this local authority or at one of its schools.",
      valueName: "code"
    )
  )
  var laCode: String?

  @Option(
    help: ArgumentHelp("Only people holding this role (e.g. school-admin).", valueName: "role"),
    transform: ArgumentParsing.role
  )
  var role: Common.Role?

  @OptionGroup var paging: PagingOptions

  @OptionGroup(title: "Connection options") var connection: ConnectionOptions

  func run() async throws {
    var request = Registry.ListPeopleRequest()
    request.pageSize = paging.effectivePageSize
    request.pageToken = paging.pageToken ?? ""
    request.schoolUrn = school ?? ""
    request.localAuthorityCode = laCode ?? ""
    request.role = role ?? .unspecified
    let all = paging.all
    let response = try await connection.withRegistry { registry in
      var page = try await registry.client.listPeople(request, options: registry.callOptions)
      guard all else { return page }
      var combined = page
      while !page.nextPageToken.isEmpty {
        let token = page.nextPageToken
        request.pageToken = token
        page = try await registry.client.listPeople(request, options: registry.callOptions)
        guard page.nextPageToken != token else {
          throw CommandFailure("the registry returned the same page token twice; stopping")
        }
        combined.people += page.people
        combined.totalSize = page.totalSize
      }
      combined.nextPageToken = ""
      return combined
    }
    ResultPrinter.print(json: connection.json, response) { PersonText.page(response) }
  }
}
