import CharterValues
import Contracts
import Storage
import Synchronization

/// A partial change of a school's details (UpdateSchoolDetails): which fields, validated, and
/// which of them actually changed once applied.
final class SchoolUpdate: Sendable {
  static let knownPaths = [
    "name", "address", "address.lines", "address.town", "address.county", "address.postcode", "phase",
    "local_authority", "number_on_roll", "location",
  ]

  let paths: [String]
  let request: Registry.UpdateSchoolDetailsRequest
  private let changed = Mutex<[String]>([])

  /// - Throws: INVALID_ARGUMENT for an unknown path or an invalid value on a listed path.
  init(_ request: Registry.UpdateSchoolDetailsRequest) throws(InvalidField) {
    var paths = request.updatePaths
    if paths.isEmpty {
      // No mask: every field the request sets.
      if !request.name.isEmpty { paths.append("name") }
      if request.address != nil { paths.append("address") }
      if request.phase != .unspecified { paths.append("phase") }
      if request.localAuthority != nil { paths.append("local_authority") }
      if request.numberOnRoll != 0 { paths.append("number_on_roll") }
      if request.location != nil { paths.append("location") }
      if paths.isEmpty { throw InvalidField(field: "update_paths", reason: "nothing to change") }
    }
    for path in paths where !Self.knownPaths.contains(path) {
      throw InvalidField(field: "update_paths", reason: "unknown field \"\(path)\"")
    }
    self.paths = paths
    self.request = request
    // Validate every value now, before any transaction.
    for path in paths { _ = try Self.column(path, request) }
  }

  var changedPaths: [String] { changed.withLock { $0 } }

  /// Writes the listed fields that differ from `school`; returns whether anything changed.
  func apply(to school: Registry.School, in db: Connection, at millis: Int64) throws -> Bool {
    var changedNow: [String] = []
    for path in paths {
      let assignments = try Self.column(path, request)
      var differs = false
      for (column, value) in assignments where !Self.equal(Self.current(column, school), value) { differs = true }
      guard differs else { continue }
      for (column, value) in assignments {
        try db.execute(
          sql: "UPDATE school SET \(column) = ?, updated_at = ? WHERE urn = ?", arguments: [value, millis, school.urn])
      }
      changedNow.append(path)
    }
    changed.withLock { $0 = changedNow }
    return !changedNow.isEmpty
  }

  /// The columns a path sets, with their validated values. Column names come only from this
  /// fixed table, never from the request.
  private static func column(_ path: String, _ r: Registry.UpdateSchoolDetailsRequest) throws(InvalidField) -> [(
    String, SQLValue
  )] {
    let address = r.address ?? Common.PostalAddress()
    switch path {
    case "name":
      let name = try TextField.required(r.name, field: "name", max: 200)
      return [("name", .text(name)), ("name_key", .text(name.lowercased()))]
    case "address":
      let (lines, town, county, postcode) = try SchoolDetails.address(address)
      return [
        ("address_lines", .text(lines.joined(separator: "\n"))), ("town", .text(town)), ("county", .text(county)),
        ("postcode", .text(postcode.value)), ("postcode_key", .text(postcode.compact)),
      ]
    case "address.lines":
      var fake = address
      fake.postcode = "A1 1AA"
      let (lines, _, _, _) = try SchoolDetails.address(fake)
      return [("address_lines", .text(lines.joined(separator: "\n")))]
    case "address.town":
      return [("town", .text(try TextField.optional(address.town, field: "address.town", max: 80)))]
    case "address.county":
      return [
        ("county", .text(try TextField.optional(address.county, field: "address.county", max: 80)))
      ]
    case "address.postcode":
      let postcode = try Postcode(address.postcode)
      return [("postcode", .text(postcode.value)), ("postcode_key", .text(postcode.compact))]
    case "phase":
      return [("phase", .integer(Int64(try SchoolDetails.phase(r.phase).rawValue)))]
    case "local_authority":
      let (code, name) = try SchoolDetails.localAuthority(r.localAuthority)
      return [("la_code", .text(code)), ("la_name", .text(name))]
    case "number_on_roll":
      return [("number_on_roll", .integer(Int64(try SchoolDetails.numberOnRoll(r.numberOnRoll))))]
    case "location":
      guard let point = try SchoolDetails.location(r.location) else {
        return [("latitude", .null), ("longitude", .null)]
      }
      return [("latitude", .real(point.latitude)), ("longitude", .real(point.longitude))]
    default:
      throw InvalidField(field: "update_paths", reason: "unknown field \"\(path)\"")
    }
  }

  private static func current(_ column: String, _ s: Registry.School) -> SQLValue {
    switch column {
    case "name": .text(s.name)
    case "name_key": .text(s.name.lowercased())
    case "address_lines": .text((s.address?.lines ?? []).joined(separator: "\n"))
    case "town": .text(s.address?.town ?? "")
    case "county": .text(s.address?.county ?? "")
    case "postcode": .text(s.address?.postcode ?? "")
    case "postcode_key": .text((s.address?.postcode ?? "").filter { $0 != " " })
    case "phase": .integer(Int64(s.phase.rawValue))
    case "la_code": .text(s.localAuthority?.code ?? "")
    case "la_name": .text(s.localAuthority?.name ?? "")
    case "number_on_roll": .integer(Int64(s.numberOnRoll))
    case "latitude": s.location.map { .real($0.latitude) } ?? .null
    case "longitude": s.location.map { .real($0.longitude) } ?? .null
    default: .null
    }
  }

  private static func equal(_ a: SQLValue, _ b: SQLValue) -> Bool { a == b }
}

/// A value shared between the closures of one store call.
final class Mutexed<Value: Sendable>: Sendable {
  private let state: Mutex<Value>
  init(_ value: Value) { state = Mutex(value) }
  func get() -> Value { state.withLock { $0 } }
  func set(_ value: Value) { state.withLock { $0 = value } }
}
