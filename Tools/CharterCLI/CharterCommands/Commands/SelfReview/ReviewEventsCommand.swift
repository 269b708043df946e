internal import ArgumentParser
internal import Contracts
internal import RPCCore

/// `charter self-review events`: the self-review event feed, one line per event.
struct ReviewEventsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "events",
    abstract: "Print self-review events, one per line (JSON lines with --json).",
    discussion: """
      Without --follow the feed is read up to its current end within --timeout; with \
      --follow it stays open and prints events as they happen until interrupted (Ctrl-C). \
      Every school's events are for programme admins and services; --school narrows the feed \
      to one school, which its own people may read.
      """
  )

  @Option(
    help: ArgumentHelp(
      "Only events with a larger sequence number (0: from the start).",
      valueName: "n"
    )
  )
  var after: Int64 = 0

  @Option(
    help: ArgumentHelp("Only events about this school.", valueName: "urn"),
    transform: ArgumentParsing.urn
  )
  var school: String?

  @Flag(help: "Keep streaming live events until interrupted.")
  var follow = false

  @OptionGroup(title: "Connection options") var connection: SelfReviewConnectionOptions

  func validate() throws {
    guard after >= 0 else { throw ValidationError("--after must not be negative") }
  }

  func run() async throws {
    let request = SelfReview.StreamEventsRequest(
      afterSequence: after,
      stopAtHead: !follow,
      schoolUrn: school ?? ""
    )
    let json = connection.json
    let follow = self.follow
    let count = try await connection.withSelfReview { selfReview in
      try await selfReview.client.streamEvents(
        request,
        options: follow ? selfReview.streamingOptions : selfReview.callOptions
      ) { events in
        var count = 0
        for try await event in events {
          Console.output(json ? event.protoJSON() : ReviewEventText.line(event))
          count += 1
          if follow { Console.flushOutput() }
        }
        return count
      }
    }
    if !json, count == 0 { Console.error("no events after \(after)") }
  }
}
