import CharterValues
import Contracts
import Foundation
import PublicMapService
import ServiceKit
import Storage

/// Registry and accreditation events as the public map receives them, for store tests that
/// feed a ``PinKeeper`` directly (no socket), and a store in a temporary directory.
struct MapFeeds {
  var registry: [Registry.RegistryEvent] = []
  var accreditation: [Accreditation.AccreditationEvent] = []
  var clock = 1_230_768_000  // 2009-01-01

  static func school(
    _ urn: String, _ name: String, town: String = "Leeds", postcode: String = "LS1 4AP", la: String = "383",
    laName: String = "Leeds", phase: Common.SchoolPhase = .primary, location: (Double, Double)? = (53.8, -1.55),
    committed: Bool = true, listed: Bool = true, withdrawn: Bool = false
  ) -> Registry.School {
    var school = Registry.School()
    school.urn = urn
    school.name = name
    school.address = Common.PostalAddress(lines: ["1 Road"], town: town, postcode: postcode)
    school.phase = phase
    school.localAuthority = Common.LocalAuthority(code: la, name: laName)
    school.numberOnRoll = 300
    school.location = location.map { Common.GeoPoint(latitude: $0.0, longitude: $0.1) }
    if committed {
      school.commitment = Registry.Commitment(
        committed: true, committedAt: Protobuf.Timestamp(UTCTime(secondsSince1970: 1_230_768_000)))
    }
    school.publicListing = Registry.PublicListing(publiclyListed: listed)
    if withdrawn {
      school.withdrawal = Registry.Withdrawal(withdrawnAt: Protobuf.Timestamp(UTCTime(secondsSince1970: 1_262_304_000)))
    }
    return school
  }

  mutating func tick() -> Protobuf.Timestamp {
    clock += 3600
    return Protobuf.Timestamp(UTCTime(secondsSince1970: Int64(clock)))
  }

  /// The registry announces a school's current record.
  mutating func announce(_ school: Registry.School) {
    var event = Registry.RegistryEvent()
    event.sequence = Int64(registry.count + 1)
    event.occurredAt = tick()
    event.payload = .schoolDetailsChanged(Registry.SchoolDetailsChanged(school: school))
    registry.append(event)
  }

  /// Accreditation announces a level.
  mutating func level(_ urn: String, _ level: Common.CharterLevel) {
    var event = Accreditation.AccreditationEvent()
    event.sequence = Int64(accreditation.count + 1)
    event.occurredAt = tick()
    event.schoolUrn = urn
    event.payload = .levelChanged(Accreditation.LevelChanged(level: level))
    accreditation.append(event)
  }

  /// Accreditation records an Excellence Award result.
  mutating func award(_ urn: String, year: Int32, result: Accreditation.AwardResult, entry: String) {
    var event = Accreditation.AccreditationEvent()
    event.sequence = Int64(accreditation.count + 1)
    event.occurredAt = tick()
    event.schoolUrn = urn
    var awardEntry = Accreditation.AwardEntry()
    awardEntry.entryId = entry
    awardEntry.schoolUrn = urn
    awardEntry.result = result
    awardEntry.categoryTitle = "Best whole school"
    awardEntry.year = year
    event.payload = .awardResultRecorded(Accreditation.AwardResultRecorded(entry: awardEntry, year: year))
    accreditation.append(event)
  }

  /// Applies both feeds to a keeper: registry first, accreditation first, or interleaved.
  enum Order { case registryFirst, accreditationFirst, interleaved }

  func apply(to keeper: PinKeeper, order: Order = .registryFirst) async throws {
    let registry = self.registry
    let accreditation = self.accreditation
    try await keeper.store.database.write { db in
      switch order {
      case .registryFirst:
        for event in registry { try keeper.applyRegistry(event, in: db) }
        for event in accreditation { try keeper.applyAccreditation(event, in: db) }
      case .accreditationFirst:
        for event in accreditation { try keeper.applyAccreditation(event, in: db) }
        for event in registry { try keeper.applyRegistry(event, in: db) }
      case .interleaved:
        for index in 0..<max(registry.count, accreditation.count) {
          if index < accreditation.count { try keeper.applyAccreditation(accreditation[index], in: db) }
          if index < registry.count { try keeper.applyRegistry(registry[index], in: db) }
        }
      }
    }
  }
}

/// A public-map store in a fresh temporary directory, removed by ``remove()``.
struct TemporaryMapStore {
  let directory: String
  let keeper: PinKeeper
  var store: PublicMapStore { keeper.store }

  static func open(centroids: CentroidTable = .shipped) async throws -> TemporaryMapStore {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("public-map-\(UUID())").path
    let store = try await PublicMapStore.open(inDirectory: directory)
    return TemporaryMapStore(directory: directory, keeper: PinKeeper(store: store, centroids: centroids))
  }

  func remove() async {
    await store.close()
    try? FileManager.default.removeItem(atPath: directory)
  }
}
