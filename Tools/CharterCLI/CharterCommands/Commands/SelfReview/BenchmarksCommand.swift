internal import ArgumentParser
internal import Contracts

/// `charter self-review benchmarks URN`: the school's levels against other schools'.
struct BenchmarksCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "benchmarks",
    abstract: "Compare a school's levels with national, local-authority and similar schools.",
    discussion: """
      Per element, the school's average level against each group's average, with the number \
      of schools in brackets. Similar schools are those of the same phase. Averages over \
      fewer than five schools are hidden (—), so no school can be identified. --json prints \
      the service's answer alone.
      """
  )

  @Argument(help: "The school's URN.", transform: ArgumentParsing.urn)
  var urn: String

  @Flag(help: "Add the comparison for every aspect.")
  var aspects = false

  @OptionGroup(title: "Connection options") var connection: SelfReviewConnectionOptions

  func run() async throws {
    let json = connection.json
    let (benchmarks, framework) = try await connection.withSelfReview { selfReview in
      let benchmarks = try await selfReview.client.getBenchmarks(
        SelfReview.GetBenchmarksRequest(schoolUrn: urn),
        options: selfReview.callOptions
      )
      // The framework gives the titles and the scale's direction (not needed for JSON).
      let framework =
        json
        ? nil
        : try await selfReview.client.getFramework(
          SelfReview.GetFrameworkRequest(frameworkId: benchmarks.frameworkId),
          options: selfReview.callOptions
        )
      return (benchmarks, framework)
    }
    ResultPrinter.print(json: json, benchmarks) {
      BenchmarkText.report(benchmarks, framework: framework, aspects: aspects)
    }
  }
}
