import CharterValues
public import Crypto
import CryptoExtras
import FoundationEssentials
import Synchronization

/// Signs certificates' facts with the service's Ed25519 key and checks signatures, so a
/// certificate cannot be changed (in the store or on paper) without verification noticing.
///
/// The key comes from `--signing-key-file` (PEM, PKCS#8) or from the service's store, as the
/// registry keeps its token key. Checks of stored certificates are remembered by the digest of
/// the exact text and signature checked, so a popular certificate is not re-verified on every
/// call, while any change to the stored facts is a new text and is checked afresh.
public final class CertificateSigner: Sendable {
  /// A public key certificates were signed with.
  public struct PublicKey: Sendable, Hashable {
    /// The first 16 hex digits of the SHA-256 of the raw key.
    public let keyID: String
    /// SubjectPublicKeyInfo PEM.
    public let pem: String
    let raw: [UInt8]
  }

  /// The key new certificates are signed with.
  public let current: PublicKey
  /// Every key signatures are checked against, current first.
  public let keys: [PublicKey]
  private let privateKey: Curve25519.Signing.PrivateKey
  private let verified = Mutex<Set<SHA256Digest>>([])
  private static let rememberedChecks = 100_000

  /// - Parameters:
  ///   - privateKeyPEM: the signing key, Ed25519 in PEM (PKCS#8).
  ///   - previousPublicKeyPEMs: keys of certificates signed before a rotation.
  /// - Throws: ``SigningKeyError`` when a key cannot be read.
  public init(privateKeyPEM: String, previousPublicKeyPEMs: [String] = []) throws(SigningKeyError) {
    do {
      privateKey = try Curve25519.Signing.PrivateKey(pemRepresentation: privateKeyPEM)
    } catch {
      throw SigningKeyError(reason: "not an Ed25519 private key in PEM: \(error)")
    }
    current = Self.describe(privateKey.publicKey)
    var keys = [current]
    for pem in previousPublicKeyPEMs {
      do {
        keys.append(Self.describe(try Curve25519.Signing.PublicKey(pemRepresentation: pem)))
      } catch {
        throw SigningKeyError(reason: "not an Ed25519 public key in PEM: \(error)")
      }
    }
    self.keys = keys
  }

  /// A new random signing key, as PEM.
  public static func generatePrivateKeyPEM() -> String { Curve25519.Signing.PrivateKey().pemRepresentation }

  private static func describe(_ key: Curve25519.Signing.PublicKey) -> PublicKey {
    let raw = Array(key.rawRepresentation)
    let id = SHA256.hash(data: raw).prefix(8).map { byte in
      let hex = String(byte, radix: 16)
      return hex.count == 1 ? "0" + hex : hex
    }.joined()
    return PublicKey(keyID: id, pem: key.pemRepresentation, raw: raw)
  }

  /// The signature over the facts' canonical text, with the current key.
  /// - Throws: ``SigningKeyError`` if the signature cannot be made.
  public func sign(_ facts: CertificateFacts) throws(SigningKeyError) -> [UInt8] {
    do {
      return Array(try privateKey.signature(for: Array(facts.canonicalText.utf8)))
    } catch {
      throw SigningKeyError(reason: "could not sign: \(error)")
    }
  }

  /// Whether `signature` is a signature over the facts' canonical text by the key `keyID`.
  public func verify(_ facts: CertificateFacts, signature: [UInt8], keyID: String) -> Bool {
    guard let key = keys.first(where: { $0.keyID == keyID }) else { return false }
    let text = Array(facts.canonicalText.utf8)
    var hasher = SHA256()
    hasher.update(data: key.raw)
    hasher.update(data: text)
    hasher.update(data: signature)
    let digest = hasher.finalize()
    if verified.withLock({ $0.contains(digest) }) { return true }
    guard let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: key.raw),
      publicKey.isValidSignature(signature, for: text)
    else { return false }
    verified.withLock {
      if $0.count >= Self.rememberedChecks { $0.removeAll(keepingCapacity: true) }
      $0.insert(digest)
    }
    return true
  }
}

/// The certificate signing key could not be read or used.
public struct SigningKeyError: Error, Sendable, Hashable, CustomStringConvertible {
  public var reason: String
  public var description: String { reason }
}
