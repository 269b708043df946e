public import CharterValues
public import Contracts
import FoundationEssentials
public import RegistryReplica
public import ServiceKit
public import Storage

/// Keeps the pins in step with the facts: applies the registry's and accreditation's events
/// to the facts they carry, re-derives the school's pin by ``MapPin/derive(school:standing:badges:centroids:updateTime:)``,
/// updates the pin's indexes (R*Tree, FTS5, cluster cells) and appends PinAdded, PinUpdated or
/// PinRemoved, all in the follower's transaction. Pins depend only on the facts, never on the
/// order the two feeds arrive in, so a rebuild or a second replica converges to the same map.
public struct PinKeeper: Sendable {
  public let store: PublicMapStore
  public let centroids: CentroidTable

  public init(store: PublicMapStore, centroids: CentroidTable = .shipped) {
    self.store = store
    self.centroids = centroids
  }

  // MARK: the feeds

  /// Applies one registry event (schools only).
  public func applyRegistry(_ event: Registry.RegistryEvent, in db: Connection) throws {
    let time = event.occurredAt?.utcTime ?? UTCTime(secondsSince1970: 0)
    try RegistrySchoolsReplica.apply(event, in: db) { old, new, db in
      if old.map(Self.publicFacts) != Self.publicFacts(new) {
        try Self.touch(new.urn.rawValue, column: "registry_changed_at", at: time, in: db)
      }
      try refresh(new.urn, in: db)
    }
  }

  /// Applies one accreditation event: level changes and award results; the rest is not public.
  public func applyAccreditation(_ event: Accreditation.AccreditationEvent, in db: Connection) throws {
    let time = event.occurredAt?.utcTime ?? UTCTime(secondsSince1970: 0)
    switch event.payload {
    case .levelChanged(let change)?:
      guard let urn = SchoolURN(event.schoolUrn) else { return }
      // The map already shows a committed school at level 1 from the day it committed: the
      // first standing that says so changes nothing the public sees (no date, no update).
      let previous = try db.fetchOne(sql: "SELECT level FROM map_standing WHERE urn = ?", arguments: [urn.rawValue])
        .map { Common.CharterLevel(rawValue: try $0["level"]) }
      let shown = previous ?? .committed
      guard change.level != shown || previous == nil else { return }
      let since = previous == nil && change.level == .committed ? 0 : time.millisecondsSince1970
      try db.execute(
        sql: """
          INSERT INTO map_standing (urn, level, level_since) VALUES (?, ?, ?)
          ON CONFLICT (urn) DO UPDATE SET level = excluded.level, level_since = excluded.level_since
          """,
        arguments: [urn.rawValue, change.level.rawValue, since])
      guard change.level != shown else { return }
      try Self.touch(urn.rawValue, column: "accreditation_changed_at", at: time, in: db)
      try refresh(urn, in: db)
    case .awardResultRecorded(let recorded)?:
      guard let entry = recorded.entry, let urn = SchoolURN(entry.schoolUrn) else { return }
      let year = Int(recorded.year != 0 ? recorded.year : entry.year)
      if let badge = PinBadge(
        year: year, result: entry.result, category: entry.categoryTitle, subCategory: entry.subCategoryTitle)
      {
        try db.execute(
          sql: """
            INSERT INTO map_badge (entry_id, urn, year, title, detail) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (entry_id) DO UPDATE SET urn = excluded.urn, year = excluded.year, title = excluded.title,
              detail = excluded.detail
            """,
          arguments: [entry.entryId, urn.rawValue, badge.year, badge.title, badge.detail])
      } else {
        try db.execute(sql: "DELETE FROM map_badge WHERE entry_id = ?", arguments: [entry.entryId])
      }
      try Self.touch(urn.rawValue, column: "accreditation_changed_at", at: time, in: db)
      try refresh(urn, in: db)
    default:
      return
    }
  }

  /// What of a registry record the map shows or decides with (the roll is not among it).
  static func publicFacts(_ school: RegistrySchool) -> RegistrySchool {
    var facts = school
    facts.numberOnRoll = 0
    return facts
  }

  /// Records that a source changed a fact the pin shows at `time` (never moving back).
  static func touch(_ urn: String, column: String, at time: UTCTime, in db: Connection) throws {
    let sql =
      column == "registry_changed_at"
      ? """
      INSERT INTO map_source (urn, registry_changed_at) VALUES (?, ?)
      ON CONFLICT (urn) DO UPDATE SET registry_changed_at = max(registry_changed_at, excluded.registry_changed_at)
      """
      : """
      INSERT INTO map_source (urn, accreditation_changed_at) VALUES (?, ?)
      ON CONFLICT (urn) DO UPDATE SET
        accreditation_changed_at = max(accreditation_changed_at, excluded.accreditation_changed_at)
      """
    try db.execute(sql: sql, arguments: [urn, time.millisecondsSince1970])
  }

  // MARK: the pin

  /// Re-derives a school's pin from its facts and writes the difference, with its event.
  func refresh(_ urn: SchoolURN, in db: Connection) throws {
    guard let school = try RegistrySchoolsReplica.school(urn, in: db) else { return }
    let standing = try db.fetchOne(
      sql: "SELECT level, level_since FROM map_standing WHERE urn = ?", arguments: [urn.rawValue]
    )
    .map { row in
      MapStanding(
        level: Common.CharterLevel(rawValue: try row["level"]),
        since: UTCTime(millisecondsSince1970: try row["level_since"]))
    }
    let badges = try db.fetchAll(
      sql: "SELECT year, title, detail FROM map_badge WHERE urn = ?", arguments: [urn.rawValue]
    ).map { row in PinBadge(year: try row["year"], title: try row["title"], detail: try row["detail"]) }
    let source = try db.fetchOne(
      sql: "SELECT max(registry_changed_at, accreditation_changed_at) AS at FROM map_source WHERE urn = ?",
      arguments: [urn.rawValue])
    let updateTime = UTCTime(millisecondsSince1970: try source?["at"] ?? 0)
    let old = try db.fetchOne(
      PinRecord.self, sql: "SELECT \(PinRecord.columns) FROM pin p WHERE p.urn = ?", arguments: [urn.rawValue])
    switch MapPin.derive(
      school: school, standing: standing, badges: badges, centroids: centroids, updateTime: updateTime)
    {
    case .success(let pin):
      if let old {
        guard old.pin != pin else { return }
        try write(pin, id: old.id, replacing: old.pin, in: db)
        try store.append(
          .pinUpdated(PublicMap.PinUpdated(school: pin.message, changedFields: pin.changedFields(from: old.pin))),
          in: db)
      } else {
        try write(pin, id: nil, replacing: nil, in: db)
        try store.append(.pinAdded(PublicMap.PinAdded(school: pin.message)), in: db)
      }
    case .failure(let absence):
      guard let old else { return }
      try remove(old, in: db)
      try store.append(
        .pinRemoved(PublicMap.PinRemoved(urn: urn.rawValue, reason: absence.reason)), in: db)
    }
  }

  private func write(_ pin: MapPin, id: Int64?, replacing old: MapPin?, in db: Connection) throws {
    let arguments: [any SQLValueConvertible] = [
      pin.urn.rawValue, pin.name, pin.phase.rawValue, pin.localAuthorityCode, pin.localAuthorityName, pin.town,
      pin.postcode, pin.latitude, pin.longitude, pin.placement.rawValue, pin.level.rawValue,
      pin.levelSince.millisecondsSince1970, PinRecord.text(of: pin.badges), pin.updateTime.millisecondsSince1970,
    ]
    let row = try db.fetchOne(
      sql: """
        INSERT INTO pin (urn, name, phase, la_code, la_name, town, postcode, latitude, longitude, placement, level,
          level_since, badges, update_time)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (urn) DO UPDATE SET name = excluded.name, phase = excluded.phase, la_code = excluded.la_code,
          la_name = excluded.la_name, town = excluded.town, postcode = excluded.postcode,
          latitude = excluded.latitude, longitude = excluded.longitude, placement = excluded.placement,
          level = excluded.level, level_since = excluded.level_since, badges = excluded.badges,
          update_time = excluded.update_time
        RETURNING id
        """, arguments: arguments)
    guard let id = try row?["id"] as Int64? else { return }
    if old?.latitude != pin.latitude || old?.longitude != pin.longitude {
      try db.execute(
        sql: "INSERT OR REPLACE INTO pin_location (id, min_lat, max_lat, min_lon, max_lon) VALUES (?, ?, ?, ?, ?)",
        arguments: [id, pin.latitude, pin.latitude, pin.longitude, pin.longitude])
    }
    if old?.name != pin.name || old?.town != pin.town || old?.postcode != pin.postcode {
      try db.execute(sql: "DELETE FROM pin_text WHERE rowid = ?", arguments: [id])
      try db.execute(
        sql: "INSERT INTO pin_text (rowid, name, town, postcode) VALUES (?, ?, ?, ?)",
        arguments: [
          id, SearchText.indexed(pin.name), SearchText.indexed(pin.town), SearchText.indexed(postcode: pin.postcode),
        ])
    }
    if let old, old.latitude == pin.latitude, old.longitude == pin.longitude, old.level == pin.level,
      old.phase == pin.phase
    {
      return
    }
    if let old { try count(old, id: id, by: -1, in: db) }
    try count(pin, id: id, by: 1, in: db)
  }

  private func remove(_ record: PinRecord, in db: Connection) throws {
    try count(record.pin, id: record.id, by: -1, in: db)
    try db.execute(sql: "DELETE FROM pin_location WHERE id = ?", arguments: [record.id])
    try db.execute(sql: "DELETE FROM pin_text WHERE rowid = ?", arguments: [record.id])
    try db.execute(sql: "DELETE FROM pin WHERE id = ?", arguments: [record.id])
  }

  /// Adds a pin to (or, with -1, takes it from) its cell at every pre-aggregated zoom level.
  /// Positions are summed in whole microdegrees, so sums are exact whatever the order.
  private func count(_ pin: MapPin, id: Int64, by delta: Int64, in db: Connection) throws {
    let lat = Int64((pin.latitude * 1_000_000).rounded())
    let lon = Int64((pin.longitude * 1_000_000).rounded())
    for zoom in ClusterGrid.lowestStoredZoom...ClusterGrid.aggregatedZoomLimit {
      let (x, y) = ClusterGrid(zoom: zoom).cell(latitude: pin.latitude, longitude: pin.longitude)
      let key: [any SQLValueConvertible] = [zoom, x, y, pin.level.rawValue, pin.phase.rawValue]
      try db.execute(
        sql: """
          INSERT INTO pin_cell (zoom, cx, cy, level, phase, count, sum_lat, sum_lon, id_sum)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (zoom, cx, cy, level, phase) DO UPDATE SET count = count + excluded.count,
            sum_lat = sum_lat + excluded.sum_lat, sum_lon = sum_lon + excluded.sum_lon,
            id_sum = id_sum + excluded.id_sum
          """, arguments: key + [delta, lat * delta, lon * delta, id * delta])
      if delta < 0 {
        try db.execute(
          sql: "DELETE FROM pin_cell WHERE zoom = ? AND cx = ? AND cy = ? AND level = ? AND phase = ? AND count <= 0",
          arguments: key)
      }
    }
  }
}
