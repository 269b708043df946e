/// A review's ratings carried over to a newer framework version, with what was left behind.
///
/// Becta moved every school's ratings onto the six-element framework when it went live; the
/// service does the same for a school that moves versions. Doing it as a pure function of the
/// mapping keeps the result reviewable before anything is written.
public struct ReviewMigration: Sendable, Hashable {
  /// The carried-over ratings, by aspect id of the new version. Only new aspects that received
  /// something (a level, commentary or evidence) appear.
  public let ratings: [String: AspectRating]
  /// For each new aspect in ``ratings``, the old aspects it was made from, in mapping order.
  public let sources: [String: [String]]
  /// Old aspects whose non-empty ratings were not carried over: the mapping gives them no
  /// successor (the eight-element framework's Impact on pupil outcomes), or they are not
  /// aspects of the old version at all. In mapping order, then unknown ids sorted.
  public let droppedAspectIds: [String]
}
