public import FoundationEssentials
import JWTKit
import Synchronization

/// Verifies Charter tokens locally, with the registry's public keys: signature, issuer,
/// audience and expiry, then the caller's grants.
///
/// Verified tokens are remembered until they expire (keyed by the whole token text), so a
/// client presenting the same token on every call pays for one signature check, not one per
/// call.
public final class TokenVerifier: Sendable {
  private let keys: JWTKeyCollection
  public let keyIDs: [String]
  private let cache = Mutex<[String: (caller: Caller, expires: Date)]>([:])
  private let cacheLimit: Int

  public init(keys: [VerificationKey], cacheLimit: Int = 10_000) async throws(IdentityError) {
    let collection = JWTKeyCollection()
    for key in keys {
      do {
        await collection.add(eddsa: try key.eddsaKey, kid: JWKIdentifier(string: key.keyID))
      } catch {
        throw .invalidKey("unusable verification key \(key.keyID): \(error)")
      }
    }
    self.keys = collection
    self.keyIDs = keys.map(\.keyID)
    self.cacheLimit = cacheLimit
  }

  /// The caller a token names.
  /// - Throws: ``IdentityError/invalidToken(_:)`` for anything but a valid, current token.
  public func verify(_ token: String, now: Date = Date()) async throws(IdentityError) -> Caller {
    if let hit = cache.withLock({ $0[token] }) {
      if hit.expires > now { return hit.caller }
      _ = cache.withLock { $0.removeValue(forKey: token) }
      throw .invalidToken("token expired")
    }
    let claims: TokenClaims
    do {
      claims = try await keys.verify(token, as: TokenClaims.self)
    } catch let error as IdentityError {
      throw error
    } catch let error as JWTError {
      throw .invalidToken(Self.describe(error))
    } catch {
      throw .invalidToken("token could not be verified")
    }
    let caller = try claims.caller()
    cache.withLock { cache in
      if cache.count >= cacheLimit {
        cache = cache.filter { $0.value.expires > now }
        if cache.count >= cacheLimit { cache.removeAll() }
      }
      cache[token] = (caller, claims.exp.value)
    }
    return caller
  }

  private static func describe(_ error: JWTError) -> String {
    let text = "\(error)".lowercased()
    if text.contains("expired") { return "token expired" }
    if text.contains("signature") { return "bad signature" }
    if text.contains("kid") || text.contains("key") { return "signed with an unknown key" }
    return "malformed token"
  }
}
