/// An English local authority: the unit the Department for Education counts schools by, and the
/// one LA ICT advisers, the Charter's public map and the self-review benchmarks group them by.
///
/// It carries what the generator needs to place believable schools in the authority (a centre
/// and an extent on the map, its postcode districts and a few towns) and what the map and the
/// benchmarks need to show it. ``england`` holds the 152 authorities of 2010.
public struct LocalAuthority: Sendable, Hashable {
  /// The Department for Education's three-digit code, such as 330 for Birmingham.
  public var code: Int
  /// The authority's name as the Department for Education writes it, such as "Bristol, City of".
  public var name: String
  /// The English region it is in.
  public var region: Region
  /// The county schools' addresses give: the authority itself for shire counties, the
  /// ceremonial county for metropolitan and unitary authorities ("West Midlands" for Birmingham).
  public var county: String
  /// The latitude of the authority's rough centre, in degrees north.
  public var latitude: Double
  /// The longitude of the authority's rough centre, in degrees east.
  public var longitude: Double
  /// The radius, in kilometres, of the circle around the centre where its schools are placed:
  /// about the radius of a circle of the authority's area.
  public var radiusKilometres: Double
  /// The postcode districts (outward codes) most of the authority lies in, such as "NR1".
  public var postcodeDistricts: [String]
  /// A few of its towns or, in London, localities; the first is the main one.
  public var towns: [String]
  /// A rough count of the authority's state-funded schools around 2010. Only its proportion of
  /// the total matters: it decides the authority's share of generated schools.
  public var schoolWeight: Int
  /// Whether the authority kept first, middle and upper schools, so that any middle schools go
  /// there.
  public var hasMiddleSchools: Bool

  /// Creates a local authority; see each property for its meaning.
  public init(
    code: Int,
    name: String,
    region: Region,
    county: String,
    latitude: Double,
    longitude: Double,
    radiusKilometres: Double,
    postcodeDistricts: [String],
    towns: [String],
    schoolWeight: Int,
    hasMiddleSchools: Bool = false
  ) {
    self.code = code
    self.name = name
    self.region = region
    self.county = county
    self.latitude = latitude
    self.longitude = longitude
    self.radiusKilometres = radiusKilometres
    self.postcodeDistricts = postcodeDistricts
    self.towns = towns
    self.schoolWeight = schoolWeight
    self.hasMiddleSchools = hasMiddleSchools
  }

  /// The postcode areas (the letters of the outward codes, such as "NR" or "B") of its
  /// districts, in first-seen order without repeats.
  public var postcodeAreas: [String] {
    var areas: [String] = []
    for district in postcodeDistricts {
      let area = String(district.prefix(while: \.isLetter))
      if !areas.contains(area) { areas.append(area) }
    }
    return areas
  }

  /// The authority with a given code in ``england``, or `nil` when there is none.
  ///
  /// - Parameter code: A Department for Education local authority code, such as 926.
  /// - Returns: The authority, or `nil`.
  public static func england(code: Int) -> LocalAuthority? {
    englandByCode[code]
  }

  private static let englandByCode: [Int: LocalAuthority] = Dictionary(
    uniqueKeysWithValues: england.map { ($0.code, $0) }
  )
}
