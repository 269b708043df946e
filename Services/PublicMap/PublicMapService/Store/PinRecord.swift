public import CharterValues
public import Contracts
public import Storage

/// A `pin` row as the map's queries read it, by column name.
struct PinRecord: FetchableRecord {
  var id: Int64
  var pin: MapPin

  init(row: Row) throws {
    id = try row["id"]
    let urnText: String = try row["urn"]
    guard let urn = SchoolURN(urnText) else {
      throw RowDecodingError(code: .typeMismatch, column: "urn", expectedType: "SchoolURN", foundStorageClass: "text")
    }
    pin = MapPin(
      urn: urn, name: try row["name"], phase: Common.SchoolPhase(rawValue: try row["phase"]),
      localAuthorityCode: try row["la_code"], localAuthorityName: try row["la_name"], town: try row["town"],
      postcode: try row["postcode"], latitude: try row["latitude"], longitude: try row["longitude"],
      placement: PublicMap.Placement(rawValue: try row["placement"]),
      level: Common.CharterLevel(rawValue: try row["level"]),
      levelSince: UTCTime(millisecondsSince1970: try row["level_since"]),
      badges: Self.badges(from: try row["badges"]),
      updateTime: UTCTime(millisecondsSince1970: try row["update_time"]))
  }

  /// The `badges` column: one badge a line, `year<TAB>title<TAB>detail`.
  static func text(of badges: [PinBadge]) -> String {
    badges.map { "\($0.year)\t\($0.title)\t\($0.detail)" }.joined(separator: "\n")
  }

  static func badges(from text: String) -> [PinBadge] {
    text.split(separator: "\n").compactMap { line in
      let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard parts.count == 3, let year = Int(parts[0]) else { return nil }
      return PinBadge(year: year, title: String(parts[1]), detail: String(parts[2]))
    }
  }

  /// The columns every pin query selects.
  static let columns =
    "p.id, p.urn, p.name, p.phase, p.la_code, p.la_name, p.town, p.postcode, p.latitude, p.longitude, p.placement, p.level, p.level_since, p.badges, p.update_time"
}
