import FoundationEssentials

/// The URL- and filename-safe base64 alphabet without padding (RFC 4648 §5), as JWTs, JWKs
/// and the registry's one-time codes use it.
public enum Base64URL {
  public static func encode(_ bytes: [UInt8]) -> String {
    String(
      Data(bytes).base64EncodedString().compactMap { character -> Character? in
        switch character {
        case "+": "-"
        case "/": "_"
        case "=": nil
        default: character
        }
      })
  }
}
