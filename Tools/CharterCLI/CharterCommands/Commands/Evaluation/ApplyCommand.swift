internal import ArgumentParser
internal import Contracts

/// `charter evaluation apply URN --route R`: a school applies for the ICT Mark.
struct ApplyCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "apply",
    abstract: "Apply for the ICT Mark for a school; prints the application with its fee.",
    discussion: """
      The school must have every aspect at its threshold with commentary (see `eligibility`). \
      Routes: \(EvaluationSyntax.names(EvaluationSyntax.routes)); streamlined needs \
      --recommender and --recommender-kind unless renewing, renewals name --previous-award. \
      Without --assessor the programme office allocates one.
      """
  )

  @Argument(help: "The school's URN.", transform: ArgumentParsing.urn)
  var urn: String

  @Option(
    help: ArgumentHelp("How the school is assessed.", valueName: "route"), transform: EvaluationArgumentParsing.route)
  var route: Evaluation.ApplicationRoute

  @Option(
    help: ArgumentHelp("The size band (default: from the registry's phase and roll).", valueName: "band"),
    transform: EvaluationArgumentParsing.band)
  var sizeBand: Evaluation.SizeBand?

  @Option(help: ArgumentHelp("The assessor the school chose.", valueName: "assessor"))
  var assessor: String?

  @Option(help: ArgumentHelp("Who recommends the school (streamlined).", valueName: "name"))
  var recommender: String?

  @Option(
    help: ArgumentHelp(EvaluationSyntax.names(EvaluationSyntax.recommenderKinds), valueName: "kind"),
    transform: EvaluationArgumentParsing.recommenderKind)
  var recommenderKind: Evaluation.RecommenderKind?

  @Option(help: ArgumentHelp("The award being renewed.", valueName: "award"))
  var previousAward: String?

  @OptionGroup(title: "Connection options") var connection: EvaluationConnectionOptions

  func run() async throws {
    var request = Evaluation.SubmitApplicationRequest(
      schoolUrn: urn, route: route, sizeBand: sizeBand ?? .unspecified, recommender: recommender ?? "",
      previousAwardId: previousAward ?? "", recommenderKind: recommenderKind ?? .unspecified)
    request.assessorPreference = assessor.map { .preferredAssessorId($0) } ?? .allocateForMe(true)
    try await connection.change { evaluation in
      try await evaluation.client.submitApplication(request, options: evaluation.callOptions)
    }
  }
}
