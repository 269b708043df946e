internal import ArgumentParser
internal import Contracts

/// `charter self-review rate URN ASPECT LEVEL`: rates one aspect.
struct RateCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rate",
    abstract: "Rate one aspect of a school's review.",
    discussion: """
      The level, commentary and evidence replace the aspect's previous rating, which goes to \
      the history. Give each piece of evidence as --evidence "title|location|note" (only the \
      title is required), repeated for several.
      """
  )

  @Argument(help: "The school's URN.", transform: ArgumentParsing.urn)
  var urn: String

  @Argument(
    help: ArgumentHelp("The aspect, e.g. 1a1.", valueName: "aspect"),
    transform: SelfReviewArgumentParsing.identifier
  )
  var aspect: String

  @Argument(
    help: ArgumentHelp("The level on the framework's scale.", valueName: "level"),
    transform: SelfReviewArgumentParsing.level
  )
  var level: Int32

  @Option(help: ArgumentHelp("How the school meets the level.", valueName: "text"))
  var commentary: String?

  @Option(
    name: .customLong("evidence"),
    help: ArgumentHelp(
      "Evidence as title|location|note; repeat for several.",
      valueName: "evidence"
    ),
    transform: SelfReviewArgumentParsing.evidence
  )
  var evidence: [SelfReview.EvidenceReference] = []

  @OptionGroup(title: "Connection options") var connection: SelfReviewConnectionOptions

  func validate() throws {
    if let commentary, commentary.unicodeScalars.count > RatingsFile.maximumCommentaryLength {
      throw ValidationError(
        "--commentary has \(commentary.unicodeScalars.count) characters; at most "
          + "\(RatingsFile.maximumCommentaryLength) are allowed"
      )
    }
  }

  func run() async throws {
    let request = SelfReview.RateAspectRequest(
      schoolUrn: urn,
      aspectId: aspect,
      level: level,
      commentary: commentary ?? "",
      evidence: evidence
    )
    let rating = try await connection.withSelfReview { selfReview in
      try await selfReview.client.rateAspect(request, options: selfReview.callOptions)
    }
    ResultPrinter.print(json: connection.json, rating) { ReviewText.rating(rating) }
  }
}
