public import CharterValues
public import Contracts

/// A validated rectangle on the map (degrees, south-west to north-east), the one shape every
/// map query is asked in. Boxes that cross the antimeridian are refused: the Charter's schools
/// are all in England, and an inverted box is far more often a caller's mistake.
public struct MapBox: Sendable, Hashable, CustomStringConvertible {
  public var south: Double
  public var west: Double
  public var north: Double
  public var east: Double

  /// England and a margin: the box the whole map starts at.
  public static let england = MapBox(unchecked: 49.8, west: -6.5, north: 55.9, east: 2.0)
  /// The whole world.
  public static let world = MapBox(unchecked: -90, west: -180, north: 90, east: 180)

  init(unchecked south: Double, west: Double, north: Double, east: Double) {
    self.south = south
    self.west = west
    self.north = north
    self.east = east
  }

  /// - Throws: ``InvalidField`` (`field`) when a coordinate is not a number in range, or the box
  ///   is inverted (south above north, west east of east).
  public init(south: Double, west: Double, north: Double, east: Double, field: String = "bounds") throws(InvalidField) {
    for (value, limit, name) in [
      (south, 90.0, "south"), (north, 90.0, "north"), (west, 180.0, "west"), (east, 180.0, "east"),
    ] {
      guard value.isFinite, abs(value) <= limit else {
        throw InvalidField(field: field, reason: "\(name) must be a number within ±\(Int(limit)) degrees")
      }
    }
    guard south <= north else { throw InvalidField(field: field, reason: "south (\(south)) is above north (\(north))") }
    guard west <= east else { throw InvalidField(field: field, reason: "west (\(west)) is east of east (\(east))") }
    self.init(unchecked: south, west: west, north: north, east: east)
  }

  /// The box a request gives; `nil` when it gives none.
  public init?(_ message: PublicMap.BoundingBox?, field: String = "bounds") throws(InvalidField) {
    guard let message else { return nil }
    let sw = message.southWest ?? Common.GeoPoint()
    let ne = message.northEast ?? Common.GeoPoint()
    try self.init(south: sw.latitude, west: sw.longitude, north: ne.latitude, east: ne.longitude, field: field)
  }

  public func contains(latitude: Double, longitude: Double) -> Bool {
    (south...north).contains(latitude) && (west...east).contains(longitude)
  }

  public var message: PublicMap.BoundingBox {
    PublicMap.BoundingBox(
      southWest: Common.GeoPoint(latitude: south, longitude: west),
      northEast: Common.GeoPoint(latitude: north, longitude: east))
  }

  public var description: String { "\(west),\(south),\(east),\(north)" }
}
