internal import ArgumentParser
internal import Contracts
internal import RPCCore

/// `charter self-review rate-many URN --file ratings.csv`: rates many aspects in one call.
struct RateManyCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rate-many",
    abstract: "Rate many aspects from a CSV file, all stored together or none.",
    discussion: """
      The header names the columns: \(RatingsFile.columns.joined(separator: ",")) \
      (commentary optional), one aspect per row, at most \(RatingsFile.maximumRatings). \
      Every row is checked first; if any is wrong, each problem is listed by row number and \
      nothing is sent.
      """
  )

  @Argument(help: "The school's URN.", transform: ArgumentParsing.urn)
  var urn: String

  @Option(help: ArgumentHelp("The ratings file (UTF-8 CSV).", valueName: "ratings.csv"))
  var file: String

  @OptionGroup(title: "Connection options") var connection: SelfReviewConnectionOptions

  func run() async throws {
    let ratings = try readFile()
    guard let request = ratings.request(urn: urn) else {
      let problems = ratings.problems
      throw CommandFailure(
        "\(file): \(problems.count) row\(problems.count == 1 ? " is" : "s are") wrong",
        hints: problems + ["nothing was sent"]
      )
    }
    let file = self.file
    let response = try await connection.withSelfReview { selfReview in
      do {
        return try await selfReview.client.rateAspects(request, options: selfReview.callOptions)
      } catch let error as RPCError {
        // The service names the first rating it refused (`ratings[3].level: …`); say which row.
        guard let row = ratings.row(namedIn: error.message) else { throw error }
        throw CommandFailure(
          ErrorText.status(of: error),
          hints: ["that rating is row \(row) of \(file); nothing was stored"]
        )
      }
    }
    ResultPrinter.print(json: connection.json, response) {
      ReviewText.ratingsTable(response.ratings)
        + ["rated \(response.ratings.count) aspect\(response.ratings.count == 1 ? "" : "s")"]
    }
  }

  private func readFile() throws -> RatingsFile {
    let bytes: FileBytes
    do { bytes = try FileBytes(path: file) } catch { throw CommandFailure("cannot open \(error)") }
    var reader = CSVReader(bytes: bytes)
    let ratings: RatingsFile
    do {
      ratings = try RatingsFile(reading: &reader)
    } catch {
      throw CommandFailure("\(file): \(error)", hints: ["nothing was sent"])
    }
    if let failure = bytes.failure { throw CommandFailure("cannot read \(failure)") }
    return ratings
  }
}
