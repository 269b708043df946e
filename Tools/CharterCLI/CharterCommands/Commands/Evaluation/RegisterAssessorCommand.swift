internal import ArgumentParser
internal import Contracts

/// `charter evaluation register-assessor`: an assessor registers their pen portrait (or a
/// programme admin registers someone's).
struct RegisterAssessorCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "register-assessor",
    abstract: "Register an assessor's pen portrait: phases and areas covered, conflicts.",
    discussion: """
      Without --person the caller registers themselves (their token must carry the assessor \
      or lead-assessor role). Areas are local authorities (--la-code) or whole regions \
      (--region "Yorkshire and the Humber"); give at least one, and at least one --phase.
      """
  )

  @Option(help: ArgumentHelp("The registry person (default: yourself).", valueName: "person-id"))
  var person: String?

  @Option(help: ArgumentHelp("Name shown to schools (default: the registry's).", valueName: "name"))
  var name: String?

  @Option(
    name: .customLong("phase"), help: ArgumentHelp("A phase assessed; repeat.", valueName: "phase"),
    transform: ArgumentParsing.phase)
  var phases: [Common.SchoolPhase] = []

  @Option(name: .customLong("la-code"), help: ArgumentHelp("A local authority covered; repeat.", valueName: "code"))
  var laCodes: [String] = []

  @Option(name: .customLong("region"), help: ArgumentHelp("A region covered; repeat.", valueName: "region"))
  var regions: [String] = []

  @Option(help: ArgumentHelp("A short biography for schools.", valueName: "text"))
  var bio: String?

  @Option(help: ArgumentHelp("Where they are based (with --longitude).", valueName: "degrees"))
  var latitude: Double?

  @Option(help: ArgumentHelp("Where they are based (with --latitude).", valueName: "degrees"))
  var longitude: Double?

  @Option(help: ArgumentHelp("The local authority they work for (a conflict).", valueName: "code"))
  var worksInLa: String?

  @Option(
    name: .customLong("supported"),
    help: ArgumentHelp("A school they supported or work for (a conflict); repeat.", valueName: "urn"),
    transform: ArgumentParsing.urn)
  var supported: [String] = []

  @OptionGroup(title: "Connection options") var connection: EvaluationConnectionOptions

  func validate() throws {
    try LocationArguments.validate(latitude: latitude, longitude: longitude)
    guard !phases.isEmpty else { throw ValidationError("give at least one --phase") }
    guard !laCodes.isEmpty || !regions.isEmpty else { throw ValidationError("give --la-code or --region") }
  }

  func run() async throws {
    var portrait = Evaluation.PenPortrait(
      localAuthorityCodes: laCodes, regions: regions, phases: phases, biography: bio ?? "")
    if let latitude, let longitude { portrait.baseLocation = Common.GeoPoint(latitude: latitude, longitude: longitude) }
    portrait.worksInLocalAuthorityCode = worksInLa ?? ""
    let request = Evaluation.RegisterAssessorRequest(
      personId: person ?? "", displayName: name ?? "", penPortrait: portrait, supportedSchoolUrns: supported)
    let assessor = try await connection.withEvaluation { evaluation in
      try await evaluation.client.registerAssessor(request, options: evaluation.callOptions)
    }
    ResultPrinter.print(json: connection.json, assessor) { AssessorText.details(assessor) }
  }
}
