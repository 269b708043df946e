internal import ArgumentParser
internal import Contracts

/// `charter accreditation standing URN`: a school's Charter level, what it holds and its history.
struct StandingCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "standing", abstract: "Show a school's Charter level, Mark, recognition, badges and level history.")

  @Argument(help: "The school's URN.", transform: ArgumentParsing.urn) var urn: String
  @OptionGroup(title: "Connection options") var connection: AccreditationConnectionOptions

  func run() async throws {
    let standing = try await connection.withAccreditation { accreditation in
      try await accreditation.client.getCharterStanding(.init(schoolUrn: urn), options: accreditation.callOptions)
    }
    ResultPrinter.print(json: connection.json, standing) { AccreditationText.standing(standing) }
  }
}

/// `charter accreditation request-recognition URN --referee-name … --referee-email …`.
struct RequestRecognitionCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "request-recognition",
    abstract: "Ask for Recognised for ICT (level 2), naming a referee who is not one of the school's people.")

  @Argument(help: "The school's URN.", transform: ArgumentParsing.urn) var urn: String
  @Option(help: "The referee's name.") var refereeName: String
  @Option(help: "The referee's email address.") var refereeEmail: String
  @Option(help: "The referee's organisation.") var refereeOrganisation: String = ""
  @Option(
    help: ArgumentHelp(
      "local-authority-adviser, consultant or partner.", valueName: "kind"),
    transform: AccreditationArgumentParsing.refereeKind)
  var refereeKind: Accreditation.RefereeKind
  @Option(help: ArgumentHelp("The referee's person id, if they have an account.", valueName: "id"))
  var refereePerson: String = ""
  @Option(help: "A note for the referee and the programme office.") var note: String = ""
  @OptionGroup(title: "Connection options") var connection: AccreditationConnectionOptions

  func run() async throws {
    let referee = Accreditation.Referee(
      name: refereeName, email: refereeEmail, organisation: refereeOrganisation, kind: refereeKind,
      personId: refereePerson)
    try await connection.recognition { accreditation in
      try await accreditation.client.requestRecognition(
        .init(schoolUrn: urn, referee: referee, note: note), options: accreditation.callOptions)
    }
  }
}

/// `charter accreditation invite-referee RECOGNITION`: the office's invitation code for a
/// referee without an account.
struct InviteRefereeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "invite-referee",
    abstract: "Issue the one-time code a referee without an account answers with (programme office).")

  @Argument(help: "The recognition request.") var recognition: String
  @OptionGroup(title: "Connection options") var connection: AccreditationConnectionOptions

  func run() async throws {
    let invitation = try await connection.withAccreditation { accreditation in
      try await accreditation.client.issueRefereeInvitation(
        .init(recognitionId: recognition), options: accreditation.callOptions)
    }
    ResultPrinter.print(json: connection.json, invitation) {
      var lines = LabelledLines()
      lines.add("Invitation code", invitation.invitationCode)
      lines.add("For", "\(invitation.referee?.name ?? "-") <\(invitation.referee?.email ?? "-")>")
      lines.add("School", "\(invitation.schoolName) (\(invitation.schoolUrn))")
      lines.add("Expires", TimestampText.date(invitation.expiresAt))
      return lines.render()
    }
  }
}

/// Confirms or declines, for the referee commands.
struct RefereeAnswer: ParsableArguments {
  @Flag(help: "Confirm the school's self-review.") var confirm = false
  @Flag(help: "Decline to confirm it.") var decline = false
  @Option(help: "What the referee says.") var comment: String = ""

  func validate() throws {
    guard confirm != decline else { throw ValidationError("pass exactly one of --confirm or --decline") }
  }
}

/// `charter accreditation answer-invitation CODE --confirm|--decline`: no token needed.
struct AnswerInvitationCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "answer-invitation", abstract: "Answer as a referee with an invitation code (no account needed).")

  @Argument(help: "The invitation code.") var code: String
  @OptionGroup var answer: RefereeAnswer
  @OptionGroup(title: "Connection options") var connection: AccreditationConnectionOptions

  func run() async throws {
    try await connection.recognition { accreditation in
      try await accreditation.client.answerRefereeInvitation(
        .init(invitationCode: code, confirmed: answer.confirm, comment: answer.comment),
        options: accreditation.callOptions)
    }
  }
}

/// `charter accreditation referee-response RECOGNITION --confirm|--decline`: the named
/// referee, signed in.
struct RefereeResponseCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "referee-response", abstract: "Answer as the referee a request names, signed in.")

  @Argument(help: "The recognition request.") var recognition: String
  @OptionGroup var answer: RefereeAnswer
  @OptionGroup(title: "Connection options") var connection: AccreditationConnectionOptions

  func run() async throws {
    try await connection.recognition { accreditation in
      try await accreditation.client.recordRefereeResponse(
        .init(recognitionId: recognition, confirmed: answer.confirm, comment: answer.comment),
        options: accreditation.callOptions)
    }
  }
}

/// `charter accreditation decide RECOGNITION --approve|--reject`.
struct DecideRecognitionCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "decide", abstract: "Approve or reject a confirmed recognition request (programme admin).")

  @Argument(help: "The recognition request.") var recognition: String
  @Flag(help: "Approve: Recognised for ICT for three years.") var approve = false
  @Flag(help: "Reject, with --reason.") var reject = false
  @Option(help: "Why (required to reject).") var reason: String = ""
  @OptionGroup(title: "Connection options") var connection: AccreditationConnectionOptions

  func validate() throws {
    guard approve != reject else { throw ValidationError("pass exactly one of --approve or --reject") }
  }

  func run() async throws {
    try await connection.recognition { accreditation in
      try await accreditation.client.decideRecognition(
        .init(recognitionId: recognition, approve: approve, reason: reason), options: accreditation.callOptions)
    }
  }
}

/// `charter accreditation spot-check RECOGNITION --upheld|--not-upheld`.
struct SpotCheckCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "spot-check",
    abstract: "Record the audit of a recognition selected for a spot check (programme admin).")

  @Argument(help: "The recognition.") var recognition: String
  @Flag(help: "The audit upholds the recognition.") var upheld = false
  @Flag(help: "It does not: the recognition and its certificate are revoked.") var notUpheld = false
  @Option(help: "What the audit found.") var note: String = ""
  @OptionGroup(title: "Connection options") var connection: AccreditationConnectionOptions

  func validate() throws {
    guard upheld != notUpheld else { throw ValidationError("pass exactly one of --upheld or --not-upheld") }
  }

  func run() async throws {
    try await connection.recognition { accreditation in
      try await accreditation.client.recordSpotCheck(
        .init(recognitionId: recognition, upheld: upheld, note: note), options: accreditation.callOptions)
    }
  }
}

/// `charter accreditation recognitions [--school URN | --authority CODE | --naming-me]`.
struct RecognitionsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "recognitions", abstract: "List recognition requests: a school's, an authority's, or naming me.")

  @Option(help: ArgumentHelp("One school's.", valueName: "urn"), transform: ArgumentParsing.urn) var school: String?
  @Option(help: ArgumentHelp("One authority's.", valueName: "code"), transform: AccreditationArgumentParsing.authority)
  var authority: String?
  @Flag(help: "Those naming me as referee.") var namingMe = false
  @OptionGroup var paging: AccreditationPaging
  @OptionGroup(title: "Connection options") var connection: AccreditationConnectionOptions

  func run() async throws {
    var request = Accreditation.ListRecognitionsRequest()
    request.schoolUrn = school ?? ""
    request.localAuthorityCode = authority ?? ""
    request.namingMe = namingMe
    request.pageSize = paging.pageSize
    request.pageToken = paging.pageToken
    let page = try await connection.withAccreditation { accreditation in
      try await accreditation.client.listRecognitions(request, options: accreditation.callOptions)
    }
    ResultPrinter.print(json: connection.json, page) { page.recognitions.map(AccreditationText.recognitionLine) }
    AccreditationPaging.footer(page.nextPageToken, json: connection.json)
  }
}
