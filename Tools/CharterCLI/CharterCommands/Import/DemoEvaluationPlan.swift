public import CharterValues
public import Contracts
public import DemoData

/// What the demo ICT Mark data will be, decided before any call: the assessors (with pen
/// portraits spread over the nine regions, a few of them lead assessors, a few whose
/// conference has lapsed) and, for the demo schools whose self-review is at the standard
/// everywhere, one application each, spread over every state of the assessment and over the
/// last few years, so that some Marks are current, some due for renewal and some expired.
///
/// The plan is a pure function of the schools, the day and the seed, so a test can check it
/// and the same file always gives the same data.
public struct DemoEvaluationPlan: Sendable {
  /// One demo assessor.
  public struct Assessor: Sendable, Hashable {
    public var email: String
    public var displayName: String
    public var isLead: Bool
    public var region: EnglishRegion
    public var phases: [Common.SchoolPhase]
    /// The authorities covered; empty means the whole region.
    public var localAuthorityCodes: [String]
    /// The authority they work for (a conflict with its schools); empty for most.
    public var worksInLocalAuthorityCode: String
    /// Schools they supported (conflicts).
    public var supportedSchoolURNs: [String]
    public var latitude: Double
    public var longitude: Double
    public var biography: String
    /// Their last assessor conference; over twelve months ago for a few, who cannot be allocated.
    public var conferenceOn: CalendarDate

    /// Whether the service's allocation rules let them take `school` today: its phase and
    /// area covered, no conflict, conference current.
    func mayTake(_ school: DemoSchool, today: CalendarDate) -> Bool {
      let authority = String(school.localAuthorityCode)
      let area =
        localAuthorityCodes.isEmpty
        ? LocalAuthorityCode(authority).flatMap(EnglishRegion.init(containing:)) == region
        : localAuthorityCodes.contains(authority)
      return area && phases.contains(DemoEvaluationPlan.phase(school.phase))
        && !supportedSchoolURNs.contains(String(school.urn)) && worksInLocalAuthorityCode != authority
        && conferenceOn.adding(months: 12) >= today
    }
  }

  /// The contract's phase for a demo school's.
  static func phase(_ phase: SchoolPhase) -> Common.SchoolPhase {
    switch phase {
    case .nursery: .nursery
    case .primary: .primary
    case .middle: .middle
    case .secondary: .secondary
    case .allThrough: .allThrough
    case .special: .special
    case .pru: .pupilReferralUnit
    }
  }

  /// How far a demo application gets.
  public enum Scenario: String, CaseIterable, Sendable, Hashable {
    case registered, evidenceCheck, returnedToSchool, assessorAllocated, preVisitReview, causeForConcern, deferred
    case visitScheduled, moderation, referred, notMet, met, withdrawn
    /// Awarded within the last two and a half years: current.
    case awarded
    /// Awarded two and a half to three years ago: the scheduler makes it due for renewal.
    case renewalDue
    /// Awarded over three years ago: the scheduler expires it (a late renewal is possible for
    /// the first year after expiry).
    case expired

    /// The state the application should be in once the scheduler has run.
    public var expectedState: Evaluation.ApplicationState {
      switch self {
      case .registered: .registered
      case .evidenceCheck: .evidenceCheck
      case .returnedToSchool: .returnedToSchool
      case .assessorAllocated: .assessorAllocated
      case .preVisitReview: .preVisitReview
      case .causeForConcern: .causeForConcern
      case .deferred: .deferred
      case .visitScheduled: .visitScheduled
      case .moderation: .moderation
      case .referred: .referred
      case .notMet: .notMet
      case .met: .met
      case .withdrawn: .withdrawn
      case .awarded: .awarded
      case .renewalDue: .renewalDue
      case .expired: .expired
      }
    }

    /// The day (from the application's first) of its last step.
    var lastStepDay: Int {
      switch self {
      case .registered: 0
      case .evidenceCheck: 2
      case .returnedToSchool: 5
      case .assessorAllocated: 8
      case .preVisitReview: 11
      case .causeForConcern: 12
      case .deferred: 14
      case .withdrawn: 6
      case .visitScheduled: 15
      case .moderation: DemoEvaluationPlan.visitDay
      case .referred, .notMet, .met: DemoEvaluationPlan.moderationDay
      case .awarded, .renewalDue, .expired: DemoEvaluationPlan.awardDay
      }
    }
  }

  /// One school's application.
  public struct Application: Sendable, Hashable {
    public var urn: String
    public var schoolName: String
    public var scenario: Scenario
    public var route: Evaluation.ApplicationRoute
    /// The day of its first step (submission); every other step is a number of days later.
    public var firstDay: CalendarDate
    /// Whether the evidence is returned once before it passes.
    public var returnedOnce: Bool
  }

  /// Days from submission: the visit, the moderation, the award.
  static let visitDay = 30
  static let moderationDay = 34
  static let awardDay = 40

  public var assessors: [Assessor]
  public var applications: [Application]

  /// Each scenario's share of the applications, as repeats in one round of the cycle.
  static let cycle: [Scenario] =
    Scenario.allCases.filter { ![.awarded, .renewalDue, .expired].contains($0) }
    + [.awarded, .awarded, .awarded, .awarded, .renewalDue, .renewalDue, .expired, .expired]

  /// - Parameters:
  ///   - schools: The demo schools file; applications go to the committed schools whose
  ///     review profile is all-at-standard, in file order.
  ///   - assessorCount: How many assessors (one in ten a lead assessor, at least one).
  ///   - applicationCount: At most how many applications.
  ///   - today: The day the data is loaded.
  public static func make(
    schools: [DemoSchool], assessorCount: Int, applicationCount: Int, today: CalendarDate, seed: UInt64
  ) -> DemoEvaluationPlan {
    var random = SplitMix(seed: seed)
    var byRegion: [EnglishRegion: [DemoSchool]] = [:]
    for school in schools {
      guard let code = LocalAuthorityCode(String(school.localAuthorityCode)),
        let region = EnglishRegion(containing: code)
      else { continue }
      byRegion[region, default: []].append(school)
    }
    let regions = EnglishRegion.allCases
    var assessors: [Assessor] = []
    for index in 0..<max(0, assessorCount) {
      let region = regions[index % regions.count]
      let local = byRegion[region] ?? []
      let authorities = Array(Set(local.map { String($0.localAuthorityCode) })).sorted()
      let first = firstNames[Int(random.next() % UInt64(firstNames.count))]
      let last = lastNames[(index * 7 + Int(random.next() % 5)) % lastNames.count]
      let isLead = index % 10 == 0
      let phases: [Common.SchoolPhase] =
        switch index % 4 {
        case 0: [.primary, .secondary]
        case 1: [.nursery, .primary, .special]
        case 2: [.middle, .secondary, .allThrough]
        default: [.primary, .middle, .secondary, .special]
        }
      // Most cover their whole region; one in three only a few of its authorities.
      var covered: [String] = []
      if index % 3 == 2, !authorities.isEmpty {
        for _ in 0..<3 { covered.append(authorities[Int(random.next() % UInt64(authorities.count))]) }
        covered = Array(Set(covered)).sorted()
      }
      let worksIn =
        index % 9 == 4 && !authorities.isEmpty ? authorities[Int(random.next() % UInt64(authorities.count))] : ""
      var supported: [String] = []
      if !local.isEmpty {
        for _ in 0..<(1 + Int(random.next() % 3)) {
          supported.append(String(local[Int(random.next() % UInt64(local.count))].urn))
        }
      }
      let centre = local.isEmpty ? (52.5, -1.5) : (local.map(\.latitude).mean, local.map(\.longitude).mean)
      let latitude = centre.0 + (random.unit - 0.5) * 0.6
      let longitude = centre.1 + (random.unit - 0.5) * 0.9
      let background = backgrounds[index % backgrounds.count]
      // One in twelve has let the annual conference lapse.
      let conferenceOn = today.adding(days: index % 12 == 7 ? -(400 + index) : -(20 + (index * 37) % 300))
      let name = "\(first) \(last)"
      assessors.append(
        Assessor(
          email: "assessor\(index + 1)@assessors.charter.local", displayName: name, isLead: isLead, region: region,
          phases: phases, localAuthorityCodes: covered, worksInLocalAuthorityCode: worksIn,
          supportedSchoolURNs: Array(Set(supported)).sorted(), latitude: latitude, longitude: longitude,
          biography:
            "\(name) \(background) \(isLead ? "A lead assessor, moderating new assessors' first reports." : "")"
            .trimmingSpaces,
          conferenceOn: conferenceOn))
    }

    // Schools at the standard everywhere that at least one current demo assessor may take.
    let candidates = schools.filter { school in
      school.isCommitted && school.reviewProfile == .allAtStandard
        && assessors.contains { $0.mayTake(school, today: today) }
    }
    var applications: [Application] = []
    for (index, school) in candidates.prefix(max(0, applicationCount)).enumerated() {
      let scenario = cycle[index % cycle.count]
      let awardDaysAgo: Int? =
        switch scenario {
        case .awarded: 30 + Int(random.next() % 860)  // up to about 2.4 years
        case .renewalDue: 925 + Int(random.next() % 160)  // 2.5 to 3 years: due, not yet expired
        case .expired: 1110 + Int(random.next() % 600)  // 3 to 4.7 years: some still renewable late
        default: nil
        }
      let firstDay: CalendarDate
      if let awardDaysAgo {
        firstDay = today.adding(days: -awardDaysAgo - awardDay)
      } else if scenario == .visitScheduled {
        // Scheduled (day 15) at least a day ago; the visit (day 30) is still to come.
        firstDay = today.adding(days: -(16 + Int(random.next() % 10)))
      } else {
        firstDay = today.adding(days: -(scenario.lastStepDay + 2 + Int(random.next() % 40)))
      }
      applications.append(
        Application(
          urn: String(school.urn), schoolName: school.name, scenario: scenario,
          route: index % 5 == 3 ? .streamlined : .standard, firstDay: firstDay, returnedOnce: index % 4 == 1))
    }
    return DemoEvaluationPlan(assessors: assessors, applications: applications)
  }

  static let firstNames = [
    "Alison", "Brian", "Catherine", "David", "Elaine", "Frank", "Gillian", "Hamid", "Imogen", "James", "Karen",
    "Leon", "Margaret", "Nigel", "Olwen", "Priya", "Rachel", "Simon", "Tessa", "Umar", "Valerie", "William",
    "Yvonne", "Zoe",
  ]
  static let lastNames = [
    "Ashworth", "Bennett", "Chowdhury", "Dawson", "Ellis", "Fletcher", "Gallagher", "Hussain", "Ingram", "Jennings",
    "Khan", "Lawrence", "Marsden", "Nolan", "Okafor", "Pritchard", "Quinn", "Robertson", "Sutcliffe", "Thornton",
    "Underwood", "Varley", "Whitaker", "Yates",
  ]
  static let backgrounds = [
    "was an ICT co-ordinator in primary schools for twelve years and now advises on learning platforms.",
    "led computing in a large comprehensive and trains teachers in assessment of ICT capability.",
    "is a former local authority ICT adviser with a special interest in e-safety.",
    "was a deputy head responsible for ICT strategy and technical sustainability.",
    "works with special schools on assistive technology and ICT across the curriculum.",
    "has supported schools' self-review since 2006 and chairs a regional ICT leaders' network.",
  ]
}

extension [Double] {
  fileprivate var mean: Double { isEmpty ? 0 : reduce(0, +) / Double(count) }
}

/// A small, fast, reproducible generator (SplitMix64), so the plan is the same for a seed.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  /// In 0..<1.
  var unit: Double { mutating get { Double(next() >> 11) / Double(1 << 53) } }
}
