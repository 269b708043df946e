/// A UK postcode, normalised: upper case, one space before the inward code ("b152tt" →
/// "B15 2TT"), so postcodes compare, sort and prefix-match the same in every service.
public struct Postcode: Sendable, Hashable, CustomStringConvertible {
  public let value: String

  /// - Throws: ``InvalidField`` when the text is not a postcode.
  public init(_ text: String, field: String = "address.postcode") throws(InvalidField) {
    let compact = text.uppercased().filter { !$0.isWhitespace }
    guard compact.count >= 5, compact.count <= 7 else {
      throw InvalidField(field: field, reason: "\"\(text)\" is not a UK postcode")
    }
    let outward = compact.dropLast(3)
    let inward = compact.suffix(3)
    let letters = Array(outward)
    // Outward: A9, A9A, A99, AA9, AA9A, AA99. Inward: 9AA.
    func isLetter(_ c: Character) -> Bool { c >= "A" && c <= "Z" }
    func isDigit(_ c: Character) -> Bool { c >= "0" && c <= "9" }
    let area = letters.prefix { isLetter($0) }
    let district = letters.dropFirst(area.count)
    let outwardOK =
      (1...2).contains(area.count) && !district.isEmpty && district.count <= 2
      && isDigit(district.first!) && district.dropFirst().allSatisfy { isLetter($0) || isDigit($0) }
    let inwardChars = Array(inward)
    let inwardOK = isDigit(inwardChars[0]) && isLetter(inwardChars[1]) && isLetter(inwardChars[2])
    guard outwardOK, inwardOK else {
      throw InvalidField(field: field, reason: "\"\(text)\" is not a UK postcode")
    }
    value = "\(outward) \(inward)"
  }

  /// The postcode without its space, for prefix search ("B15" matches "B15 2TT").
  public var compact: String { value.filter { $0 != " " } }

  public var description: String { value }
}
