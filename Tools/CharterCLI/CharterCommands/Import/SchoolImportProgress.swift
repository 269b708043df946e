/// How far an import has got: calls completed out of calls to make.
public struct SchoolImportProgress: Sendable, Hashable {
  /// Calls completed (successfully or not).
  public var done: Int
  /// Calls the import will make (rows that passed the client-side checks).
  public var total: Int
  /// Time since the import started.
  public var elapsed: Duration

  public init(done: Int, total: Int, elapsed: Duration) {
    self.done = done
    self.total = total
    self.elapsed = elapsed
  }
}
