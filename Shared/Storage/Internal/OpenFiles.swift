internal import Synchronization

/// The database files this process has open, so that each is opened only once.
///
/// Two connections to one file in one process would compete for SQLite's write lock and wait
/// on each other through `busy_timeout` instead of queueing on one worker (GRDB's rule 1:
/// "connect to any database file only once").
enum OpenFiles {
  private static let paths = Mutex<Set<String>>([])

  /// Claims `path` for one ``Database``.
  ///
  /// - Returns: `false` when the file is already open in this process.
  static func claim(_ path: String) -> Bool {
    paths.withLock { $0.insert(path).inserted }
  }

  /// Releases a claim once the connection is closed.
  static func release(_ path: String) {
    _ = paths.withLock { $0.remove(path) }
  }
}
