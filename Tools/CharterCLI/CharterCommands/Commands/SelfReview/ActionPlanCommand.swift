internal import ArgumentParser

/// `charter self-review plan …`: a school's action plan, the steps it agrees to take.
struct ActionPlanCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan",
    abstract: "Add, change and list the items of a school's action plan.",
    subcommands: [
      AddActionItemCommand.self, UpdateActionItemCommand.self, ListActionItemsCommand.self,
    ]
  )
}
