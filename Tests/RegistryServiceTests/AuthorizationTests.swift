import Contracts
import Foundation
import Identity
import RPCCore
import Testing

@Suite("Registry: who may do what")
struct AuthorizationTests {
  /// Two schools in two authorities, with an admin and a contributor at the first.
  static func world() async throws -> (RegistryHarness, admin: Registry.Client) {
    let registry = try await RegistryHarness.start()
    let admin = try await registry.admin()
    _ = try await admin.registerSchool(RegistryHarness.schoolRequest(urn: "210001", la: "330"))
    _ = try await admin.registerSchool(RegistryHarness.schoolRequest(urn: "210002", la: "926", laName: "Norfolk"))
    return (registry, admin)
  }

  @Test("a call without a token is UNAUTHENTICATED, except sign-in and verification keys")
  func anonymous() async throws {
    let (registry, _) = try await Self.world()
    defer { Task { await registry.stop() } }
    #expect(await code { try await registry.anonymous.getSchool(.init(urn: "210001")) } == .unauthenticated)
    #expect(await code { try await registry.anonymous.listSchools(.init()) } == .unauthenticated)
    #expect(
      await code { try await registry.anonymous.registerSchool(RegistryHarness.schoolRequest(urn: "210003")) }
        == .unauthenticated)
    _ = try await registry.anonymous.getVerificationKeys(.init())
  }

  @Test("an expired token is UNAUTHENTICATED")
  func expiredToken() async throws {
    let (registry, _) = try await Self.world()
    defer { Task { await registry.stop() } }
    let signer = try await TokenSigner(privateKeyPEM: registry.signingKeyPEM)
    let caller = Caller(kind: .person(id: "p-x"), displayName: "X", grants: [.programmeAdmin])
    let (token, _) = try await signer.issue(for: caller, lifetime: .seconds(60), now: Date().addingTimeInterval(-600))
    let error = await rpcError { try await registry.client(token: token).getSchool(.init(urn: "210001")) }
    #expect(error?.code == .unauthenticated)
    #expect(error?.message.contains("expired") == true)
  }

  @Test("a tampered token is UNAUTHENTICATED")
  func tamperedToken() async throws {
    let (registry, _) = try await Self.world()
    defer { Task { await registry.stop() } }
    let (_, _, token) = try await registry.person("c@x.example", [.contributor("210001")])
    // Swap in the claims of a programme admin's token while keeping the contributor's signature.
    let adminToken = try await registry.signIn(RegistryHarness.adminEmail, RegistryHarness.adminPassword)
    var parts = token.split(separator: ".").map(String.init)
    parts[1] = String(adminToken.split(separator: ".")[1])
    let forged = parts.joined(separator: ".")
    #expect(
      await code {
        try await registry.client(token: forged).registerSchool(RegistryHarness.schoolRequest(urn: "210009"))
      } == .unauthenticated)
    #expect(
      await code { try await registry.client(token: "not.a.token").getSchool(.init(urn: "210001")) } == .unauthenticated
    )
  }

  @Test("a school admin changes their own school but not another")
  func schoolAdminScope() async throws {
    let (registry, _) = try await Self.world()
    defer { Task { await registry.stop() } }
    let (head, _, _) = try await registry.person("head@210001.example", [.schoolAdmin("210001")])
    _ = try await head.commitSchool(.init(urn: "210001", acceptCharter: true))
    _ = try await head.updateSchoolDetails(.init(urn: "210001", name: "Renamed", updatePaths: ["name"]))
    #expect(await code { try await head.commitSchool(.init(urn: "210002", acceptCharter: true)) } == .permissionDenied)
    #expect(
      await code { try await head.updateSchoolDetails(.init(urn: "210002", name: "Hijacked", updatePaths: ["name"])) }
        == .permissionDenied)
    #expect(await code { try await head.withdrawSchool(.init(urn: "210002", reason: "spite")) } == .permissionDenied)
    #expect(
      await code { try await head.registerSchool(RegistryHarness.schoolRequest(urn: "210005")) } == .permissionDenied)
  }

  @Test("a contributor reads their school but changes nothing")
  func contributorReadsOnly() async throws {
    let (registry, admin) = try await Self.world()
    defer { Task { await registry.stop() } }
    let (contributor, _, _) = try await registry.person("c@210001.example", [.contributor("210001")])
    #expect(try await contributor.getSchool(.init(urn: "210001")).urn == "210001")
    #expect(
      await code { try await contributor.commitSchool(.init(urn: "210001", acceptCharter: true)) } == .permissionDenied)
    #expect(
      await code { try await contributor.setPublicListing(.init(urn: "210001", publiclyListed: false)) }
        == .permissionDenied)
    #expect(
      await code { try await contributor.updateSchoolDetails(.init(urn: "210001", name: "X", updatePaths: ["name"])) }
        == .permissionDenied)
    #expect(await code { try await contributor.withdrawSchool(.init(urn: "210001", reason: "x")) } == .permissionDenied)
    #expect(
      await code {
        try await contributor.invitePerson(
          .init(email: "y@x.example", displayName: "Y", roles: [RoleGrant.contributor("210001").message]))
      } == .permissionDenied)
    // Nothing changed.
    #expect(try await admin.getSchool(.init(urn: "210001")).commitment?.committed == false)
  }

  @Test("nobody else sees a private school or its people; public schools are seen without personal data")
  func visibility() async throws {
    let (registry, admin) = try await Self.world()
    defer { Task { await registry.stop() } }
    _ = try await admin.commitSchool(.init(urn: "210002", acceptCharter: true))
    _ = try await admin.setPublicListing(.init(urn: "210002", publiclyListed: true))
    let (outsider, _, _) = try await registry.person("o@other.example", [.contributor("210002")])
    let (_, memberID, _) = try await registry.person("m@210001.example", [.contributor("210001")])
    #expect(await code { try await outsider.getSchool(.init(urn: "210001")) } == .permissionDenied)
    #expect(await code { try await outsider.getPerson(.init(personId: memberID)) } == .permissionDenied)
    #expect(await code { try await outsider.listPeople(.init(schoolUrn: "210001")) } == .permissionDenied)
    // Their own school in full, the other public one redacted, the private one not at all.
    let listed = try await outsider.listSchools(.init()).schools
    #expect(listed.map(\.urn) == ["210002"])
    let (assessor, _, _) = try await registry.person("a@assess.example", [.assessor])
    let seen = try await assessor.getSchool(.init(urn: "210002"))
    #expect(seen.commitment?.committed == true)
    #expect(seen.commitment?.committedBy == nil)
    #expect(seen.publicListing?.listingChangedBy == nil)
    #expect(try await admin.getSchool(.init(urn: "210002")).commitment?.committedBy != nil)
  }

  @Test("a school admin manages their own school's people, not other roles or schools")
  func schoolAdminManagesPeople() async throws {
    let (registry, _) = try await Self.world()
    defer { Task { await registry.stop() } }
    let (head, _, _) = try await registry.person("head@210001.example", [.schoolAdmin("210001")])
    let invited = try await head.invitePerson(
      .init(email: "t@210001.example", displayName: "T", roles: [RoleGrant.contributor("210001").message]))
    let id = try #require(invited.person?.personId)
    #expect(try await head.listPeople(.init(schoolUrn: "210001")).totalSize == 2)
    #expect(await code { try await head.listPeople(.init()) } == .permissionDenied)
    #expect(
      await code {
        try await head.invitePerson(
          .init(email: "boss@x.example", displayName: "B", roles: [RoleGrant.programmeAdmin.message]))
      } == .permissionDenied)
    #expect(
      await code {
        try await head.invitePerson(
          .init(email: "z@x.example", displayName: "Z", roles: [RoleGrant.contributor("210002").message]))
      } == .permissionDenied)
    #expect(
      await code { try await head.grantRole(.init(personId: id, grant: RoleGrant.assessor.message)) }
        == .permissionDenied)
    _ = try await head.grantRole(.init(personId: id, grant: RoleGrant.schoolAdmin("210001").message))
    _ = try await head.removePerson(.init(personId: id, reason: "moved on"))
  }

  @Test("a local-authority adviser registers schools in their authority only")
  func adviserRegisters() async throws {
    let (registry, _) = try await Self.world()
    defer { Task { await registry.stop() } }
    let (adviser, _, _) = try await registry.person("adv@330.example", [.adviser("330")])
    _ = try await adviser.registerSchool(RegistryHarness.schoolRequest(urn: "210010", la: "330"))
    #expect(
      await code {
        try await adviser.registerSchool(RegistryHarness.schoolRequest(urn: "210011", la: "926", laName: "Norfolk"))
      } == .permissionDenied)
    // Advisers see their authority's schools in full, but do not change them.
    #expect(try await adviser.getSchool(.init(urn: "210001")).urn == "210001")
    #expect(
      await code { try await adviser.commitSchool(.init(urn: "210001", acceptCharter: true)) } == .permissionDenied)
  }

  @Test("only services and programme admins read the event feed")
  func eventFeedAccess() async throws {
    let (registry, _) = try await Self.world()
    defer { Task { await registry.stop() } }
    let (head, _, _) = try await registry.person("head@210001.example", [.schoolAdmin("210001")])
    #expect(
      await code {
        try await head.streamEvents(.init(afterSequence: 0, stopAtHead: true)) { stream in
          for try await _ in stream {}
        }
      } == .permissionDenied)
  }
}
