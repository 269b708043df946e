import Foundation
import Identity
import RPCCore
import Testing

@Suite("Tokens: issued by the registry's key, verified anywhere with the public half")
struct TokenTests {
  static let alice = Caller(
    kind: .person(id: "p-1"), displayName: "Alice Head",
    grants: [
      try! RoleGrant(.schoolAdmin, .school(urn: "123456")),
      try! RoleGrant(.localAuthorityAdviser, .localAuthority(code: "330")),
    ])

  static func pair() async throws -> (TokenSigner, TokenVerifier) {
    let signer = try await TokenSigner(privateKeyPEM: TokenSigner.generatePrivateKeyPEM())
    return (signer, try await TokenVerifier(keys: [signer.publicKey]))
  }

  @Test("a token round-trips the caller, kind, name and grants")
  func roundTrip() async throws {
    let (signer, verifier) = try await Self.pair()
    let (token, expiresAt) = try await signer.issue(for: Self.alice, lifetime: .seconds(900))
    #expect(expiresAt > Date().addingTimeInterval(890))
    let caller = try await verifier.verify(token)
    #expect(caller == Self.alice)
    #expect(caller.administers(school: "123456"))
    #expect(!caller.administers(school: "654321"))
    #expect(caller.advises(localAuthority: "330"))
  }

  @Test("an expired token is rejected")
  func expired() async throws {
    let (signer, verifier) = try await Self.pair()
    let (token, _) = try await signer.issue(
      for: Self.alice, lifetime: .seconds(60), now: Date().addingTimeInterval(-3600))
    await #expect(throws: IdentityError.self) { _ = try await verifier.verify(token) }
  }

  @Test("a cached token stops being accepted when it expires")
  func cachedExpiry() async throws {
    let (signer, verifier) = try await Self.pair()
    let now = Date()
    let (token, _) = try await signer.issue(for: Self.alice, lifetime: .seconds(60), now: now)
    _ = try await verifier.verify(token, now: now)
    await #expect(throws: IdentityError.self) { _ = try await verifier.verify(token, now: now.addingTimeInterval(120)) }
  }

  @Test("a tampered token is rejected", arguments: ["payload", "signature"])
  func tampered(part: String) async throws {
    let (signer, verifier) = try await Self.pair()
    let (token, _) = try await signer.issue(for: Self.alice, lifetime: .seconds(900))
    var pieces = token.split(separator: ".").map(String.init)
    if part == "payload" {
      // Grant ourselves programme admin: same header and signature, different claims.
      let forged = Caller(kind: .person(id: "p-1"), displayName: "Alice Head", grants: [try RoleGrant(.programmeAdmin)])
      let (other, _) = try await signer.issue(for: forged, lifetime: .seconds(900))
      pieces[1] = String(other.split(separator: ".")[1])
    } else {
      var sig = Array(pieces[2].utf8)
      sig[5] = sig[5] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
      pieces[2] = String(decoding: sig, as: UTF8.self)
    }
    await #expect(throws: IdentityError.self) { _ = try await verifier.verify(pieces.joined(separator: ".")) }
  }

  @Test("a token signed by another key is rejected")
  func foreignKey() async throws {
    let (_, verifier) = try await Self.pair()
    let (otherSigner, _) = try await Self.pair()
    let (token, _) = try await otherSigner.issue(for: Self.alice, lifetime: .seconds(900))
    let error = await #expect(throws: IdentityError.self) { _ = try await verifier.verify(token) }
    #expect(error?.rpcErrorCode == .unauthenticated)
  }

  @Test("garbage is not a token", arguments: ["", "abc", "a.b.c", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."])
  func garbage(text: String) async throws {
    let (_, verifier) = try await Self.pair()
    await #expect(throws: IdentityError.self) { _ = try await verifier.verify(text) }
  }

  @Test("verification keys are stable for the same key and readable from PEM")
  func keys() async throws {
    let pem = try TokenSigner.generatePrivateKeyPEM()
    let a = try await TokenSigner(privateKeyPEM: pem)
    let b = try await TokenSigner(privateKeyPEM: pem)
    #expect(a.keyID == b.keyID)
    #expect(try VerificationKey(pem: a.publicKey.pem) == a.publicKey)
    #expect(a.publicKey.jwkJSON.contains("\"crv\":\"Ed25519\""))
  }
}

@Suite("Role grants")
struct RoleGrantTests {
  @Test(
    "a grant's scope must fit its role",
    arguments: [
      (RoleGrant.Role.schoolAdmin, RoleGrant.Scope.global),
      (.programmeAdmin, .school(urn: "123456")),
      (.localAuthorityAdviser, .school(urn: "123456")),
      (.schoolContributor, .school(urn: "12345")),
      (.localAuthorityAdviser, .localAuthority(code: "33")),
    ])
  func scopeMustFit(role: RoleGrant.Role, scope: RoleGrant.Scope) {
    #expect(throws: IdentityError.self) { _ = try RoleGrant(role, scope) }
  }

  @Test(
    "the compact form parses back",
    arguments: ["school-admin:123456", "local-authority-adviser:330", "programme-admin", "assessor", "service"])
  func compact(text: String) throws {
    #expect(try RoleGrant(parsing: text).description == text)
  }

  @Test("contract messages convert both ways")
  func contract() throws {
    let grant = try RoleGrant(.schoolContributor, .school(urn: "100001"))
    #expect(try RoleGrant(grant.message) == grant)
  }
}

@Suite("Tokens: only the canonical base64url spelling of each part is accepted")
struct CanonicalTokenTests {
  @Test("a signature whose last character differs only in its unused bits is rejected")
  func paddingBits() async throws {
    let (signer, verifier) = try await TokenTests.pair()
    let (token, _) = try await signer.issue(for: TokenTests.alice, lifetime: .seconds(900))
    var pieces = token.split(separator: ".").map(String.init)
    // An Ed25519 signature is 64 bytes: 86 characters, the last carrying 4 unused bits.
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    let last = pieces[2].removeLast()
    let value = alphabet.firstIndex(of: last)!
    let sibling = alphabet[value ^ 0b0001]  // same decoded bytes, different text
    pieces[2].append(sibling)
    let altered = pieces.joined(separator: ".")
    #expect(altered != token)
    await #expect(throws: IdentityError.self) { _ = try await verifier.verify(altered) }
    // The genuine token still verifies (and is not poisoned by the attempt).
    #expect(try await verifier.verify(token) == TokenTests.alice)
  }

  @Test("padding, whitespace and characters outside the alphabet are rejected in any part", arguments: [0, 1, 2])
  func foreignCharacters(part: Int) async throws {
    let (signer, verifier) = try await TokenTests.pair()
    let (token, _) = try await signer.issue(for: TokenTests.alice, lifetime: .seconds(900))
    for suffix in ["=", " ", "+"] {
      var pieces = token.split(separator: ".").map(String.init)
      pieces[part] += suffix
      await #expect(throws: IdentityError.self) { _ = try await verifier.verify(pieces.joined(separator: ".")) }
    }
  }
}
