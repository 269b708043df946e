import CharterValues
public import FoundationEssentials
import JWTKit

/// Issues Charter tokens: short-lived JWTs signed with the registry's Ed25519 key, which every
/// service can verify locally with the public half (``TokenVerifier``).
public final class TokenSigner: Sendable {
  /// Identifies the key in each token's `kid` header, so keys can be rotated.
  public let keyID: String
  /// The public half, for ``TokenVerifier`` and the verification-keys RPC.
  public let publicKey: VerificationKey
  private let keys: JWTKeyCollection

  /// - Parameter privateKeyPEM: an Ed25519 private key in PEM (PKCS#8).
  /// - Throws: ``IdentityError/invalidKey(_:)`` when the key cannot be read.
  public init(privateKeyPEM: String) async throws(IdentityError) {
    let key: EdDSA.PrivateKey
    do {
      key = try EdDSA.PrivateKey(pem: privateKeyPEM)
    } catch {
      throw .invalidKey("not an Ed25519 private key in PEM: \(error)")
    }
    let publicKey = VerificationKey(publicKey: key.publicKey)
    self.publicKey = publicKey
    self.keyID = publicKey.keyID
    self.keys = JWTKeyCollection()
    await keys.add(eddsa: key, kid: JWKIdentifier(string: publicKey.keyID))
  }

  /// A new random Ed25519 private key, as PEM.
  public static func generatePrivateKeyPEM() throws(IdentityError) -> String {
    do {
      return try EdDSA.PrivateKey(curve: .ed25519).pemRepresentation
    } catch {
      throw .invalidKey("could not generate a key: \(error)")
    }
  }

  /// Signs a token for `caller`, valid for `lifetime` from now.
  public func issue(for caller: Caller, lifetime: Duration, now: Date = Date()) async throws -> (
    token: String, expiresAt: Date
  ) {
    let seconds = Double(lifetime.components.seconds) + Double(lifetime.components.attoseconds) / 1e18
    let expiresAt = now.addingTimeInterval(seconds)
    let claims = TokenClaims(caller: caller, issuedAt: now, expiresAt: expiresAt)
    let token = try await keys.sign(claims, kid: JWKIdentifier(string: keyID))
    return (token, expiresAt)
  }
}

/// A public key tokens can be verified with, in the forms other services configure it.
public struct VerificationKey: Sendable, Hashable {
  public let keyID: String
  /// `EdDSA` (Ed25519).
  public let algorithm: String
  public let pem: String
  /// The key as a JWK (RFC 8037 OKP).
  public let jwkJSON: String

  init(publicKey: EdDSA.PublicKey) {
    let raw = [UInt8](publicKey.rawRepresentation)
    let x = Self.base64URL(raw)
    // The key id is derived from the key itself, so the same key always has the same id.
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in raw { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
    let keyID = "ed25519-" + String(hash, radix: 16)
    self.keyID = keyID
    self.algorithm = "EdDSA"
    self.pem = publicKey.pemRepresentation
    self.jwkJSON =
      "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"\(x)\",\"kid\":\"\(keyID)\",\"alg\":\"EdDSA\",\"use\":\"sig\"}"
  }

  /// Reads a public key from PEM.
  public init(pem: String) throws(IdentityError) {
    do {
      self.init(publicKey: try EdDSA.PublicKey(pem: pem))
    } catch {
      throw .invalidKey("not an Ed25519 public key in PEM: \(error)")
    }
  }

  var eddsaKey: EdDSA.PublicKey {
    get throws { try EdDSA.PublicKey(pem: pem) }
  }

  static func base64URL(_ bytes: [UInt8]) -> String { Base64URL.encode(bytes) }
}
