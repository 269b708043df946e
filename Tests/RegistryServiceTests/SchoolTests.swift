import Contracts
import Identity
import RPCCore
import Testing

@Suite("Registry: schools over loopback gRPC")
struct SchoolTests {
  @Test("a programme admin registers a school; its details come back normalised")
  func register() async throws {
    let registry = try await RegistryHarness.start()
    defer { Task { await registry.stop() } }
    let admin = try await registry.admin()
    let school = try await admin.registerSchool(
      RegistryHarness.schoolRequest(urn: "100001", name: "  Oakfield Primary School "))
    #expect(school.urn == "100001")
    #expect(school.name == "Oakfield Primary School")
    #expect(school.address?.postcode == "B15 2TT")
    #expect(school.phase == .primary)
    #expect(school.localAuthority == Common.LocalAuthority(code: "330", name: "Birmingham"))
    #expect(school.commitment?.committed == false)
    #expect(school.publicListing?.publiclyListed == false)
    #expect(school.createTime != nil)
    #expect(try await admin.getSchool(.init(urn: "100001")) == school)
  }

  @Test("registering with both ticks commits and lists the school atomically, recording who and when")
  func registerCommitted() async throws {
    let registry = try await RegistryHarness.start()
    defer { Task { await registry.stop() } }
    let admin = try await registry.admin()
    let school = try await admin.registerSchool(
      RegistryHarness.schoolRequest(urn: "100002", commit: true, listed: true))
    #expect(school.commitment?.committed == true)
    #expect(school.commitment?.committedAt != nil)
    #expect(school.commitment?.committedBy?.displayName == "Programme admin")
    #expect(school.publicListing?.publiclyListed == true)
    #expect(school.publicListing?.listingChangedBy != nil)
  }

  @Test("a programme admin importing history may set when a school committed")
  func historicalCommitment() async throws {
    let registry = try await RegistryHarness.start()
    defer { Task { await registry.stop() } }
    let admin = try await registry.admin()
    var request = RegistryHarness.schoolRequest(urn: "100003", commit: true)
    request.committedAt = Protobuf.Timestamp(secondsSince1970: 1_240_000_000)
    let school = try await admin.registerSchool(request)
    #expect(school.commitment?.committedAt?.seconds == 1_240_000_000)
  }

  @Test("a duplicate URN is ALREADY_EXISTS and changes nothing")
  func duplicate() async throws {
    let registry = try await RegistryHarness.start()
    defer { Task { await registry.stop() } }
    let admin = try await registry.admin()
    let first = try await admin.registerSchool(RegistryHarness.schoolRequest(urn: "100004"))
    #expect(
      await code { try await admin.registerSchool(RegistryHarness.schoolRequest(urn: "100004", name: "Another")) }
        == .alreadyExists)
    #expect(try await admin.getSchool(.init(urn: "100004")) == first)
  }

  /// One way to spoil a registration, named by the field the error must name.
  enum BadRegistration: String, CaseIterable, Sendable {
    case shortURN, letterInURN, blankName, badPostcode, missingPostcode, noPhase, shortAuthorityCode
    case noAuthorityName, negativeRoll, latitudeOutOfRange, longitudeNaN, listedWithoutCommitment

    var field: String {
      switch self {
      case .shortURN, .letterInURN: "urn"
      case .blankName: "name"
      case .badPostcode, .missingPostcode: "address.postcode"
      case .noPhase: "phase"
      case .shortAuthorityCode: "local_authority.code"
      case .noAuthorityName: "local_authority.name"
      case .negativeRoll: "number_on_roll"
      case .latitudeOutOfRange: "location.latitude"
      case .longitudeNaN: "location.longitude"
      case .listedWithoutCommitment: "publicly_listed"
      }
    }

    func apply(to r: inout Registry.RegisterSchoolRequest) {
      switch self {
      case .shortURN: r.urn = "12345"
      case .letterInURN: r.urn = "12345a"
      case .blankName: r.name = "   "
      case .badPostcode: r.address?.postcode = "NOT A CODE"
      case .missingPostcode: r.address?.postcode = ""
      case .noPhase: r.phase = .unspecified
      case .shortAuthorityCode: r.localAuthority?.code = "33"
      case .noAuthorityName: r.localAuthority?.name = ""
      case .negativeRoll: r.numberOnRoll = -1
      case .latitudeOutOfRange: r.location?.latitude = 91
      case .longitudeNaN: r.location?.longitude = .nan
      case .listedWithoutCommitment: r.publiclyListed = true
      }
    }
  }

  @Test("a bad field is INVALID_ARGUMENT naming the field, and nothing is stored", arguments: BadRegistration.allCases)
  func invalidFields(bad: BadRegistration) async throws {
    let registry = try await RegistryHarness.start()
    defer { Task { await registry.stop() } }
    let admin = try await registry.admin()
    var request = RegistryHarness.schoolRequest(urn: "100005")
    bad.apply(to: &request)
    let error = await rpcError { try await admin.registerSchool(request) }
    #expect(error?.code == .invalidArgument)
    #expect(error?.message.hasPrefix(bad.field + ":") == true, "\(error?.message ?? "")")
    #expect(try await admin.listSchools(.init()).totalSize == 0)
  }

  @Test("an unknown school is NOT_FOUND; a malformed URN is INVALID_ARGUMENT")
  func notFound() async throws {
    let registry = try await RegistryHarness.start()
    defer { Task { await registry.stop() } }
    let admin = try await registry.admin()
    #expect(await code { try await admin.getSchool(.init(urn: "999999")) } == .notFound)
    #expect(await code { try await admin.getSchool(.init(urn: "abc")) } == .invalidArgument)
    #expect(await code { try await admin.commitSchool(.init(urn: "999999", acceptCharter: true)) } == .notFound)
  }

  @Test("schools are listed in URN order, page by page, with the total")
  func paging() async throws {
    let registry = try await RegistryHarness.start()
    defer { Task { await registry.stop() } }
    let admin = try await registry.admin()
    for i in (0..<25).reversed() {
      _ = try await admin.registerSchool(RegistryHarness.schoolRequest(urn: String(200000 + i)))
    }
    var seen: [String] = []
    var token = ""
    repeat {
      let page = try await admin.listSchools(.init(pageSize: 10, pageToken: token))
      #expect(page.totalSize == 25)
      #expect(page.schools.count <= 10)
      seen += page.schools.map(\.urn)
      token = page.nextPageToken
    } while !token.isEmpty
    #expect(seen == (0..<25).map { String(200000 + $0) })
    #expect(await code { try await admin.listSchools(.init(pageToken: "garbage")) } == .invalidArgument)
    #expect(await code { try await admin.listSchools(.init(pageSize: -1)) } == .invalidArgument)
  }

  @Test("search filters by name, URN, postcode prefix, authority and phase, combined")
  func search() async throws {
    let registry = try await RegistryHarness.start()
    defer { Task { await registry.stop() } }
    let admin = try await registry.admin()
    _ = try await admin.registerSchool(
      RegistryHarness.schoolRequest(urn: "300001", name: "Oakfield Primary", postcode: "B15 2TT"))
    _ = try await admin.registerSchool(
      RegistryHarness.schoolRequest(urn: "300002", name: "Oakfield High", phase: .secondary, postcode: "B16 8QR"))
    _ = try await admin.registerSchool(
      RegistryHarness.schoolRequest(
        urn: "300003", name: "Riverside Primary", la: "926", laName: "Norfolk", postcode: "NR1 3QU"))
    func urns(_ request: Registry.ListSchoolsRequest) async throws -> [String] {
      try await admin.listSchools(request).schools.map(\.urn)
    }
    #expect(try await urns(.init(nameQuery: "oakfield")) == ["300001", "300002"])
    #expect(try await urns(.init(urn: "300003")) == ["300003"])
    #expect(try await urns(.init(postcodePrefix: "b15")) == ["300001"])
    #expect(try await urns(.init(postcodePrefix: "B1")) == ["300001", "300002"])
    #expect(try await urns(.init(localAuthorityCode: "926")) == ["300003"])
    #expect(try await urns(.init(phase: .secondary)) == ["300002"])
    #expect(try await urns(.init(nameQuery: "primary", localAuthorityCode: "330")) == ["300001"])
  }

  @Test("a name query's words must all occur in the name, in any order and case")
  func nameWords() async throws {
    let registry = try await RegistryHarness.start()
    defer { Task { await registry.stop() } }
    let admin = try await registry.admin()
    _ = try await admin.registerSchool(RegistryHarness.schoolRequest(urn: "310001", name: "Alpha Primary School"))
    _ = try await admin.registerSchool(RegistryHarness.schoolRequest(urn: "310002", name: "Alpha High School"))
    _ = try await admin.registerSchool(RegistryHarness.schoolRequest(urn: "310003", name: "Beta Primary School"))
    func urns(_ query: String) async throws -> [String] {
      try await admin.listSchools(.init(nameQuery: query)).schools.map(\.urn)
    }
    #expect(try await urns("primary alpha") == ["310001"])
    #expect(try await urns("  SCHOOL   alpha ") == ["310001", "310002"])
    #expect(try await urns("alpha gamma") == [])
  }

  @Test("details change only on the listed paths, and the event says which changed")
  func updateDetails() async throws {
    let registry = try await RegistryHarness.start()
    defer { Task { await registry.stop() } }
    let admin = try await registry.admin()
    _ = try await admin.registerSchool(RegistryHarness.schoolRequest(urn: "400001"))
    var update = Registry.UpdateSchoolDetailsRequest(
      urn: "400001", name: "Oakfield Academy", numberOnRoll: 999, updatePaths: ["name", "number_on_roll"])
    update.phase = .secondary  // not in the mask: ignored
    let school = try await admin.updateSchoolDetails(update)
    #expect(school.name == "Oakfield Academy")
    #expect(school.numberOnRoll == 999)
    #expect(school.phase == .primary)
    let events = try await admin.streamEvents(.init(afterSequence: 0, stopAtHead: true)) { stream in
      var all: [Registry.RegistryEvent] = []
      for try await e in stream { all.append(e) }
      return all
    }
    guard case .schoolDetailsChanged(let changed)? = events.last?.payload else {
      Issue.record("last event is not a details change: \(events.last.map { "\($0)" } ?? "none")")
      return
    }
    #expect(changed.changedPaths == ["name", "number_on_roll"])
    #expect(
      await code { try await admin.updateSchoolDetails(.init(urn: "400001", updatePaths: ["urn"])) } == .invalidArgument
    )
    #expect(
      await code { try await admin.updateSchoolDetails(.init(urn: "400001", updatePaths: ["address.postcode"])) }
        == .invalidArgument)
  }

  @Test("committing needs the charter accepted; listing publicly needs a commitment")
  func commitAndList() async throws {
    let registry = try await RegistryHarness.start()
    defer { Task { await registry.stop() } }
    let admin = try await registry.admin()
    _ = try await admin.registerSchool(RegistryHarness.schoolRequest(urn: "500001"))
    #expect(await code { try await admin.commitSchool(.init(urn: "500001", acceptCharter: false)) } == .invalidArgument)
    #expect(
      await code { try await admin.setPublicListing(.init(urn: "500001", publiclyListed: true)) } == .failedPrecondition
    )
    let committed = try await admin.commitSchool(.init(urn: "500001", acceptCharter: true))
    #expect(committed.commitment?.committed == true)
    // Committing again changes nothing (idempotent).
    #expect(try await admin.commitSchool(.init(urn: "500001", acceptCharter: true)) == committed)
    let listed = try await admin.setPublicListing(.init(urn: "500001", publiclyListed: true))
    #expect(listed.publicListing?.publiclyListed == true)
    let unlisted = try await admin.setPublicListing(.init(urn: "500001", publiclyListed: false))
    #expect(unlisted.publicListing?.publiclyListed == false)
  }

  @Test("withdrawing keeps the school and its history, takes it off the map, and freezes it")
  func withdraw() async throws {
    let registry = try await RegistryHarness.start()
    defer { Task { await registry.stop() } }
    let admin = try await registry.admin()
    _ = try await admin.registerSchool(RegistryHarness.schoolRequest(urn: "600001", commit: true, listed: true))
    #expect(await code { try await admin.withdrawSchool(.init(urn: "600001", reason: "")) } == .invalidArgument)
    let withdrawn = try await admin.withdrawSchool(.init(urn: "600001", reason: "closing"))
    #expect(withdrawn.withdrawal?.reason == "closing")
    #expect(withdrawn.publicListing?.publiclyListed == false)
    #expect(withdrawn.commitment?.committed == true)
    #expect(
      await code { try await admin.updateSchoolDetails(.init(urn: "600001", name: "New", updatePaths: ["name"])) }
        == .failedPrecondition)
    #expect(
      await code { try await admin.setPublicListing(.init(urn: "600001", publiclyListed: true)) } == .failedPrecondition
    )
    #expect(try await admin.listSchools(.init()).totalSize == 0)
    #expect(try await admin.listSchools(.init(includeWithdrawn: true)).schools.map(\.urn) == ["600001"])
    #expect(try await admin.getSchool(.init(urn: "600001")).withdrawal != nil)
  }
}
