public import CharterValues

/// Generates a realistic, England-sized set of demo schools, the same every time for a seed.
///
/// The demo needs enough schools, spread like England's, for the public map, the registry and
/// the self-review benchmarks to look and perform as they would in production, without any real
/// school's data. Determinism matters as much as realism: every service seeds from the same CSV,
/// tests can pin exact rows, and a bug report can name a seed.
///
/// What it produces, for `count` schools:
/// - phases in England's proportions (``SchoolPhase/englandCount``), divided exactly; middle
///   schools only in authorities that kept them;
/// - schools shared between the 152 authorities of ``LocalAuthority/england`` by their
///   ``LocalAuthority/schoolWeight`` (every authority gets at least one when `count` allows);
/// - URNs ascending through the authorities in code order, with small gaps, as the real ones
///   were first issued;
/// - a name unique within the authority, a street, a town and a postcode of the authority, a
///   number on roll by phase, and a position within the authority's extent;
/// - Charter choices: about 60% committed (between 2009-01-01 and 2010-06-30), about 70% of
///   those publicly listed, and a review profile for each committed school.
///
/// ```swift
/// let schools = SchoolGenerator(seed: 2009, count: 24_000).generate()
/// let csv = DemoSchoolsCSV.render(schools)
/// ```
public struct SchoolGenerator: Sendable {
  /// The seed the executable uses when none is given: 2009, the year the Charter launched.
  public static let defaultSeed: UInt64 = 2009

  /// The number of schools the executable generates when none is given: about England's
  /// state-funded schools around 2010.
  public static let defaultCount = 24_000

  /// The largest count: one school per possible six-digit URN from 100000.
  public static let maximumCount = 900_000

  /// Where every school lies: a box around England, in degrees north.
  public static let latitudeBounds: ClosedRange<Double> = 49.9...55.9

  /// Where every school lies: a box around England, in degrees east.
  public static let longitudeBounds: ClosedRange<Double> = -6.4...1.8

  /// The first and last day a school may have committed to the Charter: from its launch month
  /// to the day before it was withdrawn.
  public static let commitDates: ClosedRange<CalendarDate> =
    CalendarDate(year: 2009, month: 1, day: 1)!...CalendarDate(year: 2010, month: 6, day: 30)!

  /// The share of schools that commit to the Charter.
  public static let committedShare = 0.6

  /// The share of committed schools that choose to be on the public map.
  public static let publiclyListedShare = 0.7

  /// The seed every draw derives from.
  public let seed: UInt64

  /// How many schools to generate.
  public let count: Int

  /// Creates a generator.
  ///
  /// - Parameters:
  ///   - seed: Any value; the same seed and count always give the same schools.
  ///   - count: How many schools, 0 through ``maximumCount``.
  public init(seed: UInt64 = defaultSeed, count: Int = defaultCount) {
    precondition((0...Self.maximumCount).contains(count), "count out of range: \(count)")
    self.seed = seed
    self.count = count
  }

  /// Generates the schools, ordered by URN (and so by local authority code).
  ///
  /// - Returns: Exactly ``count`` schools.
  public func generate() -> [DemoSchool] {
    let authorities = LocalAuthority.england
    let phases = phasesByAuthority(authorities)
    var random = RandomSource(seed: seed, stream: Stream.schools)
    var charterRandom = RandomSource(seed: seed, stream: Stream.charter)
    // Gaps of up to two between URNs, or less when the count would not fit in six digits.
    let maximumGap = max(0, min(2, Self.maximumCount / max(count, 1) - 1))
    var urn = 99_999
    var schools: [DemoSchool] = []
    schools.reserveCapacity(count)
    for (authority, authorityPhases) in zip(authorities, phases) {
      var namer = SchoolNamer()
      let townWeights = authority.towns.indices.map { $0 == 0 ? 2 : 1 }
      let kilometresPerDegreeEast =
        Geography.kilometresPerDegree * Geography.cosine(degrees: authority.latitude)
      for phase in authorityPhases {
        urn += 1 + random.below(maximumGap + 1)
        let town = authority.towns[random.index(weightedBy: townWeights)]
        let name = namer.name(
          for: phase, town: town, threeTier: authority.hasMiddleSchools, random: &random)
        let street = Self.street(random: &random)
        let postcode = Self.postcode(in: authority, random: &random)
        let numberOnRoll = phase.numberOnRoll(random: &random)
        let (latitude, longitude) = Self.position(
          in: authority, kilometresPerDegreeEast: kilometresPerDegreeEast, random: &random)
        let charter = Self.charterChoices(random: &charterRandom)
        schools.append(
          DemoSchool(
            urn: urn, name: name, street: street, town: town, county: authority.county,
            postcode: postcode, phase: phase, localAuthorityCode: authority.code,
            localAuthorityName: authority.name, numberOnRoll: numberOnRoll, latitude: latitude,
            longitude: longitude, commitDate: charter.commitDate,
            isPubliclyListed: charter.isPubliclyListed, reviewProfile: charter.reviewProfile))
      }
    }
    return schools
  }

  /// Constants naming the independent random streams, so that changing how one concern draws
  /// leaves the others' draws alone.
  private enum Stream {
    static let phases: UInt64 = 1
    static let schools: UInt64 = 2
    static let charter: UInt64 = 3
  }

  /// The phases of each authority's schools, in the order they are generated.
  ///
  /// Counts per phase are England's proportions of ``count``, exactly; counts per authority are
  /// their weights' proportions. Middle schools go to random places in the authorities that
  /// have them (anywhere, if a tiny count leaves those authorities too few places), and the
  /// other phases are shuffled over the remaining places.
  private func phasesByAuthority(_ authorities: [LocalAuthority]) -> [[SchoolPhase]] {
    var random = RandomSource(seed: seed, stream: Stream.phases)
    let perAuthority: [Int]
    if count >= authorities.count {
      // One each first, so that every authority appears; the rest by weight.
      perAuthority = Apportionment.largestRemainder(
        count - authorities.count, weights: authorities.map(\.schoolWeight)
      ).map { $0 + 1 }
    } else {
      perAuthority = Apportionment.largestRemainder(
        count, weights: authorities.map(\.schoolWeight))
    }
    let perPhase = Apportionment.largestRemainder(
      count, weights: SchoolPhase.allCases.map(\.englandCount))

    var slots = [SchoolPhase?](repeating: nil, count: count)
    var threeTierSlots: [Int] = []
    var start = 0
    for (authority, schools) in zip(authorities, perAuthority) {
      if authority.hasMiddleSchools { threeTierSlots += start..<(start + schools) }
      start += schools
    }
    random.shuffle(&threeTierSlots)
    let middleCount = perPhase[SchoolPhase.allCases.firstIndex(of: .middle)!]
    let placedMiddle = min(middleCount, threeTierSlots.count)
    for slot in threeTierSlots.prefix(placedMiddle) { slots[slot] = .middle }

    var deck: [SchoolPhase] = []
    deck.reserveCapacity(count - placedMiddle)
    for (phase, total) in zip(SchoolPhase.allCases, perPhase) {
      let remaining = phase == .middle ? total - placedMiddle : total
      deck += repeatElement(phase, count: remaining)
    }
    random.shuffle(&deck)
    var next = deck.makeIterator()
    let phases = slots.map { $0 ?? next.next()! }

    var result: [[SchoolPhase]] = []
    start = 0
    for schools in perAuthority {
      result.append(Array(phases[start..<(start + schools)]))
      start += schools
    }
    return result
  }

  private static let streetKinds = NameVocabulary.streetKinds.map(\.kind)
  private static let streetKindWeights = NameVocabulary.streetKinds.map(\.weight)

  /// A street line: a number, mostly small, and a street name.
  private static func street(random: inout RandomSource) -> String {
    let number = 1 + min(random.below(160), random.below(160))
    let name = random.element(of: NameVocabulary.streetNames)
    let kind = streetKinds[random.index(weightedBy: streetKindWeights)]
    return "\(number) \(name) \(kind)"
  }

  /// The letters of an inward code: every letter but C, I, K, M, O and V, as Royal Mail uses.
  private static let inwardLetters = Array("ABDEFGHJLNPQRSTUWXYZ")

  /// A postcode in one of the authority's districts, such as "NR14 6QT".
  private static func postcode(in authority: LocalAuthority, random: inout RandomSource) -> String {
    let district = random.element(of: authority.postcodeDistricts)
    let sector = random.below(10)
    let first = random.element(of: inwardLetters)
    let second = random.element(of: inwardLetters)
    return "\(district) \(sector)\(first)\(second)"
  }

  /// A position uniformly spread over the authority's circle and inside England's box, rounded
  /// to five decimal places.
  private static func position(
    in authority: LocalAuthority,
    kilometresPerDegreeEast: Double,
    random: inout RandomSource
  ) -> (latitude: Double, longitude: Double) {
    while true {
      var east: Double
      var north: Double
      repeat {
        east = 2 * random.unit() - 1
        north = 2 * random.unit() - 1
      } while east * east + north * north > 1
      let radius = authority.radiusKilometres
      let latitude = Geography.roundedToFiveDecimals(
        authority.latitude + north * radius / Geography.kilometresPerDegree)
      let longitude = Geography.roundedToFiveDecimals(
        authority.longitude + east * radius / kilometresPerDegreeEast)
      if latitudeBounds.contains(latitude) && longitudeBounds.contains(longitude) {
        return (latitude, longitude)
      }
    }
  }

  /// How often each review profile occurs among committed schools: most are part-way through,
  /// and only a few have every aspect at the national standard.
  private static let reviewProfiles: [ReviewProfile] = [
    .started, .partway, .level2, .allAtStandard,
  ]
  private static let reviewProfileWeights = [20, 54, 22, 4]

  /// A school's Charter choices: whether and when it committed, whether it is on the public
  /// map, and how far its self-review has got.
  private static func charterChoices(
    random: inout RandomSource
  ) -> (commitDate: CalendarDate?, isPubliclyListed: Bool, reviewProfile: ReviewProfile) {
    guard random.chance(committedShare) else { return (nil, false, .none) }
    let days = commitDates.lowerBound.dayNumber...commitDates.upperBound.dayNumber
    let commitDate = CalendarDate(dayNumber: random.integer(in: days))
    let isPubliclyListed = random.chance(publiclyListedShare)
    let profile = reviewProfiles[random.index(weightedBy: reviewProfileWeights)]
    return (commitDate, isPubliclyListed, profile)
  }
}
