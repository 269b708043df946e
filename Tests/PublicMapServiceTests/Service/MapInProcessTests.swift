import CharterValues
import Contracts
import Foundation
import PublicMapService
import RPCCore
import ServiceKit
import Testing

/// The registry, accreditation and public-map replicas in one process, through the typed
/// clients on the in-process transport.
@Suite("Public map over the in-process transport", .serialized)
struct MapInProcessTests {
  /// Every answer a replica gives through its client.
  static func answers(_ map: PublicMap.Client) async throws -> String {
    var lines: [String] = []
    let found = try await map.searchMapSchools(.init(pageSize: 1000))
    lines += found.schools.map { "\($0)" }
    for zoom in [5, 9, 14] as [Int32] {
      let clusters = try await map.getMapClusters(.init(bounds: MapBox.england.message, zoom: zoom))
      lines += clusters.features.map { "z\(zoom) \($0)" }
    }
    lines.append("\(try await map.getMapStatistics(.init()))")
    lines.append("\(try await map.getMapStatistics(.init(localAuthorityCode: "383")))")
    return lines.joined(separator: "\n")
  }

  @Test(
    "a school that commits publicly reaches the map; delisting removes it; unknown and hidden schools are NOT_FOUND alike"
  )
  func journey() async throws {
    let system = try await MapSystem.start()
    let (host, map) = try await system.startMap(named: "public-map")
    try await system.register("910001", "St Mary's Primary")
    try await system.register("910002", "Hidden Primary", listed: false)
    try await system.register("910003", "Nowhere Primary", location: nil)
    let school = try await eventually("the pin") { try await map.getMapSchool(.init(urn: "910001")) }
    #expect(school.name == "St Mary's Primary" && school.level == .committed && !school.approximate)
    let approximate = try await eventually("the approximate pin") { try await map.getMapSchool(.init(urn: "910003")) }
    #expect(approximate.approximate && approximate.placement == .localAuthority)
    let search = try await map.searchMapSchools(.init(query: "st marys"))
    #expect(search.schools.map(\.urn) == ["910001"])
    for urn in ["910002", "999999"] {
      do {
        _ = try await map.getMapSchool(.init(urn: urn))
        Issue.record("\(urn) should not be found")
      } catch let error as RPCError {
        #expect(error.code == .notFound)
        #expect(error.message == "no school with URN \(urn) is on the map")
      }
    }
    await #expect(throws: RPCError.self) { try await map.getMapSchool(.init(urn: "12")) }
    do {
      _ = try await map.getMapClusters(.init(bounds: MapBox.england.message, zoom: 21))
      Issue.record("zoom 21 accepted")
    } catch let error as RPCError { #expect(error.code == .invalidArgument && error.message.hasPrefix("zoom")) }
    var inverted = MapBox.england.message
    swap(&inverted.southWest, &inverted.northEast)
    do {
      _ = try await map.searchMapSchools(.init(bounds: inverted))
      Issue.record("an inverted box accepted")
    } catch let error as RPCError { #expect(error.code == .invalidArgument && error.message.hasPrefix("bounds")) }
    let statistics = try await map.getMapStatistics(.init())
    #expect(statistics.totalSchools == 2 && statistics.approximateSchools == 1)

    // The map's own feed tells followers (the gateway) of each change.
    _ = try await system.admin.setPublicListing(.init(urn: "910001", publiclyListed: false))
    _ = try await eventually("the pin to go") { () async throws -> Bool? in
      do {
        _ = try await map.getMapSchool(.init(urn: "910001"))
        return nil
      } catch { return true }
    }
    let events = try await map.streamEvents(.init(afterSequence: 0, stopAtHead: true)) { stream in
      var all: [PublicMap.PublicMapEvent] = []
      for try await event in stream { all.append(event) }
      return all
    }
    #expect(
      events.contains { if case .pinRemoved(let removed)? = $0.payload { removed.urn == "910001" } else { false } })
    #expect(
      events.contains { if case .pinAdded(let added)? = $0.payload { added.school?.urn == "910003" } else { false } })
    await host.shutdown(gracePeriod: .seconds(1))
    await system.stop()
  }

  @Test("delete the map's database and it rebuilds from the feeds to the same answers; a second replica agrees")
  func rebuildAndReplicas() async throws {
    let system = try await MapSystem.start()
    for index in 0..<30 {
      try await system.register(
        String(920_000 + index), "School \(index)", location: index % 6 == 0 ? nil : (52 + Double(index) / 10, -1.5),
        listed: index % 5 != 0)
    }
    var (host, map) = try await system.startMap(named: "public-map")
    let expectedCount: Int32 = 24
    _ = try await eventually("24 pins") { () async throws -> Bool? in
      try await map.getMapStatistics(.init()).totalSchools == expectedCount ? true : nil
    }
    let before = try await Self.answers(map)
    await host.shutdown(gracePeriod: .seconds(1))
    try FileManager.default.removeItem(atPath: system.directory + "/public-map")
    (host, map) = try await system.startMap(named: "public-map")
    let (replicaHost, replica) = try await system.startMap(named: "public-map-2")
    for client in [map, replica] {
      _ = try await eventually("the rebuild") { () async throws -> Bool? in
        try await client.getMapStatistics(.init()).totalSchools == expectedCount ? true : nil
      }
    }
    // Wait until both are quiet at the same answers (the accreditation feed may still be arriving).
    let after = try await eventually("the same answers") { () async throws -> String? in
      let answer = try await Self.answers(map)
      return answer == before ? answer : nil
    }
    #expect(after == before)
    let fromReplica = try await eventually("the replica's answers") { () async throws -> String? in
      let answer = try await Self.answers(replica)
      return answer == before ? answer : nil
    }
    #expect(fromReplica == before)
    // A change reaches both replicas.
    try await system.register("929999", "Late Primary", location: (53.0, -1.0))
    for client in [map, replica] {
      _ = try await eventually("the late school") { try await client.getMapSchool(.init(urn: "929999")) }
    }
    await replicaHost.shutdown(gracePeriod: .seconds(1))
    await host.shutdown(gracePeriod: .seconds(1))
    await system.stop()
  }
}
