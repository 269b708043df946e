public import Contracts
internal import RPCCore

/// Sends a checked schools import file to the registry: one `RegisterSchool` call per row,
/// many at a time, with the outcome of every row reported in file order.
///
/// The engine knows nothing of the network: it is handed a `register` closure (the real
/// client in the CLI, a script in tests). Errors are sorted in two kinds:
/// - about the row (INVALID_ARGUMENT, ALREADY_EXISTS, FAILED_PRECONDITION, NOT_FOUND,
///   OUT_OF_RANGE): the row is rejected, or counted as already present, and the import goes on;
/// - about the import (UNAUTHENTICATED, PERMISSION_DENIED, UNAVAILABLE, DEADLINE_EXCEEDED, …):
///   every following row would fail the same way, so no further row is sent; rows in flight
///   finish, and the rest are reported as not imported. Running the same file again with
///   `skipExisting` finishes the job, since a row is registered whole or not at all.
public struct SchoolImport: Sendable {
  /// How many calls may be in flight at once (at least 1).
  public var concurrency: Int
  /// Whether schools the registry already has (ALREADY_EXISTS) are fine rather than errors.
  public var skipExisting: Bool

  public init(concurrency: Int = 32, skipExisting: Bool = false) {
    self.concurrency = max(1, concurrency)
    self.skipExisting = skipExisting
  }

  /// Imports every row of `plan` that passed the client-side checks.
  ///
  /// - Parameters:
  ///   - plan: The checked file.
  ///   - register: Registers one school; throws ``RPCError`` with the registry's status.
  ///   - progress: Told after each call completes (on the caller's task, in completion order).
  /// - Returns: The outcome of every row, in file order.
  public func run(
    _ plan: SchoolImportPlan,
    register: @escaping @Sendable (Registry.RegisterSchoolRequest) async throws -> Void,
    progress: (SchoolImportProgress) -> Void = { _ in }
  ) async -> SchoolImportSummary {
    let start = ContinuousClock.now
    var results: [SchoolImportOutcome.Result?] = plan.rows.map { row in
      if case .failure(let problem) = row.request { .rejected(problem.description) } else { nil }
    }
    let pending: [(index: Int, request: Registry.RegisterSchoolRequest)] =
      plan.rows.indices.compactMap { index in
        if case .success(let request) = plan.rows[index].request { (index, request) } else { nil }
      }
    let finished = await RowCalls.run(
      pending: pending.map { ($0.index, $0.request) }, concurrency: concurrency,
      call: { request -> CallResult in
        do {
          try await register(request)
          return .registered
        } catch let error as RPCError {
          return .failed(error)
        } catch is CancellationError {
          return .interrupted("cancelled")
        } catch {
          return .interrupted(String(describing: error))
        }
      },
      classify: classify, progress: progress)
    let (stopReason, stoppedAtRow) = finished.settle(into: &results) { plan.rows[$0].row }

    let outcomes = plan.rows.indices.map { index in
      SchoolImportOutcome(
        row: plan.rows[index].row,
        urn: plan.rows[index].urn,
        result: results[index]
          ?? .notImported(
            "not sent: the import stopped" + (stoppedAtRow.map { " at row \($0)" } ?? "")
          )
      )
    }
    return SchoolImportSummary(
      outcomes: outcomes,
      skipExisting: skipExisting,
      stopReason: stopReason,
      elapsed: ContinuousClock.now - start
    )
  }

  /// The outcome of checking `plan` without sending anything: its rejected rows.
  public static func check(_ plan: SchoolImportPlan) -> SchoolImportSummary {
    let outcomes = plan.rows.compactMap { row -> SchoolImportOutcome? in
      guard case .failure(let problem) = row.request else { return nil }
      return SchoolImportOutcome(row: row.row, urn: row.urn, result: .rejected(problem.description))
    }
    return SchoolImportSummary(outcomes: outcomes, skipExisting: false)
  }

  private enum CallResult: Sendable {
    case registered
    case failed(RPCError)
    case interrupted(String)
  }

  private func classify(_ result: CallResult) -> (
    result: SchoolImportOutcome.Result, stopsImport: Bool, reason: String
  ) {
    switch result {
    case .registered:
      return (.imported, false, "")
    case .failed(let error):
      let text = ErrorText.status(of: error)
      switch error.code {
      case .alreadyExists:
        return (.alreadyPresent(text), false, text)
      case .invalidArgument, .failedPrecondition, .notFound, .outOfRange:
        return (.rejected(text), false, text)
      default:
        return (.notImported(text), true, text)
      }
    case .interrupted(let reason):
      return (.notImported(reason), true, reason)
    }
  }
}
