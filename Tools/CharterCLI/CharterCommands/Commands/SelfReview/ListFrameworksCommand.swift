internal import ArgumentParser
internal import Contracts

/// `charter self-review frameworks`: the framework versions, newest first.
struct ListFrameworksCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "frameworks",
    abstract: "List the self-review framework versions, newest first."
  )

  @Flag(help: "Include drafts (programme admins only).")
  var includeDrafts = false

  @OptionGroup(title: "Connection options") var connection: SelfReviewConnectionOptions

  func run() async throws {
    let response = try await connection.withSelfReview { selfReview in
      try await selfReview.client.listFrameworks(
        SelfReview.ListFrameworksRequest(includeDrafts: includeDrafts),
        options: selfReview.callOptions
      )
    }
    ResultPrinter.print(json: connection.json, response) { FrameworkText.table(response) }
  }
}
