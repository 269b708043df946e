internal import ArgumentParser
internal import Contracts
internal import RPCCore

/// `charter registry events`: the registry's event feed, one line per event.
struct EventsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "events",
    abstract: "Print registry events, one per line (JSON lines with --json).",
    discussion: """
      Without --follow the feed is read up to its current end within --timeout; with \
      --follow it stays open and prints events as they happen until interrupted (Ctrl-C).
      """
  )

  @Option(
    help: ArgumentHelp(
      "Only events with a larger sequence number (0: from the start).",
      valueName: "n"
    )
  )
  var after: Int64 = 0

  @Flag(help: "Keep streaming live events until interrupted.")
  var follow = false

  @OptionGroup(title: "Connection options") var connection: ConnectionOptions

  func validate() throws {
    guard after >= 0 else { throw ValidationError("--after must not be negative") }
  }

  func run() async throws {
    let request = Registry.StreamEventsRequest(afterSequence: after, stopAtHead: !follow)
    let json = connection.json
    let follow = self.follow
    let count = try await connection.withRegistry { registry in
      try await registry.client.streamEvents(
        request,
        options: follow ? registry.streamingOptions : registry.callOptions
      ) { events in
        var count = 0
        for try await event in events {
          Console.output(json ? event.protoJSON() : EventText.line(event))
          count += 1
          if follow { Console.flushOutput() }
        }
        return count
      }
    }
    if !json, count == 0 { Console.error("no events after \(after)") }
  }
}
