internal import ArgumentParser

/// `charter registry …`: one subcommand per Registry RPC, plus the bulk import.
struct RegistryCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "registry",
    abstract: "Schools, people, roles and tokens in the registry (charter.registry.v1).",
    discussion: """
      Every subcommand takes --address (default $REGISTRY_SERVICE_ADDR, else 127.0.0.1:7101), \
      --token/--token-file (default $CHARTER_TOKEN, else the token saved by sign-in), \
      --timeout (seconds per call, default 10) and --json.
      """,
    groupedSubcommands: [
      CommandGroup(
        name: "Schools",
        subcommands: [
          RegisterSchoolCommand.self, GetSchoolCommand.self, ListSchoolsCommand.self,
          UpdateSchoolCommand.self, CommitSchoolCommand.self, SetPublicListingCommand.self,
          WithdrawSchoolCommand.self, ImportCommand.self,
        ]
      ),
      CommandGroup(
        name: "People and roles",
        subcommands: [
          InvitePersonCommand.self, AcceptInvitationCommand.self, GetPersonCommand.self,
          ListPeopleCommand.self, GrantRoleCommand.self, RevokeRoleCommand.self,
          RemovePersonCommand.self,
        ]
      ),
      CommandGroup(
        name: "Sign-in and tokens",
        subcommands: [
          SignInCommand.self, SignOutCommand.self, VerificationKeysCommand.self,
          IssueServiceTokenCommand.self,
        ]
      ),
      CommandGroup(name: "Events", subcommands: [EventsCommand.self]),
    ]
  )
}
