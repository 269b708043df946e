public import Contracts
public import DemoData
internal import RPCCore

/// Loads realistic self-reviews for the demo schools: for each row of the demo schools file
/// with a review profile, StartReview, then one RateAspects call with the ratings
/// ``DemoReview`` makes from the profile, many schools at a time, every row reported in file
/// order.
///
/// The ratings are built on the framework the service itself answers with (GetFramework for
/// the review's framework, fetched once), so the service stays the one place that knows the
/// framework. Loading is idempotent: StartReview returns an existing review, and the same seed
/// gives the same ratings.
///
/// The self-review service learns of schools from the registry's event feed, so just after
/// `charter registry import` it may not know a school yet: StartReview's NOT_FOUND is retried
/// with a short backoff for up to ``schoolPatience``. Other errors are sorted as the registry
/// import sorts them: about the row (INVALID_ARGUMENT, FAILED_PRECONDITION, NOT_FOUND,
/// ALREADY_EXISTS, OUT_OF_RANGE) the row is rejected and the import goes on; about the import
/// (UNAUTHENTICATED, PERMISSION_DENIED, UNAVAILABLE, a framework demo reviews cannot use, …)
/// no further school is started, calls in flight finish, and the rest are reported as not
/// loaded.
public struct DemoReviewImport: Sendable {
  /// How many schools are loaded at once (at least 1).
  public var concurrency: Int
  /// The seed the ratings are drawn from (with each school's URN).
  public var seed: UInt64
  /// How long StartReview's NOT_FOUND is retried for one school.
  public var schoolPatience: Duration
  /// The first wait between those retries; it doubles up to two seconds.
  public var firstRetryDelay: Duration

  public init(
    concurrency: Int = 16,
    seed: UInt64 = 2010,
    schoolPatience: Duration = .seconds(60),
    firstRetryDelay: Duration = .milliseconds(250)
  ) {
    self.concurrency = max(1, concurrency)
    self.seed = seed
    self.schoolPatience = schoolPatience
    self.firstRetryDelay = firstRetryDelay
  }

  /// Loads the review of every row of `plan` that has a profile other than `none`.
  ///
  /// - Parameters:
  ///   - plan: The checked file.
  ///   - calls: The self-review calls.
  ///   - progress: Told after each school completes (on the caller's task).
  /// - Returns: The outcome of every row, in file order.
  public func run(
    _ plan: DemoReviewImportPlan,
    calls: DemoReviewCalls,
    progress: (SchoolImportProgress) -> Void = { _ in }
  ) async -> DemoReviewImportSummary {
    let start = ContinuousClock.now
    var results: [DemoReviewOutcome.Result?] = plan.rows.map { row in
      switch row.profile {
      case .failure(let problem): .rejected(problem.description)
      case .success(.none): .skipped
      case .success: nil
      }
    }
    let pending: [(index: Int, urn: String, profile: ReviewProfile)] =
      plan.rows.indices.compactMap { index in
        let row = plan.rows[index]
        guard row.isLoaded, case .success(let profile) = row.profile else { return nil }
        return (index, row.urn, profile)
      }
    let frameworks = DemoFrameworkCache(fetch: calls.getFramework)
    let finished = await RowCalls.run(
      pending: pending.map { ($0.index, ($0.urn, $0.profile)) }, concurrency: concurrency,
      call: { row -> SchoolResult in
        do {
          return .loaded(try await load(urn: row.0, profile: row.1, calls, frameworks))
        } catch let error as RPCError {
          return .failed(error)
        } catch let error as DemoFrameworkError {
          return .interrupted(error.description)
        } catch is CancellationError {
          return .interrupted("cancelled")
        } catch {
          return .interrupted(String(describing: error))
        }
      },
      classify: classify, progress: progress)
    let (stopReason, stoppedAtRow) = finished.settle(into: &results) { plan.rows[$0].row }

    let outcomes = plan.rows.indices.map { index in
      let row = plan.rows[index]
      return DemoReviewOutcome(
        row: row.row,
        urn: row.urn,
        profile: try? row.profile.get(),
        result: results[index]
          ?? .notLoaded(
            "not loaded: the import stopped" + (stoppedAtRow.map { " at row \($0)" } ?? "")
          )
      )
    }
    return DemoReviewImportSummary(
      outcomes: outcomes,
      stopReason: stopReason,
      elapsed: ContinuousClock.now - start
    )
  }

  /// The outcome of checking `plan` without sending anything: its skipped and rejected rows.
  public static func check(_ plan: DemoReviewImportPlan) -> DemoReviewImportSummary {
    let outcomes = plan.rows.compactMap { row -> DemoReviewOutcome? in
      switch row.profile {
      case .failure(let problem):
        DemoReviewOutcome(row: row.row, urn: row.urn, profile: nil, result: .rejected("\(problem)"))
      case .success(.none):
        DemoReviewOutcome(row: row.row, urn: row.urn, profile: ReviewProfile.none, result: .skipped)
      case .success: nil
      }
    }
    return DemoReviewImportSummary(outcomes: outcomes)
  }

  /// The RateAspects request that stores `ratings` for school `urn`.
  public static func request(urn: String, ratings: [DemoRating]) -> SelfReview.RateAspectsRequest {
    SelfReview.RateAspectsRequest(
      schoolUrn: urn,
      ratings: ratings.map { rating in
        SelfReview.RateAspectRequest(
          aspectId: rating.aspectID,
          level: Int32(clamping: rating.level),
          commentary: rating.commentary,
          evidence: rating.evidence.map {
            SelfReview.EvidenceReference(title: $0.title, location: $0.location)
          }
        )
      }
    )
  }

  /// Starts (or finds) the school's review, builds its ratings and stores them.
  ///
  /// - Returns: How many ratings were stored.
  private func load(
    urn: String,
    profile: ReviewProfile,
    _ calls: DemoReviewCalls,
    _ frameworks: DemoFrameworkCache
  ) async throws -> Int {
    let review = try await startReview(urn: urn, calls)
    let framework = try await frameworks.framework(id: review.frameworkId)
    let ratings = DemoReview.ratings(urn: urn, profile: profile, framework: framework, seed: seed)
    guard !ratings.isEmpty else { return 0 }
    try await calls.rateAspects(Self.request(urn: urn, ratings: ratings))
    return ratings.count
  }

  /// StartReview, retrying NOT_FOUND while the service may still be learning of the school,
  /// and taking a review that already exists (ALREADY_EXISTS, or FAILED_PRECONDITION because
  /// it uses another framework) as it is.
  private func startReview(urn: String, _ calls: DemoReviewCalls) async throws -> SelfReview.Review {
    let deadline = ContinuousClock.now + schoolPatience
    var delay = firstRetryDelay
    while true {
      do {
        return try await calls.startReview(urn)
      } catch let error as RPCError where error.code == .notFound {
        guard ContinuousClock.now + delay <= deadline else {
          throw RPCError(
            code: .notFound,
            message: error.message + " (still unknown to the self-review service after "
              + "\(Self.seconds(schoolPatience)) s; is the school in the registry?)"
          )
        }
        try await Task.sleep(for: delay)
        delay = min(delay * 2, .seconds(2))
      } catch let error as RPCError
        where error.code == .alreadyExists || error.code == .failedPrecondition
      {
        guard let review = try? await calls.getReview(urn) else { throw error }
        return review
      }
    }
  }

  private static func seconds(_ duration: Duration) -> Int64 {
    duration.components.seconds
  }

  private enum SchoolResult: Sendable {
    case loaded(Int)
    case failed(RPCError)
    case interrupted(String)
  }

  private func classify(_ result: SchoolResult) -> (
    result: DemoReviewOutcome.Result, stopsImport: Bool, reason: String
  ) {
    switch result {
    case .loaded(let ratings):
      return (.loaded(ratings: ratings), false, "")
    case .failed(let error):
      let text = ErrorText.status(of: error)
      switch error.code {
      case .invalidArgument, .failedPrecondition, .notFound, .alreadyExists, .outOfRange:
        return (.rejected(text), false, text)
      default:
        return (.notLoaded(text), true, text)
      }
    case .interrupted(let reason):
      return (.notLoaded(reason), true, reason)
    }
  }
}

/// The frameworks reviews use, fetched once each however many schools ask at the same time.
actor DemoFrameworkCache {
  private let fetch: @Sendable (String) async throws -> SelfReview.Framework
  private var entries: [String: Task<DemoFramework, any Error>] = [:]

  init(fetch: @escaping @Sendable (String) async throws -> SelfReview.Framework) {
    self.fetch = fetch
  }

  /// The framework `id` as demo reviews need it.
  ///
  /// - Throws: The GetFramework call's ``RPCError``, or ``DemoFrameworkError``.
  func framework(id: String) async throws -> DemoFramework {
    if let entry = entries[id] { return try await entry.value }
    let fetch = self.fetch
    let entry = Task { try DemoFramework(try await fetch(id)) }
    entries[id] = entry
    return try await entry.value
  }
}
