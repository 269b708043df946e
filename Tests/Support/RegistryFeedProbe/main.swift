// A consumer of the registry's event feed in a process of its own, for the test that kills a
// consumer mid-stream: it applies each event (recording its sequence and type in its own
// SQLite database, one row per application) through FeedFollower, and prints
// "applied <sequence>" after each commit.
//
// Usage: RegistryFeedProbe <registry host:port> <database path>   (token in CHARTER_TOKEN)
import Contracts
import Foundation
import Identity
import Logging
import RPCCore
import RPCHTTP2
import ServiceKit
import Storage

let arguments = CommandLine.arguments
guard arguments.count == 3, let address = HTTP2ClientTransport.Configuration(address: arguments[1]) else {
  FileHandle.standardError.write(Data("usage: RegistryFeedProbe <host:port> <database>\n".utf8))
  exit(2)
}
let token = ProcessInfo.processInfo.environment["CHARTER_TOKEN"] ?? ""
let database = try Database(path: arguments[2])
var migrator = Migrator()
try migrator.register("probe-v1-applied") { db in
  // No key on sequence: applying an event twice would show as two rows.
  try db.execute(
    script: "CREATE TABLE applied (id INTEGER PRIMARY KEY, sequence INTEGER NOT NULL, kind TEXT NOT NULL) STRICT;")
}
try FeedPosition.registerMigration(in: &migrator)
try await database.migrate(migrator)

let transport = HTTP2ClientTransport(configuration: address)
let registry = Registry.Client(RPCClient(transport: transport, interceptors: [BearerTokenInterceptor { token }]))
// Each event is announced once the transaction that applied it has committed.
let follower = FeedFollower(
  feed: "registry", source: registry, database: database, logger: Logger(label: "probe"),
  committed: { event in FileHandle.standardOutput.write(Data("applied \(event.sequence)\n".utf8)) },
  apply: { event, db in
    try db.execute(
      sql: "INSERT INTO applied (sequence, kind) VALUES (?, ?)",
      arguments: [
        event.sequence, event.payload.map { "\($0)".split(separator: "(").first.map(String.init) ?? "?" } ?? "none",
      ])
  })
await follower.follow()
