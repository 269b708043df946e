import CharterValues
import Contracts
import Foundation
import Identity
import Testing

@testable import RegistryService

@Suite("Passwords")
struct PasswordHashTests {
  @Test("a hash verifies its password only, and differs each time (salted)")
  func verify() throws {
    let a = try PasswordHash.make(password: "a long passphrase", logRounds: 10)
    let b = try PasswordHash.make(password: "a long passphrase", logRounds: 10)
    #expect(a.verify("a long passphrase"))
    #expect(!a.verify("a long passphrasE"))
    #expect(a.encoded != b.encoded)
    #expect(a.encoded.hasPrefix("$scrypt$ln=10,r=8,p=1$"))
  }

  @Test(
    "malformed stored hashes never verify",
    arguments: ["", "plain", "$scrypt$ln=99,r=8,p=1$AA==$AA==", "$bcrypt$x$y$z"])
  func malformed(encoded: String) {
    #expect(!PasswordHash(encoded: encoded).verify("anything at all"))
  }
}

@Suite("Access rules")
struct RegistryPolicyTests {
  static func caller(_ grants: [RoleGrant]) -> Caller {
    Caller(kind: .person(id: "p-1"), displayName: "P", grants: grants)
  }
  static let privateSchool = SchoolAccess(urn: "100001", localAuthorityCode: "330", publiclyListed: false)
  static let publicSchool = SchoolAccess(urn: "100002", localAuthorityCode: "926", publiclyListed: true)

  @Test("who sees a school in full, without personal data, or not at all")
  func views() {
    #expect(RegistryPolicy.view(of: Self.privateSchool, by: Self.caller([.programmeAdmin])) == .full)
    #expect(RegistryPolicy.view(of: Self.privateSchool, by: Self.caller([.contributor("100001")])) == .full)
    #expect(RegistryPolicy.view(of: Self.privateSchool, by: Self.caller([.adviser("330")])) == .full)
    #expect(RegistryPolicy.view(of: Self.privateSchool, by: Self.caller([.assessor])) == .redacted)
    #expect(RegistryPolicy.view(of: Self.privateSchool, by: Self.caller([.contributor("100002")])) == .none)
    #expect(RegistryPolicy.view(of: Self.publicSchool, by: Self.caller([.contributor("100001")])) == .redacted)
    #expect(RegistryPolicy.view(of: Self.privateSchool, by: Self.caller([])) == .none)
  }

  @Test("school admins manage only their school's school roles")
  func manage() {
    let head = Self.caller([.schoolAdmin("100001")])
    #expect(RegistryPolicy.mayManage(.contributor("100001"), caller: head))
    #expect(RegistryPolicy.mayManage(.schoolAdmin("100001"), caller: head))
    #expect(!RegistryPolicy.mayManage(.contributor("100002"), caller: head))
    #expect(!RegistryPolicy.mayManage(.assessor, caller: head))
    #expect(!RegistryPolicy.mayManage(.adviser("330"), caller: head))
  }

  @Test("nobody removes themselves; school admins remove only people wholly within their schools")
  func remove() {
    let head = Self.caller([.schoolAdmin("100001")])
    #expect(!RegistryPolicy.mayRemove(person: PersonAccess(id: "p-1", grants: []), caller: head))
    #expect(RegistryPolicy.mayRemove(person: PersonAccess(id: "p-2", grants: [.contributor("100001")]), caller: head))
    #expect(
      !RegistryPolicy.mayRemove(
        person: PersonAccess(id: "p-3", grants: [.contributor("100001"), .assessor]), caller: head))
  }
}
