/// The loop both imports share: one call per pending row, at most `concurrency` in flight,
/// progress after each, and no further row started once an outcome says the import itself
/// cannot go on (calls in flight still finish).
enum RowCalls {
  /// What became of the rows that were started, by row index, and why the import stopped.
  struct Finished<Result> {
    var results: [Int: Result] = [:]
    var stop: (reason: String, index: Int)?

    /// Puts the results into `all` (one slot per row of the plan) and says why the import
    /// stopped and at which file row; rows left without a result mean it was interrupted.
    func settle(into all: inout [Result?], fileRow: (Int) -> Int) -> (reason: String?, atRow: Int?) {
      for (index, result) in results { all[index] = result }
      var reason = stop?.reason
      if reason == nil, all.contains(where: { $0 == nil }) { reason = "interrupted" }
      return (reason, stop.map { fileRow($0.index) })
    }
  }

  /// Runs `call` for every pending row.
  ///
  /// - Parameters:
  ///   - pending: Row indexes with their inputs, in file order.
  ///   - call: One row's work; catches its own errors into its outcome.
  ///   - classify: The row's result, and whether (and why) the import stops.
  ///   - progress: Told after each call completes, on the caller's task.
  static func run<Input: Sendable, Outcome: Sendable, Result>(
    pending: [(index: Int, input: Input)],
    concurrency: Int,
    call: @escaping @Sendable (Input) async -> Outcome,
    classify: (Outcome) -> (result: Result, stopsImport: Bool, reason: String),
    progress: (SchoolImportProgress) -> Void
  ) async -> Finished<Result> {
    let start = ContinuousClock.now
    var finished = Finished<Result>()
    await withTaskGroup(of: (Int, Outcome).self) { group in
      var next = 0
      func launch() {
        let (index, input) = pending[next]
        next += 1
        group.addTask { (index, await call(input)) }
      }
      while next < pending.count, next < max(1, concurrency) { launch() }
      var done = 0
      while let (index, outcome) = await group.next() {
        done += 1
        let classified = classify(outcome)
        finished.results[index] = classified.result
        if classified.stopsImport, finished.stop == nil { finished.stop = (classified.reason, index) }
        progress(SchoolImportProgress(done: done, total: pending.count, elapsed: ContinuousClock.now - start))
        if finished.stop == nil, !Task.isCancelled, next < pending.count { launch() }
      }
    }
    return finished
  }
}
