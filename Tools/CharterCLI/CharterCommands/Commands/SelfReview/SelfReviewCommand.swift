internal import ArgumentParser

/// `charter self-review …`: one subcommand per SelfReview RPC, plus loading the demo reviews.
struct SelfReviewCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "self-review",
    abstract: "Frameworks, school self-reviews, action plans and benchmarks "
      + "(charter.selfreview.v1).",
    discussion: """
      Every subcommand takes --address (default $SELF_REVIEW_SERVICE_ADDR, else \
      127.0.0.1:7102), --token/--token-file (default $CHARTER_TOKEN, else the token saved by \
      `charter registry sign-in`), --timeout (seconds per call, default 10) and --json. \
      Levels are on the framework's own scale; `framework` says which end is the most \
      developed (1 in the ICT self-review frameworks).
      """,
    groupedSubcommands: [
      CommandGroup(
        name: "Frameworks",
        subcommands: [
          ListFrameworksCommand.self, FrameworkCommand.self, FrameworkMappingCommand.self,
        ]
      ),
      CommandGroup(
        name: "Reviews and ratings",
        subcommands: [
          StartReviewCommand.self, ReviewCommand.self, RateCommand.self, RateManyCommand.self,
          RatingHistoryCommand.self,
        ]
      ),
      CommandGroup(
        name: "Standing",
        subcommands: [
          ReviewStatusCommand.self, NextStepsCommand.self, BenchmarksCommand.self,
        ]
      ),
      CommandGroup(name: "Action plan", subcommands: [ActionPlanCommand.self]),
      CommandGroup(
        name: "Events and demo data",
        subcommands: [ReviewEventsCommand.self, ImportDemoReviewsCommand.self]
      ),
    ]
  )
}
