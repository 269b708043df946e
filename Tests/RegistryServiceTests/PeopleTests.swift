import Contracts
import Identity
import RPCCore
import Testing

@Suite("Registry: people, roles and sign-in")
struct PeopleTests {
  @Test("an invited person accepts, signs in, and their token carries their roles")
  func inviteAcceptSignIn() async throws {
    let registry = try await RegistryHarness.start()
    defer { Task { await registry.stop() } }
    let admin = try await registry.admin()
    _ = try await admin.registerSchool(RegistryHarness.schoolRequest(urn: "110001"))
    let invitation = try await admin.invitePerson(
      .init(email: " Head@Oakfield.Example ", displayName: "Ms Head", roles: [RoleGrant.schoolAdmin("110001").message]))
    #expect(invitation.person?.email == "head@oakfield.example")
    #expect(invitation.person?.state == .invited)
    #expect(!invitation.invitationCode.isEmpty)
    #expect(await code { try await registry.signIn("head@oakfield.example", "not yet a password") } == .unauthenticated)
    let person = try await registry.anonymous.acceptInvitation(
      .init(invitationCode: invitation.invitationCode, password: "a long enough password"))
    #expect(person.state == .active)
    #expect(person.joinedAt != nil)
    let signIn = try await registry.anonymous.signIn(
      .init(email: "HEAD@oakfield.example", password: "a long enough password"))
    #expect(!signIn.token.isEmpty)
    #expect(signIn.person?.roles == [RoleGrant.schoolAdmin("110001").message])
    // The invitation works once: used again, it is FAILED_PRECONDITION (as the contract says),
    // while a code that never existed is NOT_FOUND.
    #expect(
      await code {
        try await registry.anonymous.acceptInvitation(
          .init(invitationCode: invitation.invitationCode, password: "another long password"))
      } == .failedPrecondition)
    #expect(
      await code {
        try await registry.anonymous.acceptInvitation(
          .init(invitationCode: "no-such-code-at-all", password: "another long password"))
      } == .notFound)
  }

  @Test("a wrong password and an unknown email are both UNAUTHENTICATED, with the same message")
  func signInFailures() async throws {
    let registry = try await RegistryHarness.start()
    defer { Task { await registry.stop() } }
    let wrong = await rpcError { try await registry.signIn(RegistryHarness.adminEmail, "wrong password!") }
    let unknown = await rpcError { try await registry.signIn("nobody@example.com", "wrong password!") }
    #expect(wrong?.code == .unauthenticated)
    #expect(unknown?.code == .unauthenticated)
    #expect(wrong?.message == unknown?.message)
  }

  @Test("a short password is refused when accepting an invitation")
  func weakPassword() async throws {
    let registry = try await RegistryHarness.start()
    defer { Task { await registry.stop() } }
    let admin = try await registry.admin()
    let invitation = try await admin.invitePerson(
      .init(email: "a@b.example", displayName: "A", roles: [RoleGrant.assessor.message]))
    let error = await rpcError {
      try await registry.anonymous.acceptInvitation(.init(invitationCode: invitation.invitationCode, password: "short"))
    }
    #expect(error?.code == .invalidArgument)
    #expect(error?.message.hasPrefix("password:") == true)
  }

  @Test("inviting an email that is taken is ALREADY_EXISTS; a removed person can be invited again")
  func reinvite() async throws {
    let registry = try await RegistryHarness.start()
    defer { Task { await registry.stop() } }
    let admin = try await registry.admin()
    let (_, id, _) = try await registry.person("x@school.example", [.assessor])
    #expect(
      await code {
        try await admin.invitePerson(
          .init(email: "x@school.example", displayName: "X", roles: [RoleGrant.assessor.message]))
      } == .alreadyExists)
    _ = try await admin.removePerson(.init(personId: id, reason: "left"))
    #expect(
      await code { try await registry.signIn("x@school.example", "password-for-x@school.example") } == .unauthenticated)
    let again = try await admin.invitePerson(
      .init(email: "x@school.example", displayName: "X", roles: [RoleGrant.assessor.message]))
    #expect(again.person?.personId == id)
    #expect(again.person?.state == .invited)
  }

  @Test("roles are granted and revoked; the last programme admin stays")
  func grantsAndRevokes() async throws {
    let registry = try await RegistryHarness.start()
    defer { Task { await registry.stop() } }
    let admin = try await registry.admin()
    _ = try await admin.registerSchool(RegistryHarness.schoolRequest(urn: "120001"))
    let (_, id, _) = try await registry.person("c@school.example", [.contributor("120001")])
    let granted = try await admin.grantRole(.init(personId: id, grant: RoleGrant.schoolAdmin("120001").message))
    #expect(
      Set(granted.roles) == Set([RoleGrant.contributor("120001").message, RoleGrant.schoolAdmin("120001").message]))
    let revoked = try await admin.revokeRole(.init(personId: id, grant: RoleGrant.contributor("120001").message))
    #expect(revoked.roles == [RoleGrant.schoolAdmin("120001").message])
    #expect(
      await code { try await admin.grantRole(.init(personId: id, grant: RoleGrant.schoolAdmin("999999").message)) }
        == .notFound)
    #expect(
      await code { try await admin.grantRole(.init(personId: "p-nobody", grant: RoleGrant.assessor.message)) }
        == .notFound)
    let me = try await admin.listPeople(.init(role: .programmeAdmin)).people
    #expect(me.count == 1)
    #expect(
      await code {
        try await admin.revokeRole(.init(personId: me[0].personId, grant: RoleGrant.programmeAdmin.message))
      } == .failedPrecondition)
  }

  @Test("people are listed by school, authority and role, page by page")
  func listPeople() async throws {
    let registry = try await RegistryHarness.start()
    defer { Task { await registry.stop() } }
    let admin = try await registry.admin()
    _ = try await admin.registerSchool(RegistryHarness.schoolRequest(urn: "130001"))
    for i in 0..<5 {
      _ = try await admin.invitePerson(
        .init(email: "s\(i)@x.example", displayName: "S\(i)", roles: [RoleGrant.contributor("130001").message]))
    }
    _ = try await admin.invitePerson(
      .init(email: "adv@x.example", displayName: "Adviser", roles: [RoleGrant.adviser("330").message]))
    #expect(try await admin.listPeople(.init(schoolUrn: "130001")).totalSize == 5)
    #expect(try await admin.listPeople(.init(localAuthorityCode: "330")).people.map(\.email) == ["adv@x.example"])
    let first = try await admin.listPeople(.init(pageSize: 4))
    #expect(first.people.count == 4)
    #expect(first.totalSize == 7)
    let second = try await admin.listPeople(.init(pageSize: 4, pageToken: first.nextPageToken))
    #expect(second.people.count == 3)
    #expect(Set((first.people + second.people).map(\.personId)).count == 7)
  }

  @Test("a service credential is issued by a programme admin and names the service")
  func serviceToken() async throws {
    let registry = try await RegistryHarness.start()
    defer { Task { await registry.stop() } }
    let admin = try await registry.admin()
    let issued = try await admin.issueServiceToken(.init(serviceName: "self-review", lifetimeSeconds: 3600))
    let service = registry.client(token: issued.token)
    // A service reads the feed and any school.
    _ = try await admin.registerSchool(RegistryHarness.schoolRequest(urn: "140001"))
    #expect(try await service.getSchool(.init(urn: "140001")).urn == "140001")
    #expect(await code { try await admin.issueServiceToken(.init(serviceName: "Bad Name")) } == .invalidArgument)
    #expect(await code { try await service.issueServiceToken(.init(serviceName: "other")) } == .permissionDenied)
  }

  @Test("the verification key is public and verifies the tokens the registry issues")
  func verificationKeys() async throws {
    let registry = try await RegistryHarness.start()
    defer { Task { await registry.stop() } }
    let keys = try await registry.anonymous.getVerificationKeys(.init()).keys
    #expect(keys.count == 1)
    let verifier = try await TokenVerifier(keys: [try VerificationKey(pem: keys[0].publicKeyPem)])
    let token = try await registry.signIn(RegistryHarness.adminEmail, RegistryHarness.adminPassword)
    #expect(try await verifier.verify(token).isProgrammeAdmin)
    #expect(keys[0].jwkJson.contains("\"kid\":\"\(keys[0].keyId)\""))
  }
}
