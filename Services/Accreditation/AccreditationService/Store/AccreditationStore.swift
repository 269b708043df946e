public import CharterValues
public import Contracts
import FoundationEssentials
public import ServiceKit
public import Storage

/// The accreditation service's own SQLite database: the facts other services' feeds gave it
/// (the registry's schools and people, self-review's level 2 signal, evaluation's Marks), its
/// own decisions (recognitions, award cycles and entries, the programme switch), and what the
/// level rule derived from them (standings, level history, certificates), on the service store
/// base (outbox, clock).
public typealias AccreditationStore = ServiceStore<AccreditationSchema>

extension AccreditationStore {
  /// Appends an event about a school (or, with an empty URN, the programme) at `time`.
  @discardableResult
  func append(
    _ payload: Accreditation.AccreditationEvent.Payload, school urn: String, actor: Common.Actor, at time: UTCTime,
    in db: Connection
  ) throws -> Int64 {
    try append(payload, at: time, in: db) { event in
      event.actor = actor
      event.schoolUrn = urn
    }
  }

  // MARK: the signing key

  /// The current certificate signing key (PEM), creating one with `generate` on first use, and
  /// the public keys of retired ones.
  public func signingKey(generate: @escaping @Sendable () -> String) async throws -> (
    current: String, retiredPrivateKeys: [String]
  ) {
    let now = self.now.millisecondsSince1970
    return try await database.write { db in
      let rows = try db.fetchAll(
        sql: "SELECT private_key_pem, retired_at FROM signing_key ORDER BY created_at DESC")
      var current: String?
      var retired: [String] = []
      for row in rows {
        let pem: String = try row["private_key_pem"]
        if (try row["retired_at"] as Int64?) == nil, current == nil { current = pem } else { retired.append(pem) }
      }
      if let current { return (current, retired) }
      let pem = generate()
      try db.execute(
        sql: "INSERT INTO signing_key (key_id, private_key_pem, created_at) VALUES (?, ?, ?)",
        arguments: [RecordID.random(prefix: "k"), pem, now])
      return (pem, retired)
    }
  }
}

extension Protobuf.Timestamp {
  /// The instant a store keeps as milliseconds since the Unix epoch.
  init(milliseconds: Int64) { self.init(UTCTime(millisecondsSince1970: milliseconds)) }
}

extension UTCTime {
  /// The instant `milliseconds` stands for, if any.
  init?(milliseconds: Int64?) {
    guard let milliseconds else { return nil }
    self.init(millisecondsSince1970: milliseconds)
  }
}
