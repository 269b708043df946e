public import Contracts

/// The self-review calls a demo-review import makes, as closures: the real client in the CLI,
/// a script in tests, so the import itself knows nothing of the network.
///
/// Each throws ``RPCError`` with the service's status when the call fails.
public struct DemoReviewCalls: Sendable {
  /// StartReview for a school on the service's default framework.
  public var startReview: @Sendable (_ urn: String) async throws -> SelfReview.Review
  /// GetReview, to find a review that already exists.
  public var getReview: @Sendable (_ urn: String) async throws -> SelfReview.Review
  /// GetFramework, once per framework the reviews use.
  public var getFramework: @Sendable (_ frameworkId: String) async throws -> SelfReview.Framework
  /// RateAspects, once per school.
  public var rateAspects: @Sendable (SelfReview.RateAspectsRequest) async throws -> Void

  public init(
    startReview: @escaping @Sendable (_ urn: String) async throws -> SelfReview.Review,
    getReview: @escaping @Sendable (_ urn: String) async throws -> SelfReview.Review,
    getFramework: @escaping @Sendable (_ frameworkId: String) async throws -> SelfReview.Framework,
    rateAspects: @escaping @Sendable (SelfReview.RateAspectsRequest) async throws -> Void
  ) {
    self.startReview = startReview
    self.getReview = getReview
    self.getFramework = getFramework
    self.rateAspects = rateAspects
  }
}
