internal import ArgumentParser
internal import Contracts

/// `charter self-review plan update ID`: changes only the fields given.
struct UpdateActionItemCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "update",
    abstract: "Change an action item; only the fields given change.",
    discussion: "--owner '' clears the owner; --due none makes the item open-ended."
  )

  @Argument(
    help: ArgumentHelp("The item's id (from `plan list`).", valueName: "id"),
    transform: SelfReviewArgumentParsing.identifier
  )
  var id: String

  @Option(help: ArgumentHelp("New text.", valueName: "text"))
  var text: String?

  @Option(help: ArgumentHelp("New owner.", valueName: "name"))
  var owner: String?

  @Option(
    help: ArgumentHelp("New due date (YYYY-MM-DD), or none.", valueName: "date"),
    transform: SelfReviewArgumentParsing.dueDateChange
  )
  var due: ActionItemUpdate.DueDateChange?

  @Option(
    help: ArgumentHelp("New state: \(ActionItemStateSyntax.allNames).", valueName: "state"),
    transform: SelfReviewArgumentParsing.state
  )
  var state: SelfReview.ActionItemState?

  @Option(
    help: ArgumentHelp("The aspect it now improves.", valueName: "aspect"),
    transform: SelfReviewArgumentParsing.identifier
  )
  var aspect: String?

  @OptionGroup(title: "Connection options") var connection: SelfReviewConnectionOptions

  var update: ActionItemUpdate {
    ActionItemUpdate(text: text, owner: owner, dueDate: due, state: state, aspectId: aspect)
  }

  func validate() throws {
    if let text, text.trimmingSpaces.isEmpty {
      throw ValidationError("--text must not be empty")
    }
    if update.isEmpty {
      throw ValidationError("nothing to change: give at least one field to update")
    }
  }

  func run() async throws {
    let request = update.request(actionItemId: id)
    let item = try await connection.withSelfReview { selfReview in
      try await selfReview.client.updateActionItem(request, options: selfReview.callOptions)
    }
    ResultPrinter.print(json: connection.json, item) { ActionItemText.details(item) }
  }
}
