/// The short code printed on every certificate, which anyone can type into VerifyCertificate:
/// twelve characters of Crockford's base 32 (no I, L, O or U, so nothing reads as another
/// character), 60 random bits, shown in groups of four (`7KQM-2XPA-9DHT`).
public enum VerificationCode {
  static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
  public static let length = 12

  /// A new random code, without hyphens.
  public static func random() -> String {
    var generator = SystemRandomNumberGenerator()
    let bits = generator.next() as UInt64
    return String((0..<length).map { alphabet[Int((bits >> UInt64(5 * $0)) & 31)] })
  }

  /// The code as printed: groups of four joined by hyphens.
  public static func formatted(_ code: String) -> String {
    var groups: [String] = []
    var rest = Substring(code)
    while !rest.isEmpty {
      groups.append(String(rest.prefix(4)))
      rest = rest.dropFirst(4)
    }
    return groups.joined(separator: "-")
  }

  /// The code a person typed, as stored: spaces and hyphens dropped, upper-cased, and the
  /// letters people confuse with digits read as those digits (O as 0, I and L as 1).
  /// - Returns: `nil` unless that leaves exactly twelve characters of the alphabet.
  public static func normalised(_ text: String) -> String? {
    var result: [Character] = []
    for character in text.uppercased() {
      switch character {
      case " ", "-", "\t": continue
      case "O": result.append("0")
      case "I", "L": result.append("1")
      default:
        guard alphabet.contains(character) else { return nil }
        result.append(character)
      }
      if result.count > length { return nil }
    }
    return result.count == length ? String(result) : nil
  }
}
