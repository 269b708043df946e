import CharterValues
import Contracts
import FoundationEssentials
import Identity
import RPCCore
import ServiceKit
import Storage

/// Schools: registration, the Level 1 choices, details, withdrawal, lookup and search.
extension RegistryStore {
  /// Registers a school, with the commitment and public listing it ticked, in one
  /// transaction with its events.
  /// - Throws: ``RegistryError/duplicateURN(urn:)``.
  func register(
    _ details: SchoolDetails, commitment: UTCTime?, publiclyListed: Bool, actor: Common.Actor, now: UTCTime
  ) async throws -> Registry.School {
    let nowMS = now.millisecondsSince1970
    let actorBytes = try actor.serializedBytes()
    let committedMS = commitment?.millisecondsSince1970
    return try await database.write { db in
      do {
        try db.execute(
          sql: """
            INSERT INTO school (urn, name, name_key, address_lines, town, county, postcode, postcode_key,
              phase, la_code, la_name, number_on_roll, latitude, longitude, committed_at, committed_by,
              publicly_listed, listing_changed_at, listing_changed_by, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            details.urn.rawValue, details.name, details.name.lowercased(), details.addressLines.joined(separator: "\n"),
            details.town, details.county, details.postcode.value, details.postcode.compact,
            Int(details.phase.rawValue), details.localAuthorityCode, details.localAuthorityName, details.numberOnRoll,
            details.location?.latitude, details.location?.longitude,
            committedMS, committedMS == nil ? nil : actorBytes,
            publiclyListed, publiclyListed ? nowMS : nil, publiclyListed ? actorBytes : nil,
            nowMS, nowMS,
          ])
      } catch let error as DatabaseError where error.isUniqueViolation {
        throw RegistryError.duplicateURN(urn: details.urn.rawValue)
      }
      let school = try Self.school(urn: details.urn.rawValue, in: db)!
      try self.append(.schoolRegistered(Registry.SchoolRegistered(school: school)), actor: actor, at: now, in: db)
      if committedMS != nil {
        try self.append(.schoolCommitted(Registry.SchoolCommitted(school: school)), actor: actor, at: now, in: db)
      }
      if publiclyListed {
        try self.append(
          .publicListingChanged(Registry.PublicListingChanged(school: school)), actor: actor, at: now, in: db)
      }
      return school
    }
  }

  /// A school and the facts access rules need.
  func school(urn: SchoolURN) async throws -> (school: Registry.School, access: SchoolAccess)? {
    try await database.read { db in
      guard let school = try Self.school(urn: urn.rawValue, in: db) else { return nil }
      return (school, Self.access(school))
    }
  }

  /// Changes a school inside one transaction: `authorize` sees the current school first (so
  /// the decision and the change cannot be separated), `change` returns whether it changed
  /// anything, `events` the new school's events.
  func changeSchool(
    urn: SchoolURN,
    actor: Common.Actor,
    now: UTCTime,
    authorize: @escaping @Sendable (Registry.School) throws -> Void,
    change: @escaping @Sendable (Registry.School, Connection, Int64) throws -> Bool,
    events: @escaping @Sendable (Registry.School) -> [Registry.RegistryEvent.Payload]
  ) async throws -> Registry.School {
    let nowMS = now.millisecondsSince1970
    return try await database.write { db in
      guard let current = try Self.school(urn: urn.rawValue, in: db) else {
        throw RegistryError.schoolNotFound(urn: urn.rawValue)
      }
      try authorize(current)
      guard try change(current, db, nowMS) else { return current }
      let updated = try Self.school(urn: urn.rawValue, in: db)!
      for payload in events(updated) { try self.append(payload, actor: actor, at: now, in: db) }
      return updated
    }
  }

  /// A page of schools matching `query`, ordered by URN, with the total count.
  func listSchools(_ query: SchoolQuery) async throws -> (schools: [Registry.School], total: Int) {
    try await database.read { db in
      var conditions: [String] = []
      var arguments: [any SQLValueConvertible] = []
      if !query.includeWithdrawn { conditions.append("withdrawn_at IS NULL") }
      if let urn = query.urn {
        conditions.append("urn = ?")
        arguments.append(urn.rawValue)
      }
      // Every word must occur in the name, in any order and case.
      for word in query.nameWords {
        conditions.append("instr(name_key, ?) > 0")
        arguments.append(word)
      }
      if let prefix = query.postcodePrefix {
        conditions.append("postcode_key >= ? AND postcode_key < ?")
        arguments.append(prefix)
        arguments.append(prefix + "\u{FFFF}")
      }
      if let code = query.localAuthorityCode {
        conditions.append("la_code = ?")
        arguments.append(code.rawValue)
      }
      if let phase = query.phase {
        conditions.append("phase = ?")
        arguments.append(Int(phase.rawValue))
      }
      if let visible = query.visibleTo {
        // Schools the caller belongs to, in an authority they advise, or public ones.
        conditions.append(
          "(urn IN (SELECT value FROM json_each(?)) OR la_code IN (SELECT value FROM json_each(?)) OR publicly_listed = 1)"
        )
        arguments.append(Self.jsonArray(visible.schools))
        arguments.append(Self.jsonArray(visible.authorities))
      }
      let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
      let total: Int = try db.fetchOne(sql: "SELECT COUNT(*) AS total FROM school \(filter)", arguments: arguments)![
        "total"]
      var pageConditions = conditions
      var pageArguments = arguments
      if let after = query.page.afterKey {
        pageConditions.append("urn > ?")
        pageArguments.append(after)
      }
      let pageFilter = pageConditions.isEmpty ? "" : "WHERE " + pageConditions.joined(separator: " AND ")
      pageArguments.append(query.page.size)
      let rows = try db.fetchAll(
        SchoolRecord.self, sql: "SELECT * FROM school \(pageFilter) ORDER BY urn LIMIT ?", arguments: pageArguments)
      return (try rows.map(\.message), total)
    }
  }

  // MARK: rows

  static func school(urn: String, in db: Connection) throws -> Registry.School? {
    try db.fetchOne(SchoolRecord.self, sql: "SELECT * FROM school WHERE urn = ?", arguments: [urn])?.message
  }

  static func access(_ school: Registry.School) -> SchoolAccess {
    SchoolAccess(
      urn: school.urn, localAuthorityCode: school.localAuthority?.code ?? "",
      publiclyListed: school.publicListing?.publiclyListed ?? false)
  }

  private static func jsonArray(_ values: Set<String>) -> String {
    // Values are URNs and authority codes (digits only), validated before they get here.
    "[" + values.sorted().map { "\"\($0)\"" }.joined(separator: ",") + "]"
  }
}

/// A `school` row, read by column name.
struct SchoolRecord: FetchableRecord {
  let message: Registry.School

  init(row: Row) throws {
    var school = Registry.School()
    school.urn = try row["urn"]
    school.name = try row["name"]
    var address = Common.PostalAddress()
    let lines: String = try row["address_lines"]
    address.lines = lines.isEmpty ? [] : lines.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    address.town = try row["town"]
    address.county = try row["county"]
    address.postcode = try row["postcode"]
    school.address = address
    school.phase = Common.SchoolPhase(rawValue: try row["phase"])
    school.localAuthority = Common.LocalAuthority(code: try row["la_code"], name: try row["la_name"])
    school.numberOnRoll = try row["number_on_roll"]
    if let latitude: Double = try row["latitude"], let longitude: Double = try row["longitude"] {
      school.location = Common.GeoPoint(latitude: latitude, longitude: longitude)
    }
    var commitment = Registry.Commitment()
    if let at: Int64 = try row["committed_at"] {
      commitment.committed = true
      commitment.committedAt = Protobuf.Timestamp(milliseconds: at)
      commitment.committedBy = try Self.actor(row["committed_by"])
    }
    school.commitment = commitment
    var listing = Registry.PublicListing()
    listing.publiclyListed = try row["publicly_listed"]
    if let at: Int64 = try row["listing_changed_at"] {
      listing.listingChangedAt = Protobuf.Timestamp(milliseconds: at)
      listing.listingChangedBy = try Self.actor(row["listing_changed_by"])
    }
    school.publicListing = listing
    if let at: Int64 = try row["withdrawn_at"] {
      var withdrawal = Registry.Withdrawal()
      withdrawal.withdrawnAt = Protobuf.Timestamp(milliseconds: at)
      withdrawal.withdrawnBy = try Self.actor(row["withdrawn_by"])
      withdrawal.reason = (try row["withdrawal_reason"] as String?) ?? ""
      school.withdrawal = withdrawal
    }
    school.createTime = Protobuf.Timestamp(milliseconds: try row["created_at"])
    school.updateTime = Protobuf.Timestamp(milliseconds: try row["updated_at"])
    message = school
  }

  private static func actor(_ bytes: [UInt8]?) throws -> Common.Actor? {
    guard let bytes else { return nil }
    return try Common.Actor(serializedBytes: bytes)
  }
}

/// What ``RegistryStore/listSchools(_:)`` looks for.
struct SchoolQuery: Sendable {
  var page: PageRequest
  /// Lower-cased words that must all occur in the name.
  var nameWords: [String] = []
  var urn: SchoolURN?
  var postcodePrefix: String?
  var localAuthorityCode: LocalAuthorityCode?
  var phase: Common.SchoolPhase?
  var includeWithdrawn = false
  /// Limits the result to what a caller who is not a programme admin may see.
  var visibleTo: (schools: Set<String>, authorities: Set<String>)?
}
