import CharterValues
import Crypto
import FoundationEssentials
import Identity

/// Invitation codes: 192 random bits, shown once to the inviter; only their SHA-256 is
/// stored, so the database never holds a usable code.
enum Invitation {
  static func newCode() -> String {
    var rng = SystemRandomNumberGenerator()
    let bytes = (0..<24).map { _ in UInt8.random(in: .min ... .max, using: &rng) }
    return Base64URL.encode(bytes)
  }

  static func hash(_ code: String) -> String {
    SHA256.hash(data: Array(code.utf8)).map { byte in
      let hex = String(byte, radix: 16)
      return hex.count == 1 ? "0" + hex : hex
    }.joined()
  }
}
