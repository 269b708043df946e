/// The little geometry the generator needs, in plain arithmetic.
///
/// Converting kilometres to degrees of longitude needs a cosine. The platform's `cos` may round
/// its last bit differently on another C library, and that could move a printed fifth decimal;
/// a Taylor series of basic IEEE operations gives the same bits everywhere.
enum Geography {
  /// Kilometres per degree of latitude (and of longitude at the equator), for a spherical Earth
  /// of mean radius 6,371 km.
  static let kilometresPerDegree = 6371.0 * Double.pi / 180

  /// The cosine of an angle in degrees between −90 and 90, accurate to about 1e-15.
  static func cosine(degrees: Double) -> Double {
    let x = degrees * Double.pi / 180
    let square = x * x
    var term = 1.0
    var sum = 1.0
    for n in stride(from: 2, through: 28, by: 2) {
      term *= -square / Double((n - 1) * n)
      sum += term
    }
    return sum
  }

  /// Rounds degrees to five decimal places (about a metre), the precision the CSV carries, so
  /// that a value read back from the CSV equals the one generated.
  static func roundedToFiveDecimals(_ degrees: Double) -> Double {
    (degrees * 100_000).rounded() / 100_000
  }

  /// Degrees as text with exactly five decimal places, such as "-0.09200"; the inverse of
  /// `Double(_:)` for values from ``roundedToFiveDecimals(_:)``.
  static func fiveDecimals(_ degrees: Double) -> String {
    let scaled = Int((degrees * 100_000).rounded())
    let magnitude = scaled.magnitude
    let fraction = String(magnitude % 100_000)
    let padding = String(repeating: "0", count: 5 - fraction.count)
    return "\(scaled < 0 ? "-" : "")\(magnitude / 100_000).\(padding)\(fraction)"
  }
}
