internal import ArgumentParser
internal import Contracts

/// `charter accreditation …`: one subcommand per Accreditation RPC, so schools, referees,
/// advisers and the programme office can work Charter levels, recognition, Excellence Awards
/// and certificates from a terminal.
struct AccreditationCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "accreditation",
    abstract: "Charter levels, Recognised for ICT, Excellence Awards and certificates (charter.accreditation.v1).",
    discussion: """
      Every subcommand takes --address (default $ACCREDITATION_SERVICE_ADDR, else \
      127.0.0.1:7104), --token/--token-file (default $CHARTER_TOKEN, else the token saved by \
      `charter registry sign-in`), --timeout and --json. verify and signing-keys need no token.
      """,
    groupedSubcommands: [
      CommandGroup(name: "Standing", subcommands: [StandingCommand.self]),
      CommandGroup(
        name: "Recognised for ICT (level 2)",
        subcommands: [
          RequestRecognitionCommand.self, InviteRefereeCommand.self, AnswerInvitationCommand.self,
          RefereeResponseCommand.self, DecideRecognitionCommand.self, SpotCheckCommand.self,
          RecognitionsCommand.self,
        ]),
      CommandGroup(
        name: "Commitments, authorities and the programme",
        subcommands: [
          OverdueCommand.self, AuthorityViewCommand.self, ProgrammeCommand.self, SetProgrammeCommand.self,
        ]),
      CommandGroup(
        name: "Excellence Awards (level 4)",
        subcommands: [
          OpenCycleCommand.self, CyclesCommand.self, EnterAwardCommand.self, EntriesCommand.self,
          AdvanceCycleCommand.self, RecordResultCommand.self,
        ]),
      CommandGroup(
        name: "Certificates",
        subcommands: [
          CertificatesCommand.self, CertificateCommand.self, VerifyCommand.self, SigningKeysCommand.self,
        ]),
      CommandGroup(name: "Events", subcommands: [AccreditationEventsCommand.self]),
      CommandGroup(name: "Demo data", subcommands: [ImportDemoAccreditationCommand.self]),
    ]
  )
}

/// The paging options of the listing commands.
struct AccreditationPaging: ParsableArguments {
  @Option(help: ArgumentHelp("At most this many per page (the service's default when absent).", valueName: "n"))
  var pageSize: Int32 = 0

  @Option(help: ArgumentHelp("The page after the one that printed this token.", valueName: "token"))
  var pageToken: String = ""

  func validate() throws {
    guard pageSize >= 0 else { throw ValidationError("--page-size must not be negative") }
  }

  /// Says on standard error how to get the next page, if there is one.
  static func footer(_ next: String, json: Bool) {
    if !json, !next.isEmpty { Console.error("more: --page-token \(next)") }
  }
}

extension AccreditationConnectionOptions {
  /// Calls `body` and prints the recognition it returns.
  func recognition(_ body: (AccreditationConnection) async throws -> Accreditation.Recognition) async throws {
    let recognition = try await withAccreditation(body)
    ResultPrinter.print(json: json, recognition) { AccreditationText.recognition(recognition) }
  }

  /// Calls `body` and prints the award cycle it returns.
  func cycle(_ body: (AccreditationConnection) async throws -> Accreditation.AwardCycle) async throws {
    let cycle = try await withAccreditation(body)
    ResultPrinter.print(json: json, cycle) { AccreditationText.cycle(cycle) }
  }

  /// Calls `body` and prints the award entry it returns.
  func entry(_ body: (AccreditationConnection) async throws -> Accreditation.AwardEntry) async throws {
    let entry = try await withAccreditation(body)
    ResultPrinter.print(json: json, entry) { [AccreditationText.entryLine(entry)] }
  }
}
