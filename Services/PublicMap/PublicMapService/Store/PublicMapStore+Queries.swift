public import CharterValues
public import Contracts
public import ServiceKit
public import Storage

/// One page of pins, with how many match in all.
public struct PinPage: Sendable, Hashable {
  public var pins: [MapPin]
  public var total: Int
  public var nextPageToken: String
}

/// A marker of a clustered view: several pins as one, or one pin.
public enum MapMarker: Sendable, Hashable {
  case cluster(latitude: Double, longitude: Double, count: Int, bounds: MapBox, byLevel: [Common.CharterLevel: Int])
  case pin(MapPin)

  public var count: Int {
    switch self {
    case .cluster(_, _, let count, _, _): count
    case .pin: 1
    }
  }
}

/// Counts of pins by level, authority and phase.
public struct MapCounts: Sendable, Hashable {
  public struct Group: Sendable, Hashable {
    public var count = 0
    public var approximate = 0
    public var byLevel: [Common.CharterLevel: Int] = [:]
  }
  public var total = Group()
  /// An authority's name and counts.
  public struct Authority: Sendable, Hashable {
    public var name: String
    public var group = Group()
  }
  /// By authority code.
  public var byAuthority: [String: Authority] = [:]
  public var byPhase: [Common.SchoolPhase: Group] = [:]
  /// The newest update among the counted pins.
  public var asOf: UTCTime?
}

extension PublicMapStore {
  /// The WHERE clause and arguments of a filter over `pin p` (and `query`, an FTS5 expression).
  static func conditions(_ filter: MapFilter, match: String? = nil) -> (
    sql: String, arguments: [any SQLValueConvertible]
  ) {
    var clauses: [String] = []
    var arguments: [any SQLValueConvertible] = []
    if let box = filter.box {
      clauses.append(
        "p.id IN (SELECT id FROM pin_location WHERE min_lat >= ? AND max_lat <= ? AND min_lon >= ? AND max_lon <= ?)")
      arguments += [box.south, box.north, box.west, box.east]
    }
    if let match {
      clauses.append("p.id IN (SELECT rowid FROM pin_text WHERE pin_text MATCH ?)")
      arguments.append(match)
    }
    func list<T>(_ column: String, _ values: [T], _ value: (T) -> any SQLValueConvertible) {
      guard !values.isEmpty else { return }
      clauses.append("\(column) IN (\(Array(repeating: "?", count: values.count).joined(separator: ", ")))")
      arguments += values.map(value)
    }
    list("p.level", filter.levels.map(\.rawValue).sorted()) { $0 }
    list("p.phase", filter.phases.map(\.rawValue).sorted()) { $0 }
    list("p.la_code", filter.localAuthorityCodes.sorted()) { $0 }
    switch filter.placement {
    case .exact: clauses.append("p.placement = \(PublicMap.Placement.schoolLocation.rawValue)")
    case .approximate: clauses.append("p.placement <> \(PublicMap.Placement.schoolLocation.rawValue)")
    default: break
    }
    return (clauses.isEmpty ? "1" : clauses.joined(separator: " AND "), arguments)
  }

  /// Pins matching a filter and search text, by name, one keyset page at a time.
  /// - Parameter text: words to find in the name, town or postcode (each a prefix).
  public func searchPins(_ filter: MapFilter, text: String, page: PageRequest) async throws -> PinPage {
    let match = SearchText.matchExpression(text)
    return try await database.read { db in
      let (sql, arguments) = Self.conditions(filter, match: match)
      var keyed = sql
      var pageArguments = arguments
      if let key = page.afterKey {
        let parts = key.split(separator: "\u{1F}", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else {
          throw InvalidField(field: "page_token", reason: "is not a token from a previous page")
        }
        keyed += " AND (p.name, p.urn) > (?, ?)"
        pageArguments += [String(parts[0]), String(parts[1])]
      }
      let pins = try db.fetchAll(
        PinRecord.self,
        sql: "SELECT \(PinRecord.columns) FROM pin p WHERE \(keyed) ORDER BY p.name, p.urn LIMIT ?",
        arguments: pageArguments + [page.size]
      ).map(\.pin)
      // A first page that is not full holds every match (a city's box, usually): no need to
      // search the index a second time to count them.
      let total: Int =
        if page.afterKey == nil, pins.count < page.size {
          pins.count
        } else {
          try db.fetchOne(sql: "SELECT count(*) AS n FROM pin p WHERE \(sql)", arguments: arguments)?["n"] ?? 0
        }
      return PinPage(
        pins: pins, total: total,
        nextPageToken: page.nextToken(after: pins) { "\($0.name)\u{1F}\($0.urn.rawValue)" })
    }
  }

  /// One school's pin, if it is on the map.
  public func pin(_ urn: SchoolURN) async throws -> MapPin? {
    try await database.read { db in
      try db.fetchOne(
        PinRecord.self, sql: "SELECT \(PinRecord.columns) FROM pin p WHERE p.urn = ?", arguments: [urn.rawValue])?
        .pin
    }
  }

  /// The markers for a view: pins grouped by ``ClusterGrid`` cell, a cell of one pin shown as
  /// that pin. Up to zoom 10 (and without authority or placement filters) the counts come from
  /// the pre-aggregated cells; above it, from the pins in the box, which are few there.
  public func markers(_ filter: MapFilter, zoom: Int) async throws -> [MapMarker] {
    let grid = ClusterGrid(zoom: zoom)
    let box = filter.box ?? .world
    if zoom <= ClusterGrid.aggregatedZoomLimit, filter.localAuthorityCodes.isEmpty, filter.placement == .unspecified {
      return try await aggregatedMarkers(filter, grid: grid, box: box)
    }
    var boxed = filter
    boxed.box = box
    let pinFilter = boxed
    let pins = try await database.read { db in
      let (sql, arguments) = Self.conditions(pinFilter)
      return try db.fetchAll(
        PinRecord.self, sql: "SELECT \(PinRecord.columns) FROM pin p WHERE \(sql)", arguments: arguments
      )
      .map(\.pin)
    }
    var cells: [Int: [MapPin]] = [:]
    for pin in pins {
      let (x, y) = grid.cell(latitude: pin.latitude, longitude: pin.longitude)
      cells[y << 24 | x, default: []].append(pin)
    }
    return cells.sorted { $0.key < $1.key }.map { _, pins in
      guard pins.count > 1 else { return .pin(pins[0]) }
      var byLevel: [Common.CharterLevel: Int] = [:]
      for pin in pins { byLevel[pin.level, default: 0] += 1 }
      let lats = pins.map(\.latitude)
      let lons = pins.map(\.longitude)
      return .cluster(
        latitude: Self.rounded(lats.reduce(0, +) / Double(pins.count)),
        longitude: Self.rounded(lons.reduce(0, +) / Double(pins.count)), count: pins.count,
        bounds: MapBox(unchecked: lats.min()!, west: lons.min()!, north: lats.max()!, east: lons.max()!),
        byLevel: byLevel)
    }
  }

  private func aggregatedMarkers(_ filter: MapFilter, grid: ClusterGrid, box: MapBox) async throws -> [MapMarker] {
    try await database.read { db in
      let (xs, ys) = grid.cells(in: box)
      // Grids coarser than the lowest stored one are its cells summed: shift their coordinates.
      let stored = max(grid.zoom, ClusterGrid.lowestStoredZoom)
      let shift = stored - grid.zoom
      var sql = """
        SELECT (cx >> ?) AS gx, (cy >> ?) AS gy, level, sum(count) AS count, sum(sum_lat) AS sum_lat,
          sum(sum_lon) AS sum_lon, sum(id_sum) AS id_sum
        FROM pin_cell WHERE zoom = ? AND cx BETWEEN ? AND ? AND cy BETWEEN ? AND ?
        """
      var arguments: [any SQLValueConvertible] = [
        shift, shift, stored, xs.lowerBound << shift, ((xs.upperBound + 1) << shift) - 1, ys.lowerBound << shift,
        ((ys.upperBound + 1) << shift) - 1,
      ]
      for (column, values) in [("level", filter.levels.map(\.rawValue)), ("phase", filter.phases.map(\.rawValue))]
      where !values.isEmpty {
        sql += " AND \(column) IN (\(Array(repeating: "?", count: values.count).joined(separator: ", ")))"
        arguments += values.sorted().map { $0 as any SQLValueConvertible }
      }
      sql += " GROUP BY gx, gy, level ORDER BY gy, gx"
      var cells: [ClusterCell] = []
      for row in try db.fetchAll(sql: sql, arguments: arguments) {
        let x: Int = try row["gx"]
        let y: Int = try row["gy"]
        if cells.last?.x != x || cells.last?.y != y { cells.append(ClusterCell(x: x, y: y)) }
        let count: Int = try row["count"]
        cells[cells.count - 1].count += count
        cells[cells.count - 1].lat += try row["sum_lat"] as Int64
        cells[cells.count - 1].lon += try row["sum_lon"] as Int64
        cells[cells.count - 1].idSum += try row["id_sum"] as Int64
        cells[cells.count - 1].byLevel[Common.CharterLevel(rawValue: try row["level"]), default: 0] += count
      }
      let singles = cells.filter { $0.count == 1 }.map(\.idSum)
      var pins: [Int64: MapPin] = [:]
      for start in stride(from: 0, to: singles.count, by: 500) {
        let chunk = singles[start..<min(start + 500, singles.count)]
        let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
        for record in try db.fetchAll(
          PinRecord.self, sql: "SELECT \(PinRecord.columns) FROM pin p WHERE p.id IN (\(placeholders))",
          arguments: chunk.map { $0 as any SQLValueConvertible })
        {
          pins[record.id] = record.pin
        }
      }
      return cells.map { cell in
        if cell.count == 1, let pin = pins[cell.idSum] { return .pin(pin) }
        return .cluster(
          latitude: Self.rounded(Double(cell.lat) / Double(cell.count) / 1_000_000),
          longitude: Self.rounded(Double(cell.lon) / Double(cell.count) / 1_000_000), count: cell.count,
          bounds: grid.bounds(x: cell.x, y: cell.y), byLevel: cell.byLevel)
      }
    }
  }

  static func rounded(_ degrees: Double) -> Double { (degrees * 1_000_000).rounded() / 1_000_000 }

  /// Counts of the pins a filter keeps, by level, authority and phase.
  public func counts(_ filter: MapFilter) async throws -> MapCounts {
    try await database.read { db in
      let (sql, arguments) = Self.conditions(filter)
      var counts = MapCounts()
      for row in try db.fetchAll(
        sql: """
          SELECT p.level, p.phase, p.la_code, p.la_name, count(*) AS n,
            sum(p.placement <> \(PublicMap.Placement.schoolLocation.rawValue)) AS approximate,
            max(p.update_time) AS as_of
          FROM pin p WHERE \(sql) GROUP BY p.level, p.phase, p.la_code, p.la_name
          """, arguments: arguments)
      {
        let level = Common.CharterLevel(rawValue: try row["level"])
        let n: Int = try row["n"]
        let approximate: Int = try row["approximate"]
        func add(_ group: inout MapCounts.Group) {
          group.count += n
          group.approximate += approximate
          group.byLevel[level, default: 0] += n
        }
        add(&counts.total)
        add(&counts.byPhase[Common.SchoolPhase(rawValue: try row["phase"]), default: MapCounts.Group()])
        let code: String = try row["la_code"]
        var authority = try counts.byAuthority[code] ?? MapCounts.Authority(name: row["la_name"])
        add(&authority.group)
        counts.byAuthority[code] = authority
        let asOf = UTCTime(millisecondsSince1970: try row["as_of"])
        if counts.asOf.map({ $0 < asOf }) ?? true { counts.asOf = asOf }
      }
      return counts
    }
  }
}

/// One grid cell's pre-aggregated counts, summed over its rows (levels, phases).
private struct ClusterCell {
  var x: Int
  var y: Int
  var count = 0
  var lat: Int64 = 0
  var lon: Int64 = 0
  var idSum: Int64 = 0
  var byLevel: [Common.CharterLevel: Int] = [:]
}
