import CharterValues
import Foundation
import RegistryReplica
import SelfReviewService
import ServiceKit
import Storage
import Testing

/// A self-review database from before the shared replica: its own `school` table becomes the
/// replica, keeping its rows and the reviews that reference them, and the registry's feed is
/// read again from the start to fill in what the old table did not keep.
@Suite("Self-review store: the old school table becomes the registry replica")
struct ReplicaMigrationTests {
  @Test("rows and references survive, the new columns exist, and the registry feed is read again")
  func adoptsOldTable() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("replica-\(UUID())").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/self-review.sqlite"
    // The database as the last release left it: v1 school and review tables, a feed position.
    let old = try Database(path: path)
    var migrator = Migrator()
    try Outbox.registerMigration(in: &migrator)
    try FeedPosition.registerMigration(in: &migrator)
    try migrator.register("self-review-v1-schools") { db in
      try db.execute(
        script: """
          CREATE TABLE school (urn TEXT PRIMARY KEY, name TEXT NOT NULL, la_code TEXT NOT NULL,
            phase INTEGER NOT NULL, committed INTEGER NOT NULL CHECK (committed IN (0, 1)),
            withdrawn INTEGER NOT NULL CHECK (withdrawn IN (0, 1))) STRICT;
          """)
    }
    try migrator.register("self-review-v1-reviews") { db in
      try db.execute(
        script: """
          CREATE TABLE review (urn TEXT PRIMARY KEY REFERENCES school (urn), framework_id TEXT NOT NULL,
            framework_fingerprint TEXT NOT NULL, created_at INTEGER NOT NULL, created_by BLOB NOT NULL,
            updated_at INTEGER NOT NULL) STRICT;
          """)
    }
    try await old.migrate(migrator)
    try await old.write { db in
      try db.execute(sql: "INSERT INTO school VALUES ('123456', 'Old Primary', '383', 2, 1, 0)")
      try db.execute(sql: "INSERT INTO review VALUES ('123456', 'srf-2008', 'f', 1, x'00', 1)")
      try FeedPosition.advance(feed: "registry", to: 41, in: db)
    }
    await old.close()

    let store = try await SelfReviewStore.open(inDirectory: directory)
    let (school, position, reviewTable) = try await store.database.read { db in
      (
        try RegistrySchoolsReplica.school(SchoolURN("123456")!, in: db),
        try FeedPosition.position(feed: RegistrySchoolsReplica.feed, in: db),
        try db.fetchOne(sql: "SELECT sql FROM sqlite_master WHERE name = 'review'")!["sql"] as String
      )
    }
    #expect(school?.name == "Old Primary")
    #expect(school?.isCommitted == true)
    #expect(school?.isWithdrawn == false)
    #expect(school?.town == "")
    #expect(position == 0, "the feed is read again to fill in the new columns")
    #expect(reviewTable.contains("REFERENCES \"registry_school\""))
    await store.close()
  }
}
