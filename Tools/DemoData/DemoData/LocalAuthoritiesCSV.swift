/// The local-authority table as CSV: what the public map and the benchmarks by authority load.
///
/// Columns: `la_code,la_name,region,latitude,longitude`, one row per authority; latitude and
/// longitude are the authority's rough centre with five decimal places.
public enum LocalAuthoritiesCSV {
  /// The header row's columns, in order.
  public static let columns = ["la_code", "la_name", "region", "latitude", "longitude"]

  /// Renders authorities as CSV, header first, in the order given.
  ///
  /// - Parameter authorities: The authorities; the executable passes
  ///   ``LocalAuthority/england``.
  /// - Returns: The whole file, ending with a line feed.
  public static func render(_ authorities: [LocalAuthority]) -> String {
    var text = ""
    CSV.appendRecord(columns, to: &text)
    for authority in authorities {
      CSV.appendRecord(
        [
          String(authority.code), authority.name, authority.region.name,
          Geography.fiveDecimals(authority.latitude), Geography.fiveDecimals(authority.longitude),
        ], to: &text)
    }
    return text
  }
}
