import CharterValues
import Contracts
import PublicMapService
import RegistryReplica
import Testing

@Suite("Public map rules")
struct MapRuleTests {
  let leeds = CentroidTable(
    localAuthorities: ["383": .init(latitude: 53.8, longitude: -1.55)],
    postcodeDistricts: ["LS6": .init(latitude: 53.82, longitude: -1.58)])

  func school(
    location: Common.GeoPoint? = Common.GeoPoint(latitude: 53.79, longitude: -1.54), postcode: String = "LS1 4AP",
    listed: Bool = true, committed: Bool = true, withdrawn: Bool = false
  ) -> RegistrySchool {
    RegistrySchool(
      urn: SchoolURN("107000")!, name: "St Mary's Primary", phase: .primary, localAuthorityCode: "383",
      localAuthorityName: "Leeds", town: "Leeds", postcode: postcode, location: location,
      committedAt: committed ? UTCTime(secondsSince1970: 100) : nil, publiclyListed: listed,
      withdrawnAt: withdrawn ? UTCTime(secondsSince1970: 200) : nil)
  }

  func derive(_ school: RegistrySchool, level: Common.CharterLevel? = nil) -> Result<MapPin, MapPin.Absence> {
    MapPin.derive(
      school: school, standing: level.map { MapStanding(level: $0, since: UTCTime(secondsSince1970: 300)) },
      badges: [], centroids: leeds, updateTime: UTCTime(secondsSince1970: 400))
  }

  @Test("only committed, listed, active schools at a mapped level are on the map")
  func publicSchoolsOnly() throws {
    #expect(try derive(school()).get().level == .committed)
    #expect(try derive(school()).get().levelSince == UTCTime(secondsSince1970: 100))
    #expect(try derive(school(), level: .ictMark).get().level == .ictMark)
    #expect(derive(school(listed: false)) == .failure(.unlisted))
    #expect(derive(school(committed: false)) == .failure(.notCommitted))
    #expect(derive(school(withdrawn: true)) == .failure(.withdrawn))
    #expect(derive(school(), level: .withdrawn) == .failure(.withdrawn))
    #expect(derive(school(), level: .notCommitted) == .failure(.notCommitted))
  }

  @Test("a school without a location is placed at its postcode district, else its authority, and marked approximate")
  func approximatePlacement() throws {
    let exact = try derive(school()).get()
    #expect(exact.placement == .schoolLocation && !exact.isApproximate)
    let district = try derive(school(location: nil, postcode: "LS6 2AA")).get()
    #expect(district.placement == .postcodeDistrict && district.isApproximate)
    #expect(district.latitude == 53.82)
    let authority = try derive(school(location: nil, postcode: "LS1 4AP")).get()
    #expect(authority.placement == .localAuthority && authority.latitude == 53.8)
    var elsewhere = school(location: nil)
    elsewhere.localAuthorityCode = "999"
    #expect(derive(elsewhere) == .failure(.noLocation))
  }

  @Test("the shipped table has every 2010 English authority, each inside England")
  func shippedCentroids() {
    let table = CentroidTable.shipped
    #expect(table.localAuthorities.count == 152)
    for (code, point) in table.localAuthorities {
      #expect(MapBox.england.contains(latitude: point.latitude, longitude: point.longitude), "\(code)")
    }
    #expect(table.localAuthorities["383"] != nil)
  }

  @Test("a centroid file that does not parse names the line")
  func badCentroidFile() {
    #expect(throws: CentroidTableError(line: 3, reason: "expected 3 fields with degrees")) {
      try CentroidTable.parse(
        csv: "district,latitude,longitude\nLS1,53.8,-1.5\nLS2,north,-1.5\n", keyColumn: "district")
    }
    #expect(throws: CentroidTableError.self) { try CentroidTable.parse(csv: "a,b\n", keyColumn: "district") }
  }

  @Test("search words drop apostrophes and every query word is a prefix: \"st marys\" finds \"St Mary's\"")
  func searchText() {
    #expect(SearchText.indexed("St Mary's C of E (Aided)") == "st marys c of e aided")
    #expect(SearchText.matchExpression("st marys") == "\"st\"* \"marys\"*")
    #expect(SearchText.matchExpression("  '' ") == nil)
    #expect(SearchText.indexed(postcode: "LS1 4AP") == "ls1 4ap ls14ap")
    #expect(SearchText.matchExpression("St. Mary\u{2019}s") == "\"st\"* \"marys\"*")
  }

  @Test("boxes: out of range, inverted and non-numbers are refused with the field named")
  func boxes() throws {
    #expect(throws: InvalidField.self) { try MapBox(south: 54, west: -2, north: 53, east: -1) }
    #expect(throws: InvalidField.self) { try MapBox(south: 53, west: -1, north: 54, east: -2) }
    #expect(throws: InvalidField.self) { try MapBox(south: -91, west: -1, north: 54, east: 2) }
    #expect(throws: InvalidField.self) { try MapBox(south: .nan, west: -1, north: 54, east: 2) }
    do {
      _ = try MapBox(south: 54, west: -2, north: 53, east: -1, field: "bbox")
    } catch {
      #expect(error.field == "bbox")
    }
    #expect(try MapBox(south: 53, west: -2, north: 54, east: -1).contains(latitude: 53.5, longitude: -1.5))
  }

  @Test("cluster cells: neighbours share a cell at country zoom and not at street zoom; a cell's box holds its points")
  func grid() {
    let a = (53.80, -1.55)
    let b = (53.81, -1.56)
    #expect(
      ClusterGrid(zoom: 6).cell(latitude: a.0, longitude: a.1)
        == ClusterGrid(zoom: 6).cell(latitude: b.0, longitude: b.1))
    #expect(
      ClusterGrid(zoom: 16).cell(latitude: a.0, longitude: a.1)
        != ClusterGrid(zoom: 16).cell(latitude: b.0, longitude: b.1))
    for zoom in [0, 5, 10, 15] {
      let grid = ClusterGrid(zoom: zoom)
      let (x, y) = grid.cell(latitude: a.0, longitude: a.1)
      #expect(grid.bounds(x: x, y: y).contains(latitude: a.0, longitude: a.1))
      let range = grid.cells(in: MapBox.england)
      #expect(range.x.contains(x) && range.y.contains(y))
    }
  }

  @Test("award results that are honours become badges; entries and non-shortlisted ones do not")
  func badges() {
    let winner = PinBadge(year: 2009, result: .winner, category: "Best whole school", subCategory: "Primary")
    #expect(winner?.title == "ICT Excellence Award 2009")
    #expect(winner?.detail == "Winner, Best whole school – Primary")
    #expect(PinBadge(year: 2009, result: .entrant, category: "x", subCategory: "") == nil)
    #expect(PinBadge(year: 2009, result: .notShortlisted, category: "x", subCategory: "") == nil)
  }
}
