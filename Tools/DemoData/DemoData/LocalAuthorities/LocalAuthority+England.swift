extension LocalAuthority {
  /// The 152 local authorities of England as they stood in 2010, in code order.
  ///
  /// That is the map the Charter (January 2009 – July 2010) ran on: after the 2009 unitary
  /// changes (Cornwall, Durham, Northumberland, Shropshire, Wiltshire, Bedford, Central
  /// Bedfordshire and the two Cheshires) and before the 2019 and later mergers. Codes and
  /// names are the Department for Education's; centres, extents, postcode districts, towns and
  /// school counts are a compilation from general knowledge, close enough for a demo map rather
  /// than authoritative.
  public static let england: [LocalAuthority] =
    (london + southEast + southWest + eastOfEngland
    + eastMidlands + westMidlands + yorkshireAndTheHumber + northWest + northEast)
    .sorted { $0.code < $1.code }

  /// One row of a region's table, before it is given its region.
  struct Entry {
    var code: Int
    var name: String
    var county: String
    var latitude: Double
    var longitude: Double
    var radius: Double
    var weight: Int
    var middleSchools: Bool
    var postcodes: String
    var towns: [String]
  }

  /// A row of a region's table; `postcodes` is compact, as ``PostcodeDistricts/expand(_:)``
  /// reads it.
  static func entry(
    _ code: Int,
    _ name: String,
    county: String,
    _ latitude: Double,
    _ longitude: Double,
    radius: Double,
    weight: Int,
    middleSchools: Bool = false,
    postcodes: String,
    towns: [String]
  ) -> Entry {
    Entry(
      code: code, name: name, county: county, latitude: latitude, longitude: longitude,
      radius: radius, weight: weight, middleSchools: middleSchools, postcodes: postcodes,
      towns: towns)
  }

  /// The authorities of one region's table.
  static func inRegion(_ region: Region, _ entries: [Entry]) -> [LocalAuthority] {
    entries.map { entry in
      LocalAuthority(
        code: entry.code, name: entry.name, region: region, county: entry.county,
        latitude: entry.latitude, longitude: entry.longitude, radiusKilometres: entry.radius,
        postcodeDistricts: PostcodeDistricts.expand(entry.postcodes), towns: entry.towns,
        schoolWeight: entry.weight, hasMiddleSchools: entry.middleSchools)
    }
  }
}
