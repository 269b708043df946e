import CharterValues
import DemoData
import Testing

@Suite("LocalAuthority")
struct LocalAuthorityTests {
  let england = LocalAuthority.england

  @Test("England has the 152 local authorities of 2010, with unique three-digit codes")
  func table() {
    #expect(england.count == 152)
    #expect(Set(england.map(\.code)).count == 152)
    #expect(Set(england.map(\.name)).count == 152)
    #expect(england.allSatisfy { (100...999).contains($0.code) })
    #expect(england.map(\.code) == england.map(\.code).sorted())
  }

  @Test(
    "well-known codes name the right authorities",
    arguments: [
      (201, "City of London"), (202, "Camden"), (203, "Greenwich"), (330, "Birmingham"),
      (420, "Isles of Scilly"), (801, "Bristol, City of"), (886, "Kent"), (908, "Cornwall"),
      (926, "Norfolk"), (938, "West Sussex"),
    ])
  func knownCodes(code: Int, name: String) {
    #expect(LocalAuthority.england(code: code)?.name == name)
  }

  @Test("an unknown code finds nothing")
  func unknownCode() {
    #expect(LocalAuthority.england(code: 999) == nil)
    #expect(LocalAuthority.england(code: 820) == nil)  // Bedfordshire, split in 2009
  }

  @Test(
    "postcode areas match the authority",
    arguments: [(330, ["B"]), (926, ["NR", "PE", "IP"]), (202, ["NW", "WC", "N"])])
  func postcodeAreas(code: Int, areas: [String]) {
    #expect(LocalAuthority.england(code: code)?.postcodeAreas == areas)
  }

  @Test("every authority has a region, towns, districts and a sensible centre and extent")
  func fields() {
    #expect(Set(england.map(\.region)) == Set(Region.allCases))
    #expect(england.filter { $0.region == .london }.count == 33)
    for authority in england {
      #expect(!authority.towns.isEmpty, "\(authority.name)")
      #expect(Set(authority.towns).count == authority.towns.count, "\(authority.name)")
      #expect(!authority.postcodeDistricts.isEmpty, "\(authority.name)")
      #expect(authority.postcodeDistricts.allSatisfy { isUKPostcode("\($0) 1AA") })
      #expect(SchoolGenerator.latitudeBounds.contains(authority.latitude), "\(authority.name)")
      #expect(SchoolGenerator.longitudeBounds.contains(authority.longitude), "\(authority.name)")
      #expect((1...60).contains(authority.radiusKilometres), "\(authority.name)")
      #expect(authority.schoolWeight > 0, "\(authority.name)")
    }
  }

  @Test("each authority lies in the region the platform's map of regions gives its code, and no other")
  func regionsAgreeWithThePlatformMap() throws {
    for authority in england {
      let code = try #require(LocalAuthorityCode(String(authority.code)))
      #expect(EnglishRegion(containing: code)?.name == authority.region.name, "\(authority.name)")
    }
    #expect(EnglishRegion.allCases.map(\.localAuthorityCodes.count).reduce(0, +) == 152)
  }

  @Test("school weights total about England's schools, with big counties near 600")
  func weights() {
    let total = england.map(\.schoolWeight).reduce(0, +)
    #expect((20_000...25_000).contains(total))
    for code in [886, 888, 881, 850] {
      #expect((500...700).contains(LocalAuthority.england(code: code)!.schoolWeight))
    }
  }

  @Test("the CSV has a header and one row per authority, quoting names with commas")
  func csv() {
    let csv = LocalAuthoritiesCSV.render(england)
    let lines = csv.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first == "la_code,la_name,region,latitude,longitude")
    #expect(lines.count == 152 + 2)  // header, rows, and the empty string after the final \n
    #expect(lines.contains("330,Birmingham,West Midlands,52.47000,-1.89000"))
    #expect(lines.contains("801,\"Bristol, City of\",South West,51.45500,-2.59000"))
    #expect(lines.contains("203,Greenwich,London,51.47500,0.04500"))
  }
}
