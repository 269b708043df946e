internal import ArgumentParser
internal import CharterValues
internal import Contracts

/// `charter registry register-school`: adds one school, optionally committed and listed in
/// the same call (the registry does both in one transaction).
struct RegisterSchoolCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "register-school",
    abstract: "Register a school, optionally committing it and listing it publicly.",
    discussion: """
      The school starts not committed and not listed unless --commit (and --publicly-listed) \
      are given; then it is registered and committed atomically.
      """
  )

  @Argument(help: "The school's six-digit URN.", transform: ArgumentParsing.urn)
  var urn: String

  @Option(help: "The school's name.")
  var name: String

  @Option(
    name: .customLong("street"),
    help: ArgumentHelp(
      "An address line; repeat for several, most specific first.",
      valueName: "line"
    )
  )
  var streets: [String] = []

  @Option(help: "Post town.")
  var town: String = ""

  @Option(help: "County, if the school gives one.")
  var county: String = ""

  @Option(help: "Postcode (normalised to upper case with its space).")
  var postcode: String

  @Option(
    help: ArgumentHelp("Phase: \(SchoolPhaseSyntax.allNames).", valueName: "phase"),
    transform: ArgumentParsing.phase
  )
  var phase: Common.SchoolPhase

  @Option(help: ArgumentHelp("Three-digit DfE local-authority code.", valueName: "code"))
  var laCode: String

  @Option(help: ArgumentHelp("The local authority's name.", valueName: "name"))
  var laName: String

  @Option(help: ArgumentHelp("Pupils on roll (0: not known).", valueName: "n"))
  var numberOnRoll: Int32 = 0

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("Latitude in degrees (with --longitude).", valueName: "degrees")
  )
  var latitude: Double?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("Longitude in degrees (with --latitude).", valueName: "degrees")
  )
  var longitude: Double?

  @Flag(help: "The school commits to Next Generation Learning as it registers (Charter level 1).")
  var commit = false

  @Option(
    help: ArgumentHelp(
      "When it committed (programme admins importing history; needs --commit).",
      valueName: "date"
    ),
    transform: ArgumentParsing.date
  )
  var commitDate: Protobuf.Timestamp?

  @Flag(help: "The school also commits publicly, appearing on the public map (needs --commit).")
  var publiclyListed = false

  @OptionGroup(title: "Connection options") var connection: ConnectionOptions

  func validate() throws {
    guard !name.trimmingSpaces.isEmpty else { throw ValidationError("--name must not be empty") }
    guard LocalAuthorityCode(laCode) != nil else { throw ValidationError("--la-code must be three digits") }
    try LocationArguments.validate(latitude: latitude, longitude: longitude)
    if numberOnRoll < 0 { throw ValidationError("--number-on-roll must not be negative") }
    if publiclyListed, !commit { throw ValidationError("--publicly-listed needs --commit") }
    if commitDate != nil, !commit { throw ValidationError("--commit-date needs --commit") }
  }

  func run() async throws {
    var request = Registry.RegisterSchoolRequest()
    request.urn = urn
    request.name = name.trimmingSpaces
    request.address = Common.PostalAddress(
      lines: streets.map(\.trimmingSpaces).filter { !$0.isEmpty },
      town: town,
      county: county,
      postcode: ValueSyntax.postcode(postcode)
    )
    request.phase = phase
    request.localAuthority = Common.LocalAuthority(code: laCode, name: laName)
    request.numberOnRoll = numberOnRoll
    if let latitude, let longitude {
      request.location = Common.GeoPoint(latitude: latitude, longitude: longitude)
    }
    request.commitToCharter = commit
    request.publiclyListed = publiclyListed
    request.committedAt = commitDate
    let school = try await connection.withRegistry { registry in
      try await registry.client.registerSchool(request, options: registry.callOptions)
    }
    ResultPrinter.print(json: connection.json, school) { SchoolText.details(school) }
  }
}
