import CharterValues
import CryptoExtras
import FoundationEssentials

/// Passwords as stored: scrypt (memory-hard, salted; from swift-crypto's CryptoExtras) in
/// PHC string form `$scrypt$ln=15,r=8,p=1$<salt>$<hash>`, so the cost can be raised later
/// and old hashes still verify.
public struct PasswordHash: Sendable, Hashable {
  /// Cost: 2^15 rounds × 8 × 128 B ≈ 32 MiB and tens of milliseconds per check.
  public static let defaultLogRounds = 15

  public let encoded: String

  public init(encoded: String) { self.encoded = encoded }

  /// Hashes a new password with a fresh random salt.
  /// - Throws: ``InvalidField`` when the password is too weak.
  public static func make(password: String, logRounds: Int = defaultLogRounds) throws -> PasswordHash {
    try checkStrength(password)
    var salt = [UInt8](repeating: 0, count: 16)
    var rng = SystemRandomNumberGenerator()
    for i in salt.indices { salt[i] = rng.next() }
    let hash = try derive(password, salt: salt, logRounds: logRounds, blockSize: 8, parallelism: 1)
    return PasswordHash(
      encoded: "$scrypt$ln=\(logRounds),r=8,p=1$\(Data(salt).base64EncodedString())$\(Data(hash).base64EncodedString())"
    )
  }

  /// Whether `password` matches, in time independent of where they differ.
  public func verify(_ password: String) -> Bool {
    let parts = encoded.split(separator: "$", omittingEmptySubsequences: true)
    guard parts.count == 4, parts[0] == "scrypt" else { return false }
    var params: [String: Int] = [:]
    for pair in parts[1].split(separator: ",") {
      let kv = pair.split(separator: "=")
      guard kv.count == 2, let v = Int(kv[1]) else { return false }
      params[String(kv[0])] = v
    }
    guard let ln = params["ln"], let r = params["r"], let p = params["p"], (10...20).contains(ln),
      let salt = Data(base64Encoded: String(parts[2])), let expected = Data(base64Encoded: String(parts[3])),
      let actual = try? Self.derive(password, salt: [UInt8](salt), logRounds: ln, blockSize: r, parallelism: p)
    else { return false }
    let e = [UInt8](expected)
    guard e.count == actual.count else { return false }
    var difference: UInt8 = 0
    for i in e.indices { difference |= e[i] ^ actual[i] }
    return difference == 0
  }

  static func checkStrength(_ password: String) throws(InvalidField) {
    guard password.count >= 10 else {
      throw InvalidField(field: "password", reason: "must be at least 10 characters")
    }
    guard password.count <= 256 else { throw InvalidField(field: "password", reason: "is too long") }
  }

  private static func derive(_ password: String, salt: [UInt8], logRounds: Int, blockSize: Int, parallelism: Int) throws
    -> [UInt8]
  {
    let key = try KDF.Scrypt.deriveKey(
      from: Array(password.utf8), salt: salt, outputByteCount: 32, rounds: 1 << logRounds,
      blockSize: blockSize, parallelism: parallelism)
    return key.withUnsafeBytes { Array($0) }
  }
}
