/// Reads the compact postcode-district lists of the local-authority tables.
enum PostcodeDistricts {
  /// Expands a compact list of postcode districts into outward codes.
  ///
  /// The list is space-separated groups, each an area's letters followed by comma-separated
  /// district numbers or inclusive ranges: `"NW1,3,5-6 WC1-2"` is NW1, NW3, NW5, NW6, WC1, WC2.
  /// The tables are source code, so a malformed list is a programming error and traps.
  ///
  /// - Parameter compact: The compact list.
  /// - Returns: The outward codes, in the order written.
  static func expand(_ compact: String) -> [String] {
    var districts: [String] = []
    for group in compact.split(separator: " ") {
      let area = group.prefix(while: { ("A"..."Z").contains($0) })
      precondition((1...2).contains(area.count), "bad postcode area in \"\(compact)\"")
      let numbers = group.dropFirst(area.count)
      for item in numbers.split(separator: ",", omittingEmptySubsequences: false) {
        let bounds = item.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard let first = bounds.first ?? nil, let last = bounds.last ?? nil, bounds.count <= 2,
          (0...99).contains(first), (first...99).contains(last)
        else { preconditionFailure("bad postcode districts \"\(group)\" in \"\(compact)\"") }
        districts += (first...last).map { "\(area)\($0)" }
      }
    }
    return districts
  }
}
