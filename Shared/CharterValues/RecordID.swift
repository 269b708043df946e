/// Identifiers a service mints for its own records (people, action items, applications): a
/// short kind prefix and 64 random bits in fixed-width hex (`p-00c0ffee12345678`), so they sort
/// and page as text, and say what they name when they turn up in a log.
public enum RecordID {
  /// A new random identifier such as `p-00c0ffee12345678`.
  public static func random(prefix: String) -> String {
    var generator = SystemRandomNumberGenerator()
    let hex = String(generator.next() as UInt64, radix: 16)
    return prefix + "-" + String(repeating: "0", count: 16 - hex.count) + hex
  }
}
