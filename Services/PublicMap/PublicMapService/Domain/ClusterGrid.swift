import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#endif

/// The grid server-side clustering groups pins on: square cells of about 64 screen pixels at a
/// web-map zoom level (Web Mercator, 256-pixel tiles), so pins that would overlap on screen
/// share a cell and the page draws one marker with counts instead of thousands of pins.
///
/// Cells are counted from the map's north-west corner: at zoom `z` the world is
/// `2^(z+2)` cells wide and tall.
public struct ClusterGrid: Sendable, Hashable {
  /// Highest zoom level a request may ask for.
  public static let maximumZoom = 20
  /// Zoom levels up to this one are pre-aggregated in the store; above it, clusters are made
  /// from the pins in the box, which at that zoom are few.
  public static let aggregatedZoomLimit = 10
  /// The lowest zoom level the store keeps cells for; coarser grids are sums of its cells (a
  /// cell at zoom z holds the cells of zoom z+1 whose coordinates halve to it).
  public static let lowestStoredZoom = 4
  /// Web Mercator's latitude limit.
  static let latitudeLimit = 85.05112878

  public let zoom: Int

  public init(zoom: Int) { self.zoom = zoom }

  var cellsAcross: Double { Double(1 << (zoom + 2)) }

  /// The cell a position falls in.
  public func cell(latitude: Double, longitude: Double) -> (x: Int, y: Int) {
    let n = cellsAcross
    let x = (longitude + 180) / 360 * n
    let lat = min(max(latitude, -Self.latitudeLimit), Self.latitudeLimit) * .pi / 180
    let y = (1 - log(tan(lat) + 1 / cos(lat)) / .pi) / 2 * n
    let limit = Int(n) - 1
    return (min(max(Int(x.rounded(.down)), 0), limit), min(max(Int(y.rounded(.down)), 0), limit))
  }

  /// The cells a box covers, as ranges of x and y.
  public func cells(in box: MapBox) -> (x: ClosedRange<Int>, y: ClosedRange<Int>) {
    let sw = cell(latitude: box.south, longitude: box.west)
    let ne = cell(latitude: box.north, longitude: box.east)
    return (sw.x...ne.x, ne.y...sw.y)
  }

  /// A cell's box in degrees.
  public func bounds(x: Int, y: Int) -> MapBox {
    let n = cellsAcross
    func latitude(_ row: Double) -> Double { atan(sinh(.pi * (1 - 2 * row / n))) * 180 / .pi }
    return MapBox(
      unchecked: latitude(Double(y + 1)), west: Double(x) / n * 360 - 180, north: latitude(Double(y)),
      east: Double(x + 1) / n * 360 - 180)
  }
}
