internal import ArgumentParser
internal import Contracts

/// `charter registry import FILE.csv`: registers many schools from a CSV file, each row in
/// one call, many calls at a time, reporting in row order.
struct ImportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Register schools from a CSV file, with their Charter choices.",
    discussion: """
      The header names the columns (any order; others are ignored): \
      \(SchoolCSVHeader.knownColumns.joined(separator: ",")). Required: \
      \(SchoolCSVHeader.requiredColumns.joined(separator: ", ")). Each row is registered, \
      committed and listed in one call, so a row is never half-imported. Rows with bad values \
      are rejected without a call. Exit status 0 when every row was imported (or was already \
      there, with --skip-existing), 1 otherwise.
      """
  )

  @Argument(help: ArgumentHelp("The CSV file (UTF-8, RFC 4180).", valueName: "file.csv"))
  var file: String

  @Option(help: ArgumentHelp("Calls in flight at once.", valueName: "n"))
  var concurrency = 32

  @Flag(
    help:
      "Accept schools the registry already has (ALREADY_EXISTS) instead of counting them as errors."
  )
  var skipExisting = false

  @Option(
    help: ArgumentHelp(
      "Write every failing row to this CSV file, with the reason, to fix and import again.",
      valueName: "file"
    )
  )
  var rejects: String?

  @Flag(help: "Only read and check the file; send nothing.")
  var dryRun = false

  @OptionGroup(title: "Connection options") var connection: ConnectionOptions

  func validate() throws {
    guard (1...1024).contains(concurrency) else {
      throw ValidationError("--concurrency must be within 1...1024")
    }
  }

  func run() async throws {
    let plan = try readPlan()
    let engine = SchoolImport(concurrency: concurrency, skipExisting: skipExisting)
    let summary: SchoolImportSummary
    if dryRun {
      summary = SchoolImport.check(plan)
      Console.error(
        "checked \(plan.rows.count) rows: \(plan.requestCount) would be sent, "
          + "\(summary.rejectedCount) rejected"
      )
    } else {
      let display = ProgressDisplay(isTerminal: Console.errorIsTerminal)
      summary = try await connection.withRegistry { registry in
        let client = registry.client
        let options = registry.callOptions
        return await engine.run(
          plan,
          register: { request in _ = try await client.registerSchool(request, options: options) },
          progress: { display.show($0) }
        )
      }
      display.finish()
    }
    if let rejects {
      do {
        try Files.write(summary.rejectsCSV(plan: plan), to: rejects)
      } catch {
        throw CommandFailure("cannot write the rejected rows: \(error)")
      }
    }
    if connection.json {
      Console.output(summary.json())
    } else {
      for line in dryRun ? Array(summary.report().dropFirst()) : summary.report() {
        Console.output(line)
      }
      if let rejects, !summary.failures.isEmpty {
        Console.output("wrote \(summary.failures.count) failing rows to \(rejects)")
      }
    }
    if summary.exitStatus != 0 { throw ExitCode(summary.exitStatus) }
  }

  private func readPlan() throws -> SchoolImportPlan {
    let bytes: FileBytes
    do { bytes = try FileBytes(path: file) } catch { throw CommandFailure("cannot open \(error)") }
    var reader = CSVReader(bytes: bytes)
    let plan: SchoolImportPlan
    do {
      plan = try SchoolImportPlan(reading: &reader)
    } catch {
      throw CommandFailure("\(file): \(error)", hints: ["nothing was sent"])
    }
    if let failure = bytes.failure { throw CommandFailure("cannot read \(failure)") }
    return plan
  }
}
