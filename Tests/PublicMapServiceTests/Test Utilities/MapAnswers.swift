import CharterValues
import Contracts
import PublicMapService

/// Every answer the map gives, as one text to compare between a rebuild, replicas, or orders:
/// all pins (search), clusters at several zooms, statistics nationally and for one authority.
enum MapAnswers {
  static func of(_ store: PublicMapStore) async throws -> String {
    var lines: [String] = []
    var token = ""
    repeat {
      let page = try await store.searchPins(MapFilter(), text: "", page: try PageRequest(size: 1000, token: token))
      lines += page.pins.map { "\($0.message)" }
      token = page.nextPageToken
    } while !token.isEmpty
    for zoom in [4, 7, 10, 13] {
      lines += try await store.markers(MapFilter(box: .england), zoom: zoom).map { marker in
        switch marker {
        case .pin(let pin): "z\(zoom) pin \(pin.urn)"
        case .cluster(let lat, let lon, let count, let bounds, let byLevel):
          "z\(zoom) cluster \(lat) \(lon) \(count) \(bounds) \(levels(byLevel))"
        }
      }
    }
    let counts = try await store.counts(MapFilter())
    lines.append("total \(group(counts.total)) as of \(String(describing: counts.asOf))")
    lines += counts.byAuthority.sorted { $0.key < $1.key }.map {
      "la \($0.key) \($0.value.name) \(group($0.value.group))"
    }
    lines += counts.byPhase.sorted { $0.key.rawValue < $1.key.rawValue }.map { "phase \($0.key) \(group($0.value))" }
    return lines.joined(separator: "\n")
  }

  static func levels(_ byLevel: [Common.CharterLevel: Int]) -> String {
    byLevel.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue):\($0.value)" }.joined(separator: ",")
  }

  static func group(_ group: MapCounts.Group) -> String {
    "\(group.count) approx \(group.approximate) \(levels(group.byLevel))"
  }
}
