// Writes rows until killed, for CrashTests: each row and an outbox event commit in one write
// transaction, and the row id is printed (and flushed) only after that commit returned, so
// every id on stdout is a promise that the row is durable in the database.
//
// Usage: StorageCrashWriter <database-path> [row-limit]
import Foundation
import Storage

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
  FileHandle.standardError.write(
    Data("usage: StorageCrashWriter <database-path> [row-limit]\n".utf8)
  )
  exit(2)
}
let path = arguments[1]
let limit = arguments.count >= 3 ? Int(arguments[2]) ?? Int.max : Int.max

do {
  let database = try Database(path: path)
  var migrator = Migrator()
  try migrator.register("v1-create-crash-row") { db in
    try db.execute(
      script: """
        CREATE TABLE crash_row (
          id INTEGER PRIMARY KEY,
          body TEXT NOT NULL,
          event_sequence INTEGER NOT NULL UNIQUE
        ) STRICT;
        """
    )
  }
  try Outbox.registerMigration(in: &migrator)
  try await database.migrate(migrator)

  var written = 0
  while written < limit {
    let id = try await database.write { db in
      let body = String(repeating: "committed row ", count: 8)
      let sequence = try Outbox.append(
        eventType: "crash.row-written",
        payload: Array(body.utf8),
        in: db
      )
      try db.execute(
        sql: "INSERT INTO crash_row (body, event_sequence) VALUES (?, ?)",
        arguments: [body, sequence]
      )
      return db.lastInsertedRowID
    }
    // An unbuffered write(2): the line leaves the process before the next transaction.
    FileHandle.standardOutput.write(Data("\(id)\n".utf8))
    written += 1
  }
  await database.close()
} catch {
  FileHandle.standardError.write(Data("StorageCrashWriter: \(error)\n".utf8))
  exit(1)
}
