public import DemoData

/// What became of one row of the demo schools file when its review was loaded.
public struct DemoReviewOutcome: Sendable, Hashable {
  /// The outcome proper.
  public enum Result: Sendable, Hashable {
    /// The review was started (or was already there) and rated with this many ratings.
    case loaded(ratings: Int)
    /// The row's profile is `none`: nothing to load.
    case skipped
    /// The row was refused, by the client-side checks or by the service; the reason says why.
    case rejected(String)
    /// The review was not (or not knowingly) loaded because the import stopped.
    case notLoaded(String)
  }

  /// The row's spreadsheet row number (the header is row 1).
  public var row: Int
  /// The row's URN as written.
  public var urn: String
  /// The row's profile, when it has a valid one.
  public var profile: ReviewProfile?
  public var result: Result

  public init(row: Int, urn: String, profile: ReviewProfile?, result: Result) {
    self.row = row
    self.urn = urn
    self.profile = profile
    self.result = result
  }
}
