import CharterValues
public import FoundationEssentials
import JWTKit
import Synchronization

/// Verifies Charter tokens locally, with the registry's public keys: signature, issuer,
/// audience and expiry, then the caller's grants.
///
/// Verified tokens are remembered until they expire (keyed by the whole token text), so a
/// client presenting the same token on every call pays for one signature check, not one per
/// call.
///
/// A verifier may start with no keys (a service that learns them from the registry after it
/// starts) and learn keys later with ``add(_:)``; until it has one, every token is refused as
/// UNAVAILABLE rather than as a bad credential, since the caller did nothing wrong.
public final class TokenVerifier: Sendable {
  private let keys = JWTKeyCollection()
  private let known = Mutex<[String]>([])
  private let cache = Mutex<[String: (caller: Caller, expires: Date)]>([:])
  private let cacheLimit: Int

  public init(keys: [VerificationKey] = [], cacheLimit: Int = 10_000) async throws(IdentityError) {
    self.cacheLimit = cacheLimit
    try await add(keys)
  }

  /// The ids of the keys tokens may be signed with.
  public var keyIDs: [String] { known.withLock { $0 } }

  /// Learns more keys (a rotated registry key); keys already known are skipped.
  /// - Throws: ``IdentityError/invalidKey(_:)`` for a key that cannot be used.
  public func add(_ newKeys: [VerificationKey]) async throws(IdentityError) {
    for key in newKeys where !keyIDs.contains(key.keyID) {
      do {
        await keys.add(eddsa: try key.eddsaKey, kid: JWKIdentifier(string: key.keyID))
      } catch {
        throw .invalidKey("unusable verification key \(key.keyID): \(error)")
      }
      known.withLock { $0.append(key.keyID) }
    }
  }

  /// The caller a token names.
  /// - Throws: ``IdentityError/invalidToken(_:)`` for anything but a valid, current token;
  ///   ``IdentityError/keysUnavailable`` while no verification key is known.
  public func verify(_ token: String, now: Date = Date()) async throws(IdentityError) -> Caller {
    if let hit = cache.withLock({ $0[token] }) {
      if hit.expires > now { return hit.caller }
      _ = cache.withLock { $0.removeValue(forKey: token) }
      throw .invalidToken("token expired")
    }
    guard !keyIDs.isEmpty else { throw .keysUnavailable }
    // Each of the three parts must be the one canonical base64url spelling of its bytes: the
    // JWT library ignores a last character's unused bits, which would let altered texts of a
    // valid token through.
    let parts = token.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && Base64URL.isCanonical($0) }) else {
      throw .invalidToken("malformed token")
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
