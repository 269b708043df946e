internal import ArgumentParser
internal import Contracts
internal import RPCCore

/// `charter evaluation events`: the evaluation event feed, one line per event.
struct EvaluationEventsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "events",
    abstract: "Print evaluation events, one per line (JSON lines with --json).",
    discussion: """
      Without --follow the feed is read up to its current end; with --follow it stays open \
      until interrupted. Every school's events are for programme admins and services; \
      --school narrows the feed to one school, which its own people may read.
      """
  )

  @Option(help: ArgumentHelp("Only events with a larger sequence number.", valueName: "n"))
  var after: Int64 = 0

  @Option(help: ArgumentHelp("Only events about this school.", valueName: "urn"), transform: ArgumentParsing.urn)
  var school: String?

  @Flag(help: "Keep streaming live events until interrupted.")
  var follow = false

  @OptionGroup(title: "Connection options") var connection: EvaluationConnectionOptions

  func validate() throws {
    guard after >= 0 else { throw ValidationError("--after must not be negative") }
  }

  func run() async throws {
    let request = Evaluation.StreamEventsRequest(afterSequence: after, stopAtHead: !follow, schoolUrn: school ?? "")
    let json = connection.json
    let follow = self.follow
    let count = try await connection.withEvaluation { evaluation in
      try await evaluation.client.streamEvents(
        request, options: follow ? evaluation.streamingOptions : evaluation.callOptions
      ) { events in
        var count = 0
        for try await event in events {
          Console.output(json ? event.protoJSON() : EvaluationEventText.line(event))
          count += 1
          if follow { Console.flushOutput() }
        }
        return count
      }
    }
    if !json, count == 0 { Console.error("no events after \(after)") }
  }
}
