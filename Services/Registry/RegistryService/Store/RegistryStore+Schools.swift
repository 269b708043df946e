import Contracts
import FoundationEssentials
import Identity
import RPCCore
import Storage

/// Schools: registration, the Level 1 choices, details, withdrawal, lookup and search.
extension RegistryStore {
  static let schoolColumns = """
    urn, name, address_lines, town, county, postcode, phase, la_code, la_name, number_on_roll,
    latitude, longitude, committed_at, committed_by, publicly_listed, listing_changed_at,
    listing_changed_by, withdrawn_at, withdrawn_by, withdrawal_reason, created_at, updated_at
    """

  /// Registers a school, with the commitment and public listing it ticked, in one
  /// transaction with its events.
  /// - Throws: ``RegistryError/duplicateURN(urn:)``.
  func register(
    _ details: SchoolDetails, commitment: Date?, publiclyListed: Bool, actor: Common.Actor, now: Date
  ) async throws -> Registry.School {
    let nowMS = Self.millis(now)
    let actorBytes = try actor.serializedBytes()
    let committedMS = commitment.map(Self.millis)
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
            details.urn, details.name, details.name.lowercased(), details.addressLines.joined(separator: "\n"),
            details.town, details.county, details.postcode.value, details.postcode.compact,
            Int(details.phase.rawValue), details.localAuthorityCode, details.localAuthorityName, details.numberOnRoll,
            details.location?.latitude, details.location?.longitude,
            committedMS, committedMS == nil ? nil : actorBytes,
            publiclyListed ? 1 : 0, publiclyListed ? nowMS : nil, publiclyListed ? actorBytes : nil,
            nowMS, nowMS,
          ])
      } catch let error as DatabaseError where error.isUniqueViolation {
        throw RegistryError.duplicateURN(urn: details.urn)
      }
      let school = try Self.school(urn: details.urn, in: db)!
      try Self.append(.schoolRegistered(Registry.SchoolRegistered(school: school)), actor: actor, at: now, in: db)
      if committedMS != nil {
        try Self.append(.schoolCommitted(Registry.SchoolCommitted(school: school)), actor: actor, at: now, in: db)
      }
      if publiclyListed {
        try Self.append(
          .publicListingChanged(Registry.PublicListingChanged(school: school)), actor: actor, at: now, in: db)
      }
      return school
    }
  }

  /// A school and the facts access rules need.
  func school(urn: String) async throws -> (school: Registry.School, access: SchoolAccess)? {
    try await database.read { db in
      guard let school = try Self.school(urn: urn, in: db) else { return nil }
      return (school, Self.access(school))
    }
  }

  /// Changes a school inside one transaction: `authorize` sees the current school first (so
  /// the decision and the change cannot be separated), `change` returns the new school's
  /// events (none when nothing changed).
  func changeSchool(
    urn: String,
    actor: Common.Actor,
    now: Date,
    authorize: @escaping @Sendable (Registry.School) throws -> Void,
    change: @escaping @Sendable (Registry.School, Connection, Int64) throws -> Bool,
    events: @escaping @Sendable (Registry.School) -> [Registry.RegistryEvent.Payload]
  ) async throws -> Registry.School {
    let nowMS = Self.millis(now)
    return try await database.write { db in
      guard let current = try Self.school(urn: urn, in: db) else { throw RegistryError.schoolNotFound(urn: urn) }
      try authorize(current)
      guard try change(current, db, nowMS) else { return current }
      let updated = try Self.school(urn: urn, in: db)!
      for payload in events(updated) { try Self.append(payload, actor: actor, at: now, in: db) }
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
        arguments.append(urn)
      }
      if let name = query.nameContains {
        conditions.append("instr(name_key, ?) > 0")
        arguments.append(name.lowercased())
      }
      if let prefix = query.postcodePrefix {
        conditions.append("postcode_key >= ? AND postcode_key < ?")
        arguments.append(prefix)
        arguments.append(prefix + "\u{FFFF}")
      }
      if let code = query.localAuthorityCode {
        conditions.append("la_code = ?")
        arguments.append(code)
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
      let total = try db.fetchOne(sql: "SELECT COUNT(*) FROM school \(filter)", arguments: arguments)!
        .value(Int.self, at: 0)
      var pageConditions = conditions
      var pageArguments = arguments
      if let after = query.afterURN {
        pageConditions.append("urn > ?")
        pageArguments.append(after)
      }
      let pageFilter = pageConditions.isEmpty ? "" : "WHERE " + pageConditions.joined(separator: " AND ")
      pageArguments.append(query.pageSize)
      let rows = try db.fetchAll(
        sql: "SELECT \(Self.schoolColumns) FROM school \(pageFilter) ORDER BY urn LIMIT ?",
        arguments: pageArguments)
      return (try rows.map(Self.school(from:)), total)
    }
  }

  // MARK: rows

  static func school(urn: String, in db: Connection) throws -> Registry.School? {
    try db.fetchOne(sql: "SELECT \(schoolColumns) FROM school WHERE urn = ?", arguments: [urn]).map(school(from:))
  }

  static func school(from row: Row) throws -> Registry.School {
    var school = Registry.School()
    school.urn = try row.value(at: 0)
    school.name = try row.value(at: 1)
    var address = Common.PostalAddress()
    let lines: String = try row.value(at: 2)
    address.lines = lines.isEmpty ? [] : lines.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    address.town = try row.value(at: 3)
    address.county = try row.value(at: 4)
    address.postcode = try row.value(at: 5)
    school.address = address
    school.phase = Common.SchoolPhase(rawValue: Int32(try row.value(Int.self, at: 6)))
    school.localAuthority = Common.LocalAuthority(code: try row.value(at: 7), name: try row.value(at: 8))
    school.numberOnRoll = Int32(try row.value(Int.self, at: 9))
    if let lat: Double = try row.value(at: 10), let lon: Double = try row.value(at: 11) {
      school.location = Common.GeoPoint(latitude: lat, longitude: lon)
    }
    var commitment = Registry.Commitment()
    if let at: Int64 = try row.value(at: 12) {
      commitment.committed = true
      commitment.committedAt = timestamp(at)
      commitment.committedBy = try actor(row.value(at: 13))
    }
    school.commitment = commitment
    var listing = Registry.PublicListing()
    listing.publiclyListed = try row.value(Int.self, at: 14) == 1
    if let at: Int64 = try row.value(at: 15) {
      listing.listingChangedAt = timestamp(at)
      listing.listingChangedBy = try actor(row.value(at: 16))
    }
    school.publicListing = listing
    if let at: Int64 = try row.value(at: 17) {
      var withdrawal = Registry.Withdrawal()
      withdrawal.withdrawnAt = timestamp(at)
      withdrawal.withdrawnBy = try actor(row.value(at: 18))
      withdrawal.reason = try row.value(String?.self, at: 19) ?? ""
      school.withdrawal = withdrawal
    }
    school.createTime = timestamp(try row.value(at: 20))
    school.updateTime = timestamp(try row.value(at: 21))
    return school
  }

  static func access(_ school: Registry.School) -> SchoolAccess {
    SchoolAccess(
      urn: school.urn, localAuthorityCode: school.localAuthority?.code ?? "",
      publiclyListed: school.publicListing?.publiclyListed ?? false)
  }

  private static func actor(_ bytes: [UInt8]?) throws -> Common.Actor? {
    guard let bytes else { return nil }
    return try Common.Actor(serializedBytes: bytes)
  }

  private static func jsonArray(_ values: Set<String>) -> String {
    // Values are URNs and authority codes (digits only), validated before they get here.
    "[" + values.sorted().map { "\"\($0)\"" }.joined(separator: ",") + "]"
  }
}

/// What ``RegistryStore/listSchools(_:)`` looks for.
struct SchoolQuery: Sendable {
  var pageSize: Int
  var afterURN: String?
  var nameContains: String?
  var urn: String?
  var postcodePrefix: String?
  var localAuthorityCode: String?
  var phase: Common.SchoolPhase?
  var includeWithdrawn = false
  /// Limits the result to what a caller who is not a programme admin may see.
  var visibleTo: (schools: Set<String>, authorities: Set<String>)?
}
