internal import ArgumentParser
internal import Contracts

/// `charter self-review import-demo-reviews schools.csv`: loads realistic self-reviews for the
/// demo schools, from each school's review profile.
struct ImportDemoReviewsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import-demo-reviews",
    abstract: "Load demo self-reviews for the schools of a demo schools file.",
    discussion: """
      The file is the one `charter-demo-data schools` writes and `charter registry import` \
      reads; import the schools into the registry first. For every row whose review_profile \
      is not none, the school's review is started (an existing one is kept) and rated in one \
      call with ratings made from the profile, the seed and the URN on the service's own \
      framework. While the service is still learning of the schools from the registry, \
      NOT_FOUND is retried for up to a minute per school. Running it again is harmless. \
      Exit status 0 when every review was loaded, 1 otherwise.
      """
  )

  @Argument(help: ArgumentHelp("The demo schools file.", valueName: "schools.csv"))
  var file: String

  @Option(help: ArgumentHelp("The seed the ratings are drawn from.", valueName: "n"))
  var seed: UInt64 = 2010

  @Option(help: ArgumentHelp("Schools loaded at once.", valueName: "n"))
  var concurrency = 16

  @Flag(help: "Only read and check the file; send nothing.")
  var dryRun = false

  @OptionGroup(title: "Connection options") var connection: SelfReviewConnectionOptions

  func validate() throws {
    guard (1...1024).contains(concurrency) else {
      throw ValidationError("--concurrency must be within 1...1024")
    }
  }

  func run() async throws {
    let plan = try readPlan()
    let summary: DemoReviewImportSummary
    if dryRun {
      summary = DemoReviewImport.check(plan)
      Console.error(
        "checked \(plan.rows.count) rows: \(plan.reviewCount) reviews would be loaded, "
          + "\(plan.skippedCount) skipped (review_profile none), \(plan.rejectedCount) rejected"
      )
    } else {
      let engine = DemoReviewImport(concurrency: concurrency, seed: seed)
      let display = ProgressDisplay(isTerminal: Console.errorIsTerminal)
      summary = try await connection.withSelfReview { selfReview in
        let client = selfReview.client
        let options = selfReview.callOptions
        let calls = DemoReviewCalls(
          startReview: { urn in
            try await client.startReview(
              SelfReview.StartReviewRequest(schoolUrn: urn),
              options: options
            )
          },
          getReview: { urn in
            try await client.getReview(
              SelfReview.GetReviewRequest(schoolUrn: urn),
              options: options
            )
          },
          getFramework: { id in
            try await client.getFramework(
              SelfReview.GetFrameworkRequest(frameworkId: id),
              options: options
            )
          },
          rateAspects: { request in _ = try await client.rateAspects(request, options: options) }
        )
        return await engine.run(plan, calls: calls, progress: { display.show($0) })
      }
      display.finish()
    }
    if connection.json {
      Console.output(summary.json())
    } else {
      for line in dryRun ? summary.failureLines() : summary.report() { Console.output(line) }
    }
    if summary.exitStatus != 0 { throw ExitCode(summary.exitStatus) }
  }

  private func readPlan() throws -> DemoReviewImportPlan {
    let bytes: FileBytes
    do { bytes = try FileBytes(path: file) } catch { throw CommandFailure("cannot open \(error)") }
    var reader = CSVReader(bytes: bytes)
    let plan: DemoReviewImportPlan
    do {
      plan = try DemoReviewImportPlan(reading: &reader)
    } catch {
      throw CommandFailure("\(file): \(error)", hints: ["nothing was sent"])
    }
    if let failure = bytes.failure { throw CommandFailure("cannot read \(failure)") }
    return plan
  }
}
