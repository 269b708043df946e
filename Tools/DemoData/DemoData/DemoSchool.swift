public import CharterValues

/// One made-up but realistic English school, with the Charter choices it makes in the demo.
///
/// The platform's services each need schools to work on (the registry to list them, the map to
/// place them, the self-review service to rate them), and real school data cannot ship with a
/// demo. A `DemoSchool` is one row of the demo CSV that seeds them all, so its fields mirror the
/// CSV's columns (see ``DemoSchoolsCSV``).
///
/// The Charter fields keep one invariant: a school that has not committed (``commitDate`` is
/// `nil`) is neither publicly listed nor has a review profile other than ``ReviewProfile/none``.
public struct DemoSchool: Sendable, Hashable {
  /// The school's Unique Reference Number: six digits, 100000 through 999999, unique in a set.
  public var urn: Int
  /// The school's name, such as "St Mary's Church of England Primary School"; unique within its
  /// local authority, though the same name can recur in other local authorities.
  public var name: String
  /// The first address line: a number and a street, such as "12 Church Lane".
  public var street: String
  /// The post town or locality.
  public var town: String
  /// The county (ceremonial county for unitary and metropolitan authorities).
  public var county: String
  /// The postcode, upper case with one space, such as "NR1 3QU".
  public var postcode: String
  /// The phase of education.
  public var phase: SchoolPhase
  /// The Department for Education's three-digit code for the school's local authority.
  public var localAuthorityCode: Int
  /// The local authority's name, such as "Norfolk" or "Bristol, City of".
  public var localAuthorityName: String
  /// The number of pupils on roll.
  public var numberOnRoll: Int
  /// Degrees north, rounded to five decimal places (about a metre).
  public var latitude: Double
  /// Degrees east (negative: west), rounded to five decimal places.
  public var longitude: Double
  /// The day the school committed to the Charter (level 1, "Committed to ICT"), or `nil` when it
  /// never did.
  public var commitDate: CalendarDate?
  /// Whether the school chose to appear on the Charter's public map. Only committed schools can.
  public var isPubliclyListed: Bool
  /// How far the school's self-review has got; ``ReviewProfile/none`` unless it committed.
  public var reviewProfile: ReviewProfile

  /// Creates a school from its fields; see each property for its meaning.
  public init(
    urn: Int,
    name: String,
    street: String,
    town: String,
    county: String,
    postcode: String,
    phase: SchoolPhase,
    localAuthorityCode: Int,
    localAuthorityName: String,
    numberOnRoll: Int,
    latitude: Double,
    longitude: Double,
    commitDate: CalendarDate?,
    isPubliclyListed: Bool,
    reviewProfile: ReviewProfile
  ) {
    self.urn = urn
    self.name = name
    self.street = street
    self.town = town
    self.county = county
    self.postcode = postcode
    self.phase = phase
    self.localAuthorityCode = localAuthorityCode
    self.localAuthorityName = localAuthorityName
    self.numberOnRoll = numberOnRoll
    self.latitude = latitude
    self.longitude = longitude
    self.commitDate = commitDate
    self.isPubliclyListed = isPubliclyListed
    self.reviewProfile = reviewProfile
  }

  /// Whether the school has committed to the Charter: whether it has a ``commitDate``.
  public var isCommitted: Bool { commitDate != nil }
}
