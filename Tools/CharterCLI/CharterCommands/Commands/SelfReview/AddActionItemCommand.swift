internal import ArgumentParser
internal import Contracts

/// `charter self-review plan add URN ASPECT TEXT`: adds an item to the action plan.
struct AddActionItemCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add",
    abstract: "Add an item to a school's action plan, for one aspect."
  )

  @Argument(help: "The school's URN.", transform: ArgumentParsing.urn)
  var urn: String

  @Argument(
    help: ArgumentHelp("The aspect it improves, e.g. 1a1.", valueName: "aspect"),
    transform: SelfReviewArgumentParsing.identifier
  )
  var aspect: String

  @Argument(help: ArgumentHelp("What is to be done.", valueName: "text"))
  var text: String

  @Option(help: ArgumentHelp("Who is responsible (a name).", valueName: "name"))
  var owner: String?

  @Option(
    help: ArgumentHelp("When it should be done (YYYY-MM-DD).", valueName: "date"),
    transform: SelfReviewArgumentParsing.dueDate
  )
  var due: Common.Date?

  @OptionGroup(title: "Connection options") var connection: SelfReviewConnectionOptions

  func validate() throws {
    guard !text.trimmingSpaces.isEmpty else { throw ValidationError("the text must not be empty") }
  }

  func run() async throws {
    let request = SelfReview.AddActionItemRequest(
      schoolUrn: urn,
      aspectId: aspect,
      text: text,
      owner: owner ?? "",
      dueDate: due
    )
    let item = try await connection.withSelfReview { selfReview in
      try await selfReview.client.addActionItem(request, options: selfReview.callOptions)
    }
    ResultPrinter.print(json: connection.json, item) { ActionItemText.details(item) }
  }
}
