internal import ArgumentParser
internal import CharterValues
internal import Contracts

/// `charter registry update-school URN`: changes only the details given.
struct UpdateSchoolCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "update-school",
    abstract: "Change a school's details; only the fields given change.",
    discussion: """
      Giving part of the address (say only --postcode) or of the local authority keeps the \
      other parts as they are. --street '' clears the address lines.
      """
  )

  @Argument(help: "The school's URN.", transform: ArgumentParsing.urn)
  var urn: String

  @Option(help: "New name.")
  var name: String?

  @Option(
    name: .customLong("street"),
    help: ArgumentHelp(
      "New address line; repeat for several (replaces all lines).",
      valueName: "line"
    )
  )
  var streets: [String] = []

  @Option(help: "New post town.")
  var town: String?

  @Option(help: "New county.")
  var county: String?

  @Option(help: "New postcode.")
  var postcode: String?

  @Option(
    help: ArgumentHelp("New phase: \(SchoolPhaseSyntax.allNames).", valueName: "phase"),
    transform: ArgumentParsing.phase
  )
  var phase: Common.SchoolPhase?

  @Option(help: ArgumentHelp("New local-authority code.", valueName: "code"))
  var laCode: String?

  @Option(help: ArgumentHelp("New local-authority name.", valueName: "name"))
  var laName: String?

  @Option(help: ArgumentHelp("New number on roll.", valueName: "n"))
  var numberOnRoll: Int32?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("New latitude (with --longitude).", valueName: "degrees")
  )
  var latitude: Double?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("New longitude (with --latitude).", valueName: "degrees")
  )
  var longitude: Double?

  @Flag(help: "Remove the school's map position.")
  var clearLocation = false

  @OptionGroup(title: "Connection options") var connection: ConnectionOptions

  var update: SchoolUpdate {
    var update = SchoolUpdate()
    update.name = name
    update.streets = streets.isEmpty ? nil : streets
    update.town = town
    update.county = county
    update.postcode = postcode
    update.phase = phase
    update.localAuthorityCode = laCode
    update.localAuthorityName = laName
    update.numberOnRoll = numberOnRoll
    if let latitude, let longitude {
      update.location = Common.GeoPoint(latitude: latitude, longitude: longitude)
    }
    update.clearLocation = clearLocation
    return update
  }

  func validate() throws {
    try LocationArguments.validate(latitude: latitude, longitude: longitude)
    if clearLocation, latitude != nil {
      throw ValidationError("--clear-location cannot go with --latitude/--longitude")
    }
    if let numberOnRoll, numberOnRoll < 0 {
      throw ValidationError("--number-on-roll must not be negative")
    }
    if let laCode, LocalAuthorityCode(laCode) == nil {
      throw ValidationError("--la-code must be three digits")
    }
    if update.isEmpty {
      throw ValidationError("nothing to change: give at least one field to update")
    }
  }

  func run() async throws {
    let update = self.update
    let school = try await connection.withRegistry { registry in
      var current: Registry.School?
      if update.needsCurrentSchool {
        current = try await registry.client.getSchool(
          Registry.GetSchoolRequest(urn: urn),
          options: registry.callOptions
        )
      }
      return try await registry.client.updateSchoolDetails(
        update.request(urn: urn, current: current),
        options: registry.callOptions
      )
    }
    ResultPrinter.print(json: connection.json, school) { SchoolText.details(school) }
  }
}
