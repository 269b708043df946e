import DemoData
import Foundation

/// The default England-sized set, generated once for all suites.
enum Fixtures {
  static let schools = SchoolGenerator(seed: SchoolGenerator.defaultSeed, count: 24_000).generate()
}

/// The UK postcode shape every generated postcode must have: area letters, district, one space,
/// sector digit and two unit letters.
func isUKPostcode(_ postcode: String) -> Bool {
  postcode.wholeMatch(of: #/[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}/#) != nil
}

/// Kilometres between a point and an authority's centre, on a flat local projection.
func kilometres(from authority: LocalAuthority, latitude: Double, longitude: Double) -> Double {
  let perDegree = 6371.0 * Double.pi / 180
  let north = (latitude - authority.latitude) * perDegree
  let east = (longitude - authority.longitude) * perDegree * cos(authority.latitude * .pi / 180)
  return (north * north + east * east).squareRoot()
}
