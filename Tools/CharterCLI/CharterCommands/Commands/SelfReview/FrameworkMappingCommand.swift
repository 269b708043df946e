internal import ArgumentParser
internal import Contracts

/// `charter self-review framework-mapping --from A --to B`: how ratings carry over.
struct FrameworkMappingCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "framework-mapping",
    abstract: "Show how one framework's aspects and levels carry over to another."
  )

  @Option(
    help: ArgumentHelp("The older framework, e.g. srf-2008.", valueName: "id"),
    transform: SelfReviewArgumentParsing.identifier
  )
  var from: String

  @Option(
    help: ArgumentHelp("The newer framework, e.g. srf-2010.", valueName: "id"),
    transform: SelfReviewArgumentParsing.identifier
  )
  var to: String

  @OptionGroup(title: "Connection options") var connection: SelfReviewConnectionOptions

  func run() async throws {
    let mapping = try await connection.withSelfReview { selfReview in
      try await selfReview.client.getFrameworkMapping(
        SelfReview.GetFrameworkMappingRequest(fromFrameworkId: from, toFrameworkId: to),
        options: selfReview.callOptions
      )
    }
    ResultPrinter.print(json: connection.json, mapping) { FrameworkText.mapping(mapping) }
  }
}
