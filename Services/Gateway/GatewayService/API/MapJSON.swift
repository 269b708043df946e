public import Contracts

/// The public JSON shapes of the map's answers, written from the contract's messages: one
/// school, a page (JSON or GeoJSON), clusters, statistics, a pin event, a verification.
public enum MapJSON {
  public static func level(_ level: Common.CharterLevel) -> JSONValue {
    switch level {
    case .committed: 1
    case .recognised: 2
    case .ictMark: 3
    case .excellence: 4
    default: .null
    }
  }

  public static func levelName(_ level: Common.CharterLevel) -> String {
    switch level {
    case .committed: "Committed to ICT"
    case .recognised: "Recognised for ICT"
    case .ictMark: "ICT Mark Accredited"
    case .excellence: "ICT Excellence Award"
    default: "Not on the map"
    }
  }

  public static func phaseName(_ phase: Common.SchoolPhase) -> String {
    MapQuery.phaseNames.first { $0.value == phase }?.key ?? "unspecified"
  }

  static func time(_ timestamp: Protobuf.Timestamp?) -> JSONValue {
    timestamp.map { .string($0.rfc3339) } ?? .null
  }

  static func placement(_ placement: PublicMap.Placement) -> String {
    switch placement {
    case .schoolLocation: "school-location"
    case .postcodeDistrict: "postcode-district"
    case .localAuthority: "local-authority"
    default: "unspecified"
    }
  }

  /// A school's properties (without its position, which GeoJSON puts in the geometry).
  static func properties(_ school: PublicMap.MapSchool) -> [(String, JSONValue)] {
    [
      ("urn", .string(school.urn)), ("name", .string(school.name)), ("phase", .string(phaseName(school.phase))),
      (
        "local_authority",
        .object([
          ("code", .string(school.localAuthority?.code ?? "")), ("name", .string(school.localAuthority?.name ?? "")),
        ])
      ),
      ("town", .string(school.town)), ("postcode", .string(school.postcode)), ("level", level(school.level)),
      ("level_name", .string(levelName(school.level))), ("level_since", time(school.levelSince)),
      ("approximate", .bool(school.approximate)), ("placement", .string(placement(school.placement))),
      (
        "badges",
        .array(
          school.badges.map {
            .object([("title", .string($0.title)), ("detail", .string($0.detail)), ("year", .integer(Int($0.year)))])
          })
      ),
      ("updated", time(school.updateTime)),
    ]
  }

  public static func school(_ school: PublicMap.MapSchool) -> JSONValue {
    .object(
      properties(school) + [
        (
          "location",
          .object([
            ("lat", .number(school.location?.latitude ?? 0)), ("lon", .number(school.location?.longitude ?? 0)),
          ])
        )
      ])
  }

  public static func feature(_ school: PublicMap.MapSchool) -> JSONValue {
    .object([
      ("type", "Feature"), ("id", .string(school.urn)),
      (
        "geometry",
        .object([
          ("type", "Point"),
          ("coordinates", [.number(school.location?.longitude ?? 0), .number(school.location?.latitude ?? 0)]),
        ])
      ),
      ("properties", .object(properties(school))),
    ])
  }

  public static func page(_ response: PublicMap.SearchMapSchoolsResponse, geoJSON: Bool) -> JSONValue {
    let next: JSONValue = response.nextPageToken.isEmpty ? .null : .string(response.nextPageToken)
    if geoJSON {
      return .object([
        ("type", "FeatureCollection"), ("features", .array(response.schools.map(feature))),
        ("total", .integer(Int(response.totalSize))), ("next_page_token", next),
      ])
    }
    return .object([
      ("schools", .array(response.schools.map(school))), ("total", .integer(Int(response.totalSize))),
      ("next_page_token", next),
    ])
  }

  static func byLevel(_ counts: [PublicMap.LevelCount]) -> JSONValue {
    .object(counts.map { (String($0.level.rawValue), .integer(Int($0.count))) })
  }

  static func box(_ box: PublicMap.BoundingBox?) -> JSONValue {
    [
      .number(box?.southWest?.longitude ?? 0), .number(box?.southWest?.latitude ?? 0),
      .number(box?.northEast?.longitude ?? 0), .number(box?.northEast?.latitude ?? 0),
    ]
  }

  public static func clusters(_ response: PublicMap.GetMapClustersResponse) -> JSONValue {
    .object([
      ("total", .integer(Int(response.totalSchools))),
      (
        "features",
        .array(
          response.features.compactMap { feature -> JSONValue? in
            switch feature.feature {
            case .cluster(let cluster)?:
              return .object([
                ("type", "cluster"), ("lat", .number(cluster.centroid?.latitude ?? 0)),
                ("lon", .number(cluster.centroid?.longitude ?? 0)), ("count", .integer(Int(cluster.count))),
                ("bbox", box(cluster.bounds)), ("by_level", byLevel(cluster.byLevel)),
              ])
            case .school(let school)?:
              return .object([("type", "school"), ("school", Self.school(school))])
            case nil: return nil
            }
          })
      ),
    ])
  }

  public static func statistics(_ statistics: PublicMap.MapStatistics) -> JSONValue {
    .object([
      ("total", .integer(Int(statistics.totalSchools))), ("approximate", .integer(Int(statistics.approximateSchools))),
      ("as_of", time(statistics.asOf)), ("by_level", byLevel(statistics.byLevel)),
      (
        "by_local_authority",
        .array(
          statistics.byLocalAuthority.map {
            .object([
              ("code", .string($0.localAuthority?.code ?? "")), ("name", .string($0.localAuthority?.name ?? "")),
              ("count", .integer(Int($0.count))), ("approximate", .integer(Int($0.approximateCount))),
              ("by_level", byLevel($0.byLevel)),
            ])
          })
      ),
      (
        "by_phase",
        .array(
          statistics.byPhase.map {
            .object([
              ("phase", .string(phaseName($0.phase))), ("count", .integer(Int($0.count))),
              ("by_level", byLevel($0.byLevel)),
            ])
          })
      ),
    ])
  }

  /// A pin event for server-sent events; `nil` for an event of a kind this gateway does not know.
  public static func event(_ event: PublicMap.PublicMapEvent) -> (name: String, data: JSONValue)? {
    switch event.payload {
    case .pinAdded(let added)?:
      return (
        "pin-added",
        .object([("sequence", .integer(Int(event.sequence))), ("school", school(added.school ?? .init()))])
      )
    case .pinUpdated(let updated)?:
      return (
        "pin-updated",
        .object([
          ("sequence", .integer(Int(event.sequence))), ("school", school(updated.school ?? .init())),
          ("changed", .array(updated.changedFields.map { .string($0) })),
        ])
      )
    case .pinRemoved(let removed)?:
      let reason: String
      switch removed.reason {
      case .withdrawn: reason = "withdrawn"
      case .unlisted: reason = "unlisted"
      case .noLocation: reason = "no-location"
      default: reason = "unspecified"
      }
      return (
        "pin-removed",
        .object([
          ("sequence", .integer(Int(event.sequence))), ("urn", .string(removed.urn)), ("reason", .string(reason)),
        ])
      )
    case nil: return nil
    }
  }
}
