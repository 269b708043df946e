internal import ArgumentParser

/// `charter evaluation …`: one subcommand per Evaluation RPC and the timeline, so the office,
/// schools and assessors can work the ICT Mark from a terminal.
struct EvaluationCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evaluation",
    abstract: "ICT Mark assessors and applications, from application to award (charter.evaluation.v1).",
    discussion: """
      Every subcommand takes --address (default $EVALUATION_SERVICE_ADDR, else \
      127.0.0.1:7103), --token/--token-file (default $CHARTER_TOKEN, else the token saved by \
      `charter registry sign-in`), --timeout and --json.
      """,
    groupedSubcommands: [
      CommandGroup(
        name: "Assessors",
        subcommands: [
          RegisterAssessorCommand.self, SignCodeOfPracticeCommand.self, RecordConferenceCommand.self,
          ListAssessorsCommand.self, AssessorCommand.self, SuggestAssessorsCommand.self,
        ]),
      CommandGroup(
        name: "Applications",
        subcommands: [
          EligibilityCommand.self, ApplyCommand.self, ApplicationCommand.self, TimelineCommand.self,
          ListApplicationsCommand.self, WithdrawCommand.self,
        ]),
      CommandGroup(
        name: "Programme office",
        subcommands: [
          RecordPaymentCommand.self, EvidenceCheckCommand.self, AllocateCommand.self, ApproveAwardCommand.self,
        ]),
      CommandGroup(
        name: "The school",
        subcommands: [ResubmitCommand.self, ResolveConcernCommand.self, OfferDatesCommand.self]),
      CommandGroup(
        name: "Assessment",
        subcommands: [
          AcceptAllocationCommand.self, RequestDocumentsCommand.self, RaiseConcernCommand.self,
          ScheduleVisitCommand.self, RecordOutcomeCommand.self, ReferralFollowUpCommand.self, ModerateCommand.self,
        ]),
      CommandGroup(name: "Events and demo data", subcommands: [EvaluationEventsCommand.self, ImportDemoCommand.self]),
    ]
  )
}
