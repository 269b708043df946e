import Contracts
import Foundation
import Identity
import RPCCore
import RegistryService
import Testing

/// Where the contract (the protos) and the code once disagreed, they now say the same thing:
/// each case checks the behaviour and the words the contract uses for it.
@Suite("Registry: the code does what its contract says")
struct ContractAgreementTests {
  static let proto =
    (try? String(
      contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../proto/charter/registry/v1/registry.proto").standardized.path,
      encoding: .utf8)) ?? ""

  /// The comment block just above `rpc <name>` in the registry proto.
  static func rpcComment(_ name: String) -> String {
    let lines = proto.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let index = lines.firstIndex(where: { $0.contains("rpc \(name)(") }) else { return "" }
    return lines[..<index].reversed().prefix { $0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
      .reversed().joined(separator: "\n")
  }

  @Test("signing in before accepting the invitation is UNAUTHENTICATED, worded as a wrong password")
  func signInBeforeAccepting() async throws {
    let registry = try await RegistryHarness.start()
    defer { Task { await registry.stop() } }
    let admin = try await registry.admin()
    _ = try await admin.registerSchool(RegistryHarness.schoolRequest(urn: "120001"))
    _ = try await admin.invitePerson(
      .init(email: "invited@oakfield.example", displayName: "Invited", roles: [RoleGrant.schoolAdmin("120001").message])
    )
    let invited = await rpcError { try await registry.signIn("invited@oakfield.example", "any password at all") }
    let unknown = await rpcError { try await registry.signIn("nobody@oakfield.example", "any password at all") }
    #expect(invited?.code == .unauthenticated)
    #expect(invited?.message == unknown?.message)
    let words = Self.rpcComment("SignIn")
    #expect(words.contains("UNAUTHENTICATED"))
    #expect(!words.contains("FAILED_PRECONDITION"), "the contract must not promise another code: \(words)")
  }

  @Test("an invitation code used twice is FAILED_PRECONDITION, an unknown one NOT_FOUND, as documented")
  func invitationReuse() {
    let words = Self.rpcComment("AcceptInvitation")
    #expect(words.contains("NOT_FOUND (unknown code)"))
    #expect(words.contains("FAILED_PRECONDITION (code already used or expired)"))
  }

  @Test("a service credential lasts 30 days by default and at most 365 days, as the contract and CLI say")
  func serviceTokenLifetime() async throws {
    let registry = try await RegistryHarness.start()
    defer { Task { await registry.stop() } }
    let admin = try await registry.admin()
    let before = Date()
    let issued = try await admin.issueServiceToken(.init(serviceName: "self-review"))
    let lifetime = issued.expiresAt!.secondsSince1970 - before.timeIntervalSince1970
    #expect(abs(lifetime - 30 * 86_400) < 60)
    let twoDays = try await admin.issueServiceToken(.init(serviceName: "self-review", lifetimeSeconds: 2 * 86_400))
    #expect(twoDays.expiresAt!.secondsSince1970 - before.timeIntervalSince1970 > 2 * 86_400 - 60)
    #expect(
      await code { try await admin.issueServiceToken(.init(serviceName: "x1", lifetimeSeconds: 366 * 86_400)) }
        == .invalidArgument)
    #expect(
      await code { try await admin.issueServiceToken(.init(serviceName: "x1", lifetimeSeconds: 59)) }
        == .invalidArgument)
    let configuration = RegistryService.Configuration()
    #expect(configuration.serviceTokenLifetime == .seconds(30 * 86_400))
    #expect(configuration.maxServiceTokenLifetime == .seconds(365 * 86_400))
    #expect(Self.proto.contains("0 means the default (30 days), from 60 seconds to 365 days"))
  }
}
