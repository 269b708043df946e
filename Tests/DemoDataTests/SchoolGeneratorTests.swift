import CharterValues
import DemoData
import Testing

@Suite("SchoolGenerator")
struct SchoolGeneratorTests {
  let schools = Fixtures.schools

  @Test("the same seed gives byte-identical CSV")
  func sameSeedSameOutput() {
    let again = SchoolGenerator(seed: SchoolGenerator.defaultSeed, count: 24_000).generate()
    #expect(DemoSchoolsCSV.render(again) == DemoSchoolsCSV.render(schools))
  }

  @Test("different seeds give different schools", arguments: [UInt64(0), 1, 2010, .max])
  func differentSeedsDiffer(seed: UInt64) {
    let other = SchoolGenerator(seed: seed, count: 2_000).generate()
    let reference = SchoolGenerator(seed: SchoolGenerator.defaultSeed, count: 2_000).generate()
    #expect(other.count == 2_000)
    #expect(other.map(\.name) != reference.map(\.name))
    #expect(other.map(\.latitude) != reference.map(\.latitude))
  }

  @Test("it generates exactly the count asked for", arguments: [0, 1, 10, 151, 152, 153, 5_000])
  func exactCount(count: Int) {
    let generated = SchoolGenerator(seed: 7, count: count).generate()
    #expect(generated.count == count)
    #expect(Set(generated.map(\.urn)).count == count)
  }

  @Test("phases come in England's proportions, within 2%")
  func phaseProportions() {
    let englandTotal = SchoolPhase.allCases.map(\.englandCount).reduce(0, +)
    for phase in SchoolPhase.allCases {
      let expected = Double(schools.count * phase.englandCount) / Double(englandTotal)
      let actual = Double(schools.filter { $0.phase == phase }.count)
      #expect(abs(actual - expected) <= 0.02 * expected, "\(phase): \(actual) vs \(expected)")
    }
    #expect(schools.filter { $0.phase == .primary }.count > 17_000)
    #expect(schools.filter { $0.phase == .secondary }.count > 3_400)
  }

  @Test("phase names are exactly those of the CSV format")
  func phaseNames() {
    #expect(
      SchoolPhase.allCases.map(\.rawValue)
        == ["nursery", "primary", "middle", "secondary", "all-through", "special", "pru"])
  }

  @Test("middle schools are only in authorities that kept them")
  func middleSchools() {
    let middle = schools.filter { $0.phase == .middle }
    #expect(!middle.isEmpty)
    for school in middle {
      #expect(LocalAuthority.england(code: school.localAuthorityCode)?.hasMiddleSchools == true)
    }
  }

  @Test("URNs are unique six-digit numbers, ascending with the local authority code")
  func urns() {
    #expect(Set(schools.map(\.urn)).count == schools.count)
    #expect(schools.allSatisfy { (100_000...999_999).contains($0.urn) })
    #expect(zip(schools, schools.dropFirst()).allSatisfy { $0.urn < $1.urn })
    #expect(
      zip(schools, schools.dropFirst()).allSatisfy {
        $0.localAuthorityCode <= $1.localAuthorityCode
      })
  }

  @Test("every local authority has schools, and every school's authority is in the table")
  func authorities() throws {
    #expect(Set(schools.map(\.localAuthorityCode)) == Set(LocalAuthority.england.map(\.code)))
    for school in schools {
      let authority = try #require(LocalAuthority.england(code: school.localAuthorityCode))
      #expect(school.localAuthorityName == authority.name)
      #expect(school.county == authority.county)
      #expect(authority.towns.contains(school.town))
    }
  }

  @Test("big counties get hundreds of schools and the smallest authorities a handful")
  func authoritySizes() {
    var perAuthority: [Int: Int] = [:]
    for school in schools { perAuthority[school.localAuthorityCode, default: 0] += 1 }
    for county in [886, 888, 881, 850] {  // Kent, Lancashire, Essex, Hampshire
      #expect((500...750).contains(perAuthority[county] ?? 0), "LA \(county)")
    }
    for small in [201, 420, 857] {  // City of London, Isles of Scilly, Rutland
      #expect((1...30).contains(perAuthority[small] ?? 0), "LA \(small)")
    }
  }

  @Test("postcodes are valid UK postcodes in one of the school's authority's areas")
  func postcodes() throws {
    for school in schools {
      #expect(isUKPostcode(school.postcode), "\(school.postcode)")
      let authority = try #require(LocalAuthority.england(code: school.localAuthorityCode))
      let area = String(school.postcode.prefix(while: \.isLetter))
      #expect(authority.postcodeAreas.contains(area), "\(school.postcode) in \(authority.name)")
      let outward = String(school.postcode.prefix(while: { $0 != " " }))
      #expect(authority.postcodeDistricts.contains(outward))
    }
  }

  @Test("positions are inside England's box and within the authority's extent")
  func positions() throws {
    for school in schools {
      #expect(SchoolGenerator.latitudeBounds.contains(school.latitude))
      #expect(SchoolGenerator.longitudeBounds.contains(school.longitude))
      let authority = try #require(LocalAuthority.england(code: school.localAuthorityCode))
      let distance = kilometres(
        from: authority, latitude: school.latitude, longitude: school.longitude)
      // Rounding to five decimal places may move a point by about a metre.
      #expect(distance <= authority.radiusKilometres + 0.01, "\(school.name): \(distance) km")
    }
  }

  @Test("no two schools in one local authority share a name")
  func uniqueNamesWithinAuthority() {
    var seen: Set<String> = []
    for school in schools {
      let key = "\(school.localAuthorityCode)|\(school.name)"
      #expect(
        seen.insert(key).inserted, "duplicate: \(school.name) in \(school.localAuthorityName)")
    }
  }

  @Test("names are varied and fit the phase")
  func namesFitPhase() {
    // Common names ("St Mary's Church of England Primary School") recur across authorities,
    // as in England, but no single name dominates.
    var uses: [String: Int] = [:]
    for school in schools { uses[school.name, default: 0] += 1 }
    #expect(uses.count > 10_000)
    #expect(uses.values.max()! < schools.count / 200)
    for school in schools {
      switch school.phase {
      case .nursery:
        #expect(school.name.contains("Nursery") || school.name.contains("Early Years"))
      case .middle:
        #expect(school.name.contains("Middle"))
      case .pru:
        let words = ["Pupil Referral Unit", "Centre", "Short Stay School", "Tuition Service"]
        #expect(words.contains { school.name.contains($0) }, "\(school.name)")
      case .primary:
        let words = ["Primary", "Infant", "Junior", "First", "Lower"]
        #expect(words.contains { school.name.contains($0) }, "\(school.name)")
      default:
        break
      }
    }
    #expect(schools.contains { $0.name.contains("St Mary's") })
    #expect(schools.contains { $0.name.hasSuffix("Catholic Primary School") })
  }

  @Test("numbers on roll are plausible for the phase")
  func numbersOnRoll() {
    let ranges: [SchoolPhase: ClosedRange<Int>] = [
      .nursery: 40...150, .primary: 50...700, .middle: 200...600, .secondary: 400...2000,
      .allThrough: 600...2500, .special: 30...250, .pru: 10...80,
    ]
    for school in schools {
      #expect(ranges[school.phase]!.contains(school.numberOnRoll), "\(school.phase)")
    }
    let primaries = schools.filter { $0.phase == .primary }.map(\.numberOnRoll)
    let primaryMean = Double(primaries.reduce(0, +)) / Double(primaries.count)
    #expect((220...290).contains(primaryMean))
    let secondaries = schools.filter { $0.phase == .secondary }.map(\.numberOnRoll)
    let secondaryMean = Double(secondaries.reduce(0, +)) / Double(secondaries.count)
    #expect((900...1100).contains(secondaryMean))
  }

  @Test("about 60% commit, about 70% of them are listed, and only they have profiles")
  func charterChoices() {
    let committed = schools.filter(\.isCommitted)
    let committedShare = Double(committed.count) / Double(schools.count)
    #expect(abs(committedShare - 0.6) < 0.02)
    let listedShare = Double(committed.filter(\.isPubliclyListed).count) / Double(committed.count)
    #expect(abs(listedShare - 0.7) < 0.02)
    for school in schools where !school.isCommitted {
      #expect(!school.isPubliclyListed)
      #expect(school.reviewProfile == .none)
    }
    for school in committed {
      #expect(school.reviewProfile != .none)
      #expect(SchoolGenerator.commitDates.contains(school.commitDate!))
    }
  }

  @Test("most committed schools are part-way through review, and only a few at standard")
  func reviewProfiles() {
    let committed = schools.filter(\.isCommitted)
    func share(_ profile: ReviewProfile) -> Double {
      Double(committed.filter { $0.reviewProfile == profile }.count) / Double(committed.count)
    }
    #expect(share(.partway) > 0.45)
    for profile in [ReviewProfile.started, .level2] {
      #expect(share(profile) > 0.1 && share(profile) < share(.partway))
    }
    #expect(share(.allAtStandard) > 0.01 && share(.allAtStandard) < 0.08)
  }

  @Test("commit dates span the Charter's life")
  func commitDatesSpread() {
    let dates = schools.compactMap(\.commitDate)
    #expect(dates.contains { $0.year == 2009 && $0.month == 1 })
    #expect(dates.contains { $0.year == 2010 && $0.month == 6 })
    #expect(dates.min()! >= CalendarDate(year: 2009, month: 1, day: 1)!)
    #expect(dates.max()! <= CalendarDate(year: 2010, month: 6, day: 30)!)
  }
}
