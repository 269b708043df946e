internal import ArgumentParser
internal import Contracts

/// `charter registry set-public-listing URN --listed|--unlisted`.
struct SetPublicListingCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "set-public-listing",
    abstract: "Put a committed school on the public map, or take it off."
  )

  enum Listing: String, EnumerableFlag {
    case listed, unlisted

    static func help(for value: Listing) -> ArgumentHelp? {
      value == .listed
        ? "Show the school on the public map." : "Take the school off the public map."
    }
  }

  @Argument(help: "The school's URN.", transform: ArgumentParsing.urn)
  var urn: String

  @Flag var listing: Listing

  @OptionGroup(title: "Connection options") var connection: ConnectionOptions

  func run() async throws {
    let school = try await connection.withRegistry { registry in
      try await registry.client.setPublicListing(
        Registry.SetPublicListingRequest(urn: urn, publiclyListed: listing == .listed),
        options: registry.callOptions
      )
    }
    ResultPrinter.print(json: connection.json, school) { SchoolText.details(school) }
  }
}
