import CharterValues
import Contracts
import PublicMapService
import ServiceKit
import Storage
import Testing

/// The read model on a real SQLite file, fed events directly (no socket).
@Suite("Public map store")
struct PinKeeperTests {
  func events(_ store: PublicMapStore) async throws -> [PublicMap.PublicMapEvent] {
    try await store.events(after: 0, limit: 10_000)
  }

  @Test("committing publicly adds a pin; a level change updates it; delisting and withdrawal remove it, with events")
  func pinLifecycle() async throws {
    let map = try await TemporaryMapStore.open()
    var feeds = MapFeeds()
    feeds.announce(MapFeeds.school("100001", "Hidden Primary", listed: false))
    feeds.announce(MapFeeds.school("100002", "Listed Primary"))
    feeds.level("100002", .recognised)
    try await feeds.apply(to: map.keeper)
    #expect(try await map.store.pin(SchoolURN("100001")!) == nil)
    let listed = try #require(try await map.store.pin(SchoolURN("100002")!))
    #expect(listed.level == .recognised)
    var log = try await events(map.store)
    #expect(log.count == 2)
    guard case .pinAdded(let added)? = log.first?.payload, case .pinUpdated(let updated)? = log.last?.payload else {
      Issue.record("expected PinAdded then PinUpdated, got \(log.map(\.payload))")
      return
    }
    #expect(added.school?.urn == "100002" && added.school?.level == .committed)
    #expect(updated.changedFields.contains("level") && updated.school?.level == .recognised)

    var more = MapFeeds()
    more.clock = feeds.clock
    more.announce(MapFeeds.school("100002", "Listed Primary", listed: false))
    more.announce(MapFeeds.school("100001", "Hidden Primary", listed: true))
    more.announce(MapFeeds.school("100001", "Hidden Primary", listed: true, withdrawn: true))
    try await more.apply(to: map.keeper)
    #expect(try await map.store.pin(SchoolURN("100002")!) == nil)
    #expect(try await map.store.pin(SchoolURN("100001")!) == nil)
    log = try await events(map.store)
    let removals = log.compactMap { event -> PublicMap.PinRemoved? in
      if case .pinRemoved(let removed)? = event.payload { return removed }
      return nil
    }
    #expect(removals.map(\.urn) == ["100002", "100001"])
    #expect(removals.map(\.reason) == [.unlisted, .withdrawn])
    let counts = try await map.store.counts(MapFilter())
    #expect(counts.total.count == 0)
    await map.remove()
  }

  @Test("the map keeps no personal data: no column or event field names a person")
  func noPersonalData() async throws {
    let map = try await TemporaryMapStore.open()
    let columns = try await map.store.database.read { db in
      try db.fetchAll(
        sql:
          "SELECT name FROM pragma_table_info('pin') UNION ALL SELECT name FROM pragma_table_info('map_standing') UNION ALL SELECT name FROM pragma_table_info('map_badge')"
      )
      .map { try $0["name"] as String }
    }
    #expect(!columns.isEmpty)
    for column in columns {
      #expect(!["email", "person", "actor", "display_name", "by"].contains { column.contains($0) }, "\(column)")
    }
    await map.remove()
  }

  @Test("bounding boxes go through the R*Tree with level, phase, authority and placement filters")
  func boundingBox() async throws {
    let map = try await TemporaryMapStore.open()
    var feeds = MapFeeds()
    feeds.announce(MapFeeds.school("200001", "Leeds Primary", location: (53.80, -1.55)))
    feeds.announce(MapFeeds.school("200002", "Leeds High", phase: .secondary, location: (53.81, -1.56)))
    feeds.announce(
      MapFeeds.school(
        "200003", "York Primary", town: "York", postcode: "YO1 7HH", la: "816", laName: "York", location: (53.96, -1.08)
      ))
    feeds.announce(MapFeeds.school("200004", "Somewhere Leeds", location: nil))
    feeds.level("200002", .ictMark)
    try await feeds.apply(to: map.keeper)
    let leeds = try MapBox(south: 53.7, west: -1.7, north: 53.9, east: -1.4)
    let page = PageRequest(size: 100)
    func urns(_ filter: MapFilter) async throws -> [String] {
      try await map.store.searchPins(filter, text: "", page: page).pins.map(\.urn.rawValue)
    }
    #expect(try await urns(MapFilter(box: leeds)) == ["200002", "200001", "200004"])
    #expect(try await urns(MapFilter(box: leeds, levels: [.ictMark])) == ["200002"])
    #expect(try await urns(MapFilter(box: leeds, phases: [.primary])) == ["200001", "200004"])
    #expect(try await urns(MapFilter(localAuthorityCodes: ["816"])) == ["200003"])
    #expect(try await urns(MapFilter(placement: .approximate)) == ["200004"])
    #expect(try await urns(MapFilter(box: leeds, placement: .exact)) == ["200002", "200001"])
    let counts = try await map.store.counts(MapFilter())
    #expect(counts.total.count == 4 && counts.total.approximate == 1)
    #expect(counts.byAuthority["383"]?.group.approximate == 1)
    #expect(counts.byPhase[.secondary]?.byLevel[.ictMark] == 1)
    await map.remove()
  }

  @Test("text search by name, town or postcode with prefixes: \"st marys\" finds \"St Mary's\"")
  func textSearch() async throws {
    let map = try await TemporaryMapStore.open()
    var feeds = MapFeeds()
    feeds.announce(MapFeeds.school("300001", "St Mary's Catholic Primary", town: "Leeds", postcode: "LS6 2AA"))
    feeds.announce(
      MapFeeds.school(
        "300002", "St Marylebone School", town: "London", postcode: "W1U 5BA", la: "213", laName: "Westminster",
        location: (51.52, -0.15)))
    feeds.announce(
      MapFeeds.school(
        "300003", "Park Lane Primary", town: "Halifax", postcode: "HX1 2AB", la: "381", laName: "Calderdale",
        location: (53.72, -1.86)))
    try await feeds.apply(to: map.keeper)
    func find(_ text: String) async throws -> [String] {
      try await map.store.searchPins(MapFilter(), text: text, page: PageRequest(size: 10)).pins.map(\.urn.rawValue)
    }
    #expect(try await find("st marys") == ["300001"])
    #expect(try await find("st mary") == ["300001", "300002"])
    #expect(try await find("halif") == ["300003"])
    #expect(try await find("LS6") == ["300001"])
    #expect(try await find("w1u5ba") == ["300002"])
    #expect(try await find("hx1 2ab") == ["300003"])
    #expect(try await find("nowhere") == [])
    // Renaming moves the school in the index.
    var rename = MapFeeds()
    rename.clock = feeds.clock
    rename.announce(
      MapFeeds.school(
        "300003", "Beech Hill Primary", town: "Halifax", postcode: "HX1 2AB", la: "381", laName: "Calderdale",
        location: (53.72, -1.86)))
    try await rename.apply(to: map.keeper)
    #expect(try await find("park lane") == [])
    #expect(try await find("beech") == ["300003"])
    await map.remove()
  }

  @Test("pages follow each other by name without repeats and report the total")
  func paging() async throws {
    let map = try await TemporaryMapStore.open()
    var feeds = MapFeeds()
    for index in 0..<25 {
      feeds.announce(
        MapFeeds.school(String(400_000 + index), "School \(index % 5)", location: (53 + Double(index) / 100, -1.5)))
    }
    try await feeds.apply(to: map.keeper)
    var seen: [String] = []
    var token = ""
    repeat {
      let page = try PageRequest(size: 10, token: token)
      let found = try await map.store.searchPins(MapFilter(), text: "", page: page)
      #expect(found.total == 25)
      seen += found.pins.map(\.urn.rawValue)
      token = found.nextPageToken
    } while !token.isEmpty
    #expect(seen.count == 25 && Set(seen).count == 25)
    await map.remove()
  }

  @Test("clusters at every zoom add up to the statistics total; zoomed in, pins stand alone")
  func clusters() async throws {
    let map = try await TemporaryMapStore.open()
    var feeds = MapFeeds()
    var number = 500_000
    for (city, lat, lon) in [("Leeds", 53.80, -1.55), ("York", 53.96, -1.08), ("Bristol", 51.45, -2.59)] {
      for index in 0..<20 {
        number += 1
        feeds.announce(
          MapFeeds.school(
            String(number), "\(city) School \(index)", town: city,
            location: (lat + Double(index) * 0.002, lon + Double(index % 4) * 0.003)))
        if index % 3 == 0 { feeds.level(String(number), .ictMark) }
      }
    }
    try await feeds.apply(to: map.keeper)
    let total = try await map.store.counts(MapFilter()).total.count
    #expect(total == 60)
    for zoom in 0...16 {
      let markers = try await map.store.markers(MapFilter(box: .england), zoom: zoom)
      #expect(markers.reduce(0) { $0 + $1.count } == total, "zoom \(zoom)")
    }
    let country = try await map.store.markers(MapFilter(box: .england), zoom: 5)
    #expect(country.count <= 3)
    if case .cluster(_, _, _, _, let byLevel) = country.first {
      #expect(byLevel.values.reduce(0, +) == country.first?.count)
    }
    let street = try await map.store.markers(
      MapFilter(box: try MapBox(south: 53.79, west: -1.56, north: 53.85, east: -1.53)), zoom: 18)
    #expect(street.count == 20)
    #expect(street.allSatisfy { if case .pin = $0 { true } else { false } })
    let mark = try await map.store.markers(MapFilter(box: .england, levels: [.ictMark]), zoom: 4)
    #expect(mark.reduce(0) { $0 + $1.count } == 21)
    await map.remove()
  }

  @Test("badges from Excellence Award results; a result revised down takes the badge away")
  func badges() async throws {
    let map = try await TemporaryMapStore.open()
    var feeds = MapFeeds()
    feeds.announce(MapFeeds.school("600001", "Award Primary"))
    feeds.level("600001", .excellence)
    feeds.award("600001", year: 2009, result: .winner, entry: "e1")
    try await feeds.apply(to: map.keeper)
    let pin = try #require(try await map.store.pin(SchoolURN("600001")!))
    #expect(pin.badges.map(\.title) == ["ICT Excellence Award 2009"])
    #expect(pin.message.badges.first?.detail == "Winner, Best whole school")
    var revised = MapFeeds()
    revised.clock = feeds.clock
    revised.award("600001", year: 2009, result: .notShortlisted, entry: "e1")
    try await revised.apply(to: map.keeper)
    #expect(try await map.store.pin(SchoolURN("600001")!)?.badges == [])
    await map.remove()
  }

  @Test("the map converges to the same answers whatever order the two feeds arrive in (a rebuild, a replica)")
  func convergence() async throws {
    var feeds = MapFeeds()
    for index in 0..<40 {
      let urn = String(700_000 + index)
      feeds.announce(
        MapFeeds.school(
          urn, "School \(index)",
          location: index % 7 == 0 ? nil : (52 + Double(index) / 20, -1 - Double(index % 5) / 10),
          listed: index % 9 != 0))
      if index % 2 == 0 { feeds.level(urn, .recognised) }
      if index % 4 == 0 { feeds.level(urn, .ictMark) }
      if index % 10 == 0 { feeds.award(urn, year: 2009, result: .runnerUp, entry: "e\(index)") }
    }
    feeds.announce(MapFeeds.school("700003", "School 3", listed: false))
    feeds.level("700005", .withdrawn)
    var answers: [String] = []
    for order: MapFeeds.Order in [.registryFirst, .accreditationFirst, .interleaved] {
      let map = try await TemporaryMapStore.open()
      try await feeds.apply(to: map.keeper, order: order)
      answers.append(try await MapAnswers.of(map.store))
      await map.remove()
    }
    #expect(answers[0] == answers[1])
    #expect(answers[0] == answers[2])
    #expect(answers[0].contains("700010"))
  }
}
