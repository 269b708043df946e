/// Whether a framework version may be used, mirroring the lifecycle of the real frameworks.
///
/// Becta switched schools from the eight-element framework to the six-element revision on
/// 18 June 2010; reviews already under way kept working. The service starts new reviews only on
/// published versions and never changes a version once it is published. Raw values are the
/// spelling used in the framework data files.
public enum FrameworkStatus: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// Being written; never used by schools and may still change.
  case draft
  /// In use; its content is frozen for good.
  case published
  /// Replaced by a newer version; existing reviews keep working, new ones cannot start.
  case retired

  public var description: String { rawValue }
}
