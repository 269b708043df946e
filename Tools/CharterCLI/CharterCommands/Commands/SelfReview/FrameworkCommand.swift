internal import ArgumentParser
internal import Contracts

/// `charter self-review framework`: one framework as a readable outline.
struct FrameworkCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "framework",
    abstract: "Show a framework: elements, strands and aspects with their thresholds.",
    discussion: """
      Without --framework, the framework new reviews start on. --element narrows the outline \
      (and the JSON) to one element; --levels lists what each level of each aspect means, \
      the threshold marked *.
      """
  )

  @Option(
    help: ArgumentHelp("The framework's id, e.g. srf-2008.", valueName: "id"),
    transform: SelfReviewArgumentParsing.identifier
  )
  var framework: String?

  @Option(
    help: ArgumentHelp("Only this element, e.g. E1.", valueName: "id"),
    transform: SelfReviewArgumentParsing.identifier
  )
  var element: String?

  @Flag(help: "List every aspect's level descriptors.")
  var levels = false

  @OptionGroup(title: "Connection options") var connection: SelfReviewConnectionOptions

  func run() async throws {
    let requested = SelfReview.GetFrameworkRequest(frameworkId: framework ?? "")
    var framework = try await connection.withSelfReview { selfReview in
      try await selfReview.client.getFramework(
        requested,
        options: selfReview.callOptions
      )
    }
    var elements = framework.elements
    if let element {
      guard let match = framework.element(id: element) else {
        throw CommandFailure(
          "framework \(framework.frameworkId) has no element \(element)",
          hints: ["its elements: " + framework.elements.map(\.elementId).joined(separator: ", ")]
        )
      }
      elements = [match]
      if connection.json { framework.elements = elements }
    }
    ResultPrinter.print(json: connection.json, framework) {
      FrameworkText.outline(framework, elements: elements, levels: levels)
    }
  }
}
