/// One of the nine English regions (the former Government Office regions) a local authority
/// belongs to.
///
/// It exists so that the map and the self-review benchmarks can group local authorities the way
/// the Department for Education's statistics and Becta's regional ICT advisers did.
public enum Region: String, CaseIterable, Sendable, Hashable {
  case northEast = "North East"
  case northWest = "North West"
  case yorkshireAndTheHumber = "Yorkshire and the Humber"
  case eastMidlands = "East Midlands"
  case westMidlands = "West Midlands"
  case eastOfEngland = "East of England"
  case london = "London"
  case southEast = "South East"
  case southWest = "South West"

  /// The region's name as published, such as "Yorkshire and the Humber"; the `region` column of
  /// the local-authority CSV.
  public var name: String { rawValue }
}
