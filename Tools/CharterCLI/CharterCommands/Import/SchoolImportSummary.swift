internal import Contracts

/// The end of an import: how many rows went in, which did not and why, and the exit status.
///
/// Counts and lists are in file order whatever order the calls completed in. Rows already
/// present are errors unless the import was told to skip them, so a re-run of a file (with
/// `--skip-existing`) succeeds once every row is in.
public struct SchoolImportSummary: Sendable, Hashable {
  /// The rows' outcomes, in file order.
  public var outcomes: [SchoolImportOutcome]
  /// Whether already-present rows are accepted.
  public var skipExisting: Bool
  /// Why the import stopped before sending every row, if it did.
  public var stopReason: String?
  /// How long the import took.
  public var elapsed: Duration

  public init(
    outcomes: [SchoolImportOutcome],
    skipExisting: Bool,
    stopReason: String? = nil,
    elapsed: Duration = .zero
  ) {
    self.outcomes = outcomes
    self.skipExisting = skipExisting
    self.stopReason = stopReason
    self.elapsed = elapsed
  }

  /// Rows registered.
  public var importedCount: Int { count { $0 == .imported } }
  /// Rows whose school the registry already had.
  public var alreadyPresentCount: Int {
    count { if case .alreadyPresent = $0 { true } else { false } }
  }
  /// Rows refused, by the client-side checks or the registry.
  public var rejectedCount: Int { count { if case .rejected = $0 { true } else { false } } }
  /// Rows not registered because the import stopped.
  public var notImportedCount: Int {
    count { if case .notImported = $0 { true } else { false } }
  }

  /// The rows that make the import fail, in file order: rejected rows, rows not imported, and
  /// already-present rows unless ``skipExisting``.
  public var failures: [SchoolImportOutcome] { outcomes.filter(isFailure) }

  /// 0 when every row was imported (or was already present and skipped), 1 otherwise.
  public var exitStatus: Int32 { failures.isEmpty ? 0 : 1 }

  /// The summary for people: the counts, why the import stopped (if it did), then up to
  /// `limit` failing rows as `row <n> (urn <urn>): <reason>`.
  public func report(limit: Int = 50) -> [String] {
    var counts =
      "imported \(importedCount), already present \(alreadyPresentCount), rejected \(rejectedCount)"
    if notImportedCount > 0 { counts += ", not imported \(notImportedCount)" }
    var lines = [counts]
    if alreadyPresentCount > 0, !skipExisting {
      lines.append("already present rows count as errors; pass --skip-existing to accept them")
    }
    if let stopReason {
      lines.append("the import stopped early: \(stopReason)")
      if notImportedCount > 0 {
        lines.append(
          "\(notImportedCount) row\(notImportedCount == 1 ? " was" : "s were") not imported; "
            + "run the import again with --skip-existing to finish"
        )
      }
    }
    let listed = failures.filter { if case .notImported = $0.result { false } else { true } }
    for outcome in listed.prefix(limit) { lines.append(Self.line(for: outcome)) }
    if listed.count > limit {
      lines.append("… and \(listed.count - limit) more (--rejects FILE writes them all)")
    }
    return lines
  }

  /// One failing row as `row <n> (urn <urn>): <reason>`.
  public static func line(for outcome: SchoolImportOutcome) -> String {
    let urn = outcome.urn.isEmpty ? "no urn" : "urn \(outcome.urn)"
    return "row \(outcome.row) (\(urn)): \(reason(of: outcome.result))"
  }

  /// Every failing row as CSV, to fix and import again: the columns `reject_row` and
  /// `reject_reason`, then the row's fields exactly as read (the import ignores the two extra
  /// columns, and drops them here when the input already had them, so re-runs do not pile
  /// them up).
  ///
  /// - Parameter plan: The plan the import ran, for the header and the rows' fields.
  public func rejectsCSV(plan: SchoolImportPlan) -> String {
    let ownColumns = ["reject_row", "reject_reason"]
    let dropped = Set(
      plan.header.fields.indices.filter {
        ownColumns.contains(plan.header.fields[$0].trimmingSpaces.lowercased())
      }
    )
    func kept(_ fields: [String]) -> [String] {
      fields.indices.filter { !dropped.contains($0) }.map { fields[$0] }
    }
    var text = CSVWriter.line(ownColumns + kept(plan.header.fields))
    let fieldsByRow = Dictionary(
      plan.rows.map { ($0.row, $0.fields) },
      uniquingKeysWith: { first, _ in first }
    )
    for outcome in outcomes where isFailure(outcome) {
      let fields = fieldsByRow[outcome.row] ?? []
      text += CSVWriter.line([String(outcome.row), Self.reason(of: outcome.result)] + kept(fields))
    }
    return text
  }

  /// The counts and failing rows as one JSON object, for `--json`.
  public func json() -> String {
    var text = "{\"imported\":\(importedCount),\"alreadyPresent\":\(alreadyPresentCount)"
    text += ",\"rejected\":\(rejectedCount),\"notImported\":\(notImportedCount)"
    if let stopReason { text += ",\"stopReason\":" + JSONString.quoted(stopReason) }
    text += ",\"failures\":["
    text += failures.map { outcome in
      "{\"row\":\(outcome.row),\"urn\":\(JSONString.quoted(outcome.urn)),\"reason\":"
        + JSONString.quoted(Self.reason(of: outcome.result)) + "}"
    }.joined(separator: ",")
    return text + "]}"
  }

  private static func reason(of result: SchoolImportOutcome.Result) -> String {
    switch result {
    case .imported: "imported"
    case .alreadyPresent(let status): "already registered (\(status))"
    case .rejected(let reason), .notImported(let reason): reason
    }
  }

  private func isFailure(_ outcome: SchoolImportOutcome) -> Bool {
    switch outcome.result {
    case .imported: false
    case .alreadyPresent: !skipExisting
    case .rejected, .notImported: true
    }
  }

  private func count(where predicate: (SchoolImportOutcome.Result) -> Bool) -> Int {
    outcomes.reduce(0) { predicate($1.result) ? $0 + 1 : $0 }
  }
}
