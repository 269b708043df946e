public import CharterValues
public import Contracts
public import RPCCore
public import ServiceKit

/// charter.publicmap.v1.PublicMap: answers the public's map queries from the read model.
/// Every method is public (no token): the map holds only what schools chose to publish.
public struct PublicMapService: PublicMap.ServiceProtocol {
  let store: PublicMapStore

  public init(store: PublicMapStore) { self.store = store }

  public func searchMapSchools(
    request: PublicMap.SearchMapSchoolsRequest, context: ServerContext
  ) async throws -> PublicMap.SearchMapSchoolsResponse {
    let filter = try MapFilter(
      box: try MapBox(request.bounds), levels: request.levels, phases: request.phases,
      localAuthorityCodes: request.localAuthorityCodes, placement: request.placement)
    let page = try PageRequest(size: request.pageSize, token: request.pageToken)
    guard request.query.count <= 200 else {
      throw InvalidField(field: "query", reason: "is longer than 200 characters")
    }
    let found = try await store.searchPins(filter, text: request.query, page: page)
    return PublicMap.SearchMapSchoolsResponse(
      schools: found.pins.map(\.message), nextPageToken: found.nextPageToken, totalSize: Int32(found.total))
  }

  public func getMapSchool(
    request: PublicMap.GetMapSchoolRequest, context: ServerContext
  ) async throws -> PublicMap.MapSchool {
    let urn = try SchoolURN(parsing: request.urn, field: "urn")
    guard let pin = try await store.pin(urn) else { throw PublicMapError.schoolNotFound(urn: urn.rawValue) }
    return pin.message
  }

  public func getMapClusters(
    request: PublicMap.GetMapClustersRequest, context: ServerContext
  ) async throws -> PublicMap.GetMapClustersResponse {
    guard (0...ClusterGrid.maximumZoom).contains(Int(request.zoom)) else {
      throw InvalidField(field: "zoom", reason: "must be 0 to \(ClusterGrid.maximumZoom), got \(request.zoom)")
    }
    let filter = try MapFilter(
      box: try MapBox(request.bounds), levels: request.levels, phases: request.phases,
      localAuthorityCodes: request.localAuthorityCodes, placement: request.placement)
    let markers = try await store.markers(filter, zoom: Int(request.zoom))
    return PublicMap.GetMapClustersResponse(
      features: markers.map(\.message), totalSchools: Int32(markers.reduce(0) { $0 + $1.count }))
  }

  public func getMapStatistics(
    request: PublicMap.GetMapStatisticsRequest, context: ServerContext
  ) async throws -> PublicMap.MapStatistics {
    let codes = request.localAuthorityCode.isEmpty ? [] : [request.localAuthorityCode]
    let filter = try MapFilter(
      box: try MapBox(request.bounds), levels: [], phases: [], localAuthorityCodes: codes, placement: .unspecified)
    return try await store.counts(filter).message
  }

  public func streamEvents(
    request: PublicMap.StreamEventsRequest, response: RPCResponseWriter<PublicMap.PublicMapEvent>,
    context: ServerContext
  ) async throws {
    var request = request
    if request.fromHead { request.afterSequence = try await store.latestSequence() }
    try await store.streamEvents(request, to: response)
  }
}

extension MapMarker {
  var message: PublicMap.MapFeature {
    switch self {
    case .pin(let pin): PublicMap.MapFeature(feature: .school(pin.message))
    case .cluster(let latitude, let longitude, let count, let bounds, let byLevel):
      PublicMap.MapFeature(
        feature: .cluster(
          PublicMap.MapCluster(
            centroid: Common.GeoPoint(latitude: latitude, longitude: longitude), count: Int32(count),
            bounds: bounds.message, byLevel: LevelCounts.message(byLevel))))
    }
  }
}

/// Level counts in the contract's shape: every level the map shows, in level order.
enum LevelCounts {
  static func message(_ counts: [Common.CharterLevel: Int]) -> [PublicMap.LevelCount] {
    MapFilter.mappedLevels.map { PublicMap.LevelCount(level: $0, count: Int32(counts[$0] ?? 0)) }
  }
}

extension MapCounts {
  var message: PublicMap.MapStatistics {
    PublicMap.MapStatistics(
      totalSchools: Int32(total.count), byLevel: LevelCounts.message(total.byLevel),
      byLocalAuthority: byAuthority.sorted { ($0.value.name, $0.key) < ($1.value.name, $1.key) }.map {
        code, authority in
        PublicMap.LocalAuthorityCount(
          localAuthority: Common.LocalAuthority(code: code, name: authority.name), count: Int32(authority.group.count),
          byLevel: LevelCounts.message(authority.group.byLevel), approximateCount: Int32(authority.group.approximate))
      },
      byPhase: byPhase.sorted { $0.key.rawValue < $1.key.rawValue }.map { phase, group in
        PublicMap.PhaseCount(phase: phase, count: Int32(group.count), byLevel: LevelCounts.message(group.byLevel))
      },
      asOf: asOf.map(Protobuf.Timestamp.init), approximateSchools: Int32(total.approximate))
  }
}
